// The one translation unit holding stb_image_write's implementation.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_UNUSED
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "render/offscreen.hpp"

namespace pa::render {

namespace {

// CRC-32 (ISO 3309, the PNG chunk checksum), bitwise: a PNG has one pHYs chunk to sign.
uint32_t crc32_png(const unsigned char* data, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
        c ^= data[i];
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

void put_be32(std::string& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xFFu));
}

/// The pHYs chunk (pixels per metre, both axes) to insert after IHDR.
std::string phys_chunk(double dpi) {
    const auto ppm = static_cast<uint32_t>(dpi / 0.0254 + 0.5);
    std::string body = "pHYs";
    put_be32(body, ppm);
    put_be32(body, ppm);
    body.push_back(1);  // unit: the metre
    std::string chunk;
    put_be32(chunk, 9);
    chunk += body;
    put_be32(chunk, crc32_png(reinterpret_cast<const unsigned char*>(body.data()), body.size()));
    return chunk;
}

}  // namespace

void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba,
               double dpi) {
    // Encoded in memory, then written through OutputFile: every write checked, the previous file kept on
    // failure.
    int len = 0;
    unsigned char* png = stbi_write_png_to_mem(rgba.data(), width * 4, width, height, 4, &len);
    if (!png || len <= 0) {
        STBIW_FREE(png);
        throw InputError("Could not encode the PNG '" + path + "' (" + std::to_string(width) + "x" +
                         std::to_string(height) + " pixels: out of memory?).");
    }
    std::unique_ptr<unsigned char, void (*)(void*)> owned(png, [](void* p) { STBIW_FREE(p); });
    // The signature (8 bytes) and IHDR (4 + 4 + 13 + 4) come first: pHYs goes right after them.
    constexpr size_t kAfterIhdr = 8 + 25;
    std::string bytes(reinterpret_cast<const char*>(png), static_cast<size_t>(len));
    if (dpi > 0 && bytes.size() > kAfterIhdr) bytes.insert(kAfterIhdr, phys_chunk(dpi));
    write_output_bytes(path, bytes);
}

}  // namespace pa::render

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

#include <memory>
#include <string_view>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "render/offscreen.hpp"

namespace pa::render {

void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba) {
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
    write_output_bytes(path, std::string_view(reinterpret_cast<const char*>(png), static_cast<size_t>(len)));
}

}  // namespace pa::render

// The one translation unit holding stb_image_write's implementation.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_UNUSED
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
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

#include "core/common/error.hpp"
#include "render/offscreen.hpp"

namespace pa::render {

void write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba) {
    if (!stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4))
        throw InputError("Could not write the PNG '" + path + "'; check that its folder exists and is writable.");
}

}  // namespace pa::render

#include "render/shaders.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/common/error.hpp"

namespace pa::render {

namespace fs = std::filesystem;

std::string shader_dir() {
    if (const char* env = std::getenv("PARKATLAS_SHADER_DIR"); env && *env) return env;
    std::vector<fs::path> candidates;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path() / "shaders");
        candidates.push_back(exe.parent_path() / ".." / "share" / "parkatlas" / "shaders");
    }
    candidates.emplace_back(PARKATLAS_SHADER_DIR);
    for (const auto& c : candidates)
        if (fs::exists(c / "map_fill.vert", ec)) return c.string();
    return PARKATLAS_SHADER_DIR;
}

std::string read_shader_file(const std::string& file_name) {
    const fs::path path = fs::path(shader_dir()) / file_name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(
            "The shader file '" + path.string() +
            "' is missing; reinstall ParkAtlas or point PARKATLAS_SHADER_DIR at its shaders/ folder.");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Program load_program(const std::string& name) {
    std::string vert =
        read_shader_file(name + ".vert");  // in this order, so the error names the first missing file
    std::string frag = read_shader_file(name + ".frag");
    return Program::from_sources(vert, frag, name);
}

}  // namespace pa::render

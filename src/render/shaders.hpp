#pragma once
// GLSL sources live in shaders/ (name.vert + name.frag). Looked up, in order: $PARKATLAS_SHADER_DIR, shaders/
// next to the executable (and ../share/parkatlas/shaders), then the source tree (compile definition
// PARKATLAS_SHADER_DIR).
#include <string>

#include "render/gl_objects.hpp"

namespace pa::render {

/// The folder the shaders are read from (the first candidate holding map_fill.vert; the environment variable
/// wins even when the folder is missing, so a wrong setting is reported rather than silently ignored).
std::string shader_dir();
/// Reads one shader source; throws pa::InputError naming the full path when the file is missing.
std::string read_shader_file(const std::string& file_name);
/// Compiles and links name.vert + name.frag.
Program load_program(const std::string& name);

}  // namespace pa::render

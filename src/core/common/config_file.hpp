#pragma once
// Where ParkAtlas's default configuration files (config/*.json) are found, so that the CLI and the viewer
// work from any folder.
#include <string>
#include <vector>

namespace pa {

/// Looked up in order: $PARKATLAS_CONFIG_DIR (wins even when the file is missing there, so a wrong setting is
/// reported), config/ in the current folder, config/ next to the executable, ../share/parkatlas/config next
/// to it, then each of `fallback_dirs` (the CLI and the viewer pass the source tree's config/ folder).
/// Returns the first existing file, else the first candidate (so the error names a path).
std::string find_config_file(const std::string& file, const std::vector<std::string>& fallback_dirs = {});

}  // namespace pa

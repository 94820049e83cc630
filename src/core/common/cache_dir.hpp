#pragma once
// ParkAtlas's per-user cache folder: $XDG_CACHE_HOME/parkatlas, else ~/.cache/parkatlas (else the temporary
// folder). The viewer's imported sample and the overviews and tile mosaics built for basemaps live there,
// never beside a user's file.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace pa {

/// The folder (not created).
std::filesystem::path user_cache_dir();
/// ParkAtlas's per-user configuration folder: $XDG_CONFIG_HOME/parkatlas, else ~/.config/parkatlas; empty
/// without either (not created). A desk's own basemap paths live there.
std::filesystem::path user_config_dir();

/// A stable 64-bit FNV-1a hash as 16 hex digits: cache file names from paths and stamps.
std::string cache_key(std::string_view text);

}  // namespace pa

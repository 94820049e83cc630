#pragma once
// parkatlas workspace copy SRC DST: a whole workspace between SpatiaLite and PostGIS, either way (each a
// .sqlite path or a PG:… / postgresql://… connection). Table by table and column by column (the columns both
// sides have), geometry through WKB, all in one transaction on the destination: a failed copy leaves nothing.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pa::store {

struct CopySummary {
    std::vector<std::pair<std::string, int64_t>> rows;  // table -> rows copied
    double seconds = 0.0;
};

/// Copies the workspace `src` into `dst`, which must not hold a workspace yet (a new .sqlite file, or a
/// database without the ParkAtlas schema). WorkspaceError when either cannot be opened or `dst` exists.
CopySummary copy_workspace(const std::string& src, const std::string& dst);

}  // namespace pa::store

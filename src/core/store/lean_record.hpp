#pragma once
// The viewer's first stage of a large workspace as one compact record in render_cache (docs/viewer.md): the
// 23 theme and filter columns of every parcel and its lon/lat box, so that opening a million parcels reads
// one blob instead of a million rows. Written after the first frame of an open that read the rows; keyed by
// the parcels' count and the last import (any import changes it), and deleted by every write to the parcels
// (replace_parcels, update_parcel_derived), so a stale record is never read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace pa::store {

inline constexpr const char* kLeanRecordPrefix = "parcels-lean-v1:";

/// The record of `parcels` (ids ascending) and their boxes, in three pieces written one after the other
/// (Workspace::replace_cache's pieces: a million parcels' record, 190 MB, is never joined in memory).
struct LeanPieces {
    std::string head;   // magic, version, count, the dictionary, the codes' length
    std::string codes;  // every parcel's code, one after the other
    std::string fixed;  // the fixed-size part of every parcel
    bool empty() const { return head.empty(); }
    std::vector<std::string_view> pieces() const { return {head, codes, fixed}; }
};
/// Empty when the parcels are not a workspace this record is for (too many distinct values).
LeanPieces serialize_lean_pieces(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes);
/// The pieces joined (tests; small workspaces).
std::string serialize_lean(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes);
/// Fills `parcels` (resized) and `boxes` from a record; false when the blob is not a record of this version
/// (then they are left empty). Decoded on `threads` threads.
bool deserialize_lean(std::string_view blob, std::vector<Parcel>& parcels, std::vector<BBox>& boxes,
                      unsigned threads);

}  // namespace pa::store

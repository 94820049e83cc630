#pragma once
// Checks between the layers of a workspace (GEOS C API, STRtree; no O(n²) pair loops). Semantics follow
// docs/sample-data-contract.md "Defect semantics": kinds, layers, ids and severities there are the contract.
#include <vector>

#include "core/model.hpp"

namespace pa::check {

struct CheckOptions {
    double overlap_min_m2 = 1.0;  // an overlap counts when the intersection is larger than this
    double outside_share = 0.01;  // outside_zone when more than this share of the area lies outside its zone
    double declared_tolerance =
        0.05;  // declared_area_mismatch when |declared - measured| / measured exceeds this
};

/// Sets Parcel::zone_code to the zone holding most of the parcel's area ("" when none); records not_in_zone
/// and outside_zone warnings.
void assign_zones(std::vector<Parcel>& parcels, const std::vector<Zone>& zones, std::vector<Problem>& out,
                  const CheckOptions& opt = {});
/// Overlaps between parcels (intersection area > overlap_min_m2): one warning per parcel concerned, located
/// at a point of the (first) overlap.
void find_overlaps(const std::vector<Parcel>& parcels, std::vector<Problem>& out,
                   const CheckOptions& opt = {});
/// One error per parcel code held by more than one parcel.
void find_duplicate_codes(const std::vector<Parcel>& parcels, std::vector<Problem>& out);
/// ZDMJ (planar) against the planar Gauss-Kruger area, TBMJ (ellipsoidal) against the ellipsoidal area.
void check_declared_areas(const std::vector<Parcel>& parcels, std::vector<Problem>& out,
                          const CheckOptions& opt = {});

/// Supplementary agreements (BCKGRQ) that move the contracted start by more than a year or give no article 8
/// cause (MZYY 政府原因/不可抗力): `supplement_extension` warnings (闲置土地处置办法 article 12).
void check_supplements(const std::vector<Parcel>& parcels, std::vector<Problem>& out);

/// All of the above, zone assignment first.
void run_parcel_checks(std::vector<Parcel>& parcels, const std::vector<Zone>& zones,
                       std::vector<Problem>& out, const CheckOptions& opt = {});

}  // namespace pa::check

#pragma once
// Joins of the workspace used by the land-state, supply, life-cycle and targets analyses: which projects sit
// on which parcel, which parcels a project uses and which zone a project belongs to. Built once from what
// Workspace::load_* returns; the pointers point into those vectors, so keep them alive while the index is
// used.
#include <string>
#include <vector>

#include "core/common/index_lists.hpp"
#include "core/model.hpp"

namespace pa::analysis {

struct LedgerIndex {
    std::vector<std::vector<const Project*>> projects_of_parcel;  // indexed like the parcels vector
    std::vector<std::vector<const Parcel*>> parcels_of_project;   // indexed like the projects vector
    /// Zone code of each project: the zone holding most of its linked parcels' area, else the zone whose
    /// Chinese or English name equals 所属园区, else "" (unknown).
    std::vector<std::string> project_zone;
};

LedgerIndex index_ledger(const std::vector<Parcel>& parcels, const std::vector<Project>& projects,
                         const std::vector<Link>& links, const std::vector<Zone>& zones);
/// LedgerIndex::project_zone alone, from the projects on each parcel (indices into `projects`, as the
/// viewer's MapData holds them): the same zones without the two pointer lists (a million parcels: 90 MB).
std::vector<std::string> project_zones(const std::vector<Parcel>& parcels,
                                       const std::vector<Project>& projects,
                                       const IndexLists& parcel_projects, const std::vector<Zone>& zones);

}  // namespace pa::analysis

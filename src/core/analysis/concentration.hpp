#pragma once
// Concentration measures per zone and industry (docs/clustering.md gives each formula):
//  - location quotient LQ(z,i) = (v(z,i) / v(z)) / (v(i) / V), v by investment, output or project count;
//  - share of the city total of the industry s(z,i) = v(z,i) / v(i), and of the zone's total v(z,i) / v(z);
//  - Herfindahl–Hirschman index of an industry across zones HHI(i) = Σ_z s(z,i)², and of a zone across
//  industries
//    HHI(z) = Σ_i (v(z,i) / v(z))² (both in 0..1; ×10000 gives the antitrust convention);
//  - Clark–Evans nearest-neighbour index per industry: R = mean NN distance / (0.5 √(A/n)), z = (d̄ − d_e) /
//  SE with
//    SE = 0.26136 √A / n, A the study area (convex hull of all located projects, or the zones' area).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/cluster.hpp"
#include "core/model.hpp"

namespace pa::store {
class Workspace;
}

namespace pa::analysis {

enum class ConcentrationBy { Invest, Output, Count, Jobs };
enum class StudyArea { Hull, Zones };
const char* to_string(ConcentrationBy b);
const char* to_string(StudyArea a);

/// One project as the concentration measures see it.
struct ConcentrationInput {
    std::string zone;  // zone code ("" when the project is in no zone: counted in the city total only)
    std::string industry;
    double value = 0.0;  // investment / output in 万元, or 1 for a count
    std::optional<LonLat> pos;
};

struct ZoneIndustryCell {
    std::string zone, industry;
    double value = 0.0;
    int projects = 0;
    std::optional<double> lq;        // none when the zone or the industry total is 0
    double share_of_industry = 0.0;  // v(z,i) / v(i)
    double share_of_zone = 0.0;      // v(z,i) / v(z)
};

struct NearestNeighbourIndex {
    size_t n = 0;
    double mean_nn_m = 0.0;      // observed mean distance to the nearest other point
    double expected_nn_m = 0.0;  // 0.5 √(A / n) (complete spatial randomness)
    double r = 0.0;              // mean_nn / expected: < 1 clustered, ≈ 1 random, > 1 dispersed
    double z = 0.0;              // (mean_nn − expected) / (0.26136 √A / n)
    double area_m2 = 0.0;
};

struct IndustryConcentration {
    std::string industry;
    double total = 0.0;
    int projects = 0;
    double hhi_zones = 0.0;                    // Σ_z s(z,i)²
    int zones = 0;                             // zones with v(z,i) > 0
    std::optional<NearestNeighbourIndex> nni;  // none with fewer than 2 located projects
};

struct ZoneConcentration {
    std::string zone;
    double total = 0.0;
    double hhi_industries = 0.0;  // Σ_i (v(z,i) / v(z))²
};

struct ConcentrationResult {
    ConcentrationBy by = ConcentrationBy::Invest;
    StudyArea study = StudyArea::Hull;
    double city_total = 0.0;
    double study_area_m2 = 0.0;
    std::vector<ZoneIndustryCell> cells;  // zone-major, both sorted by name
    std::vector<IndustryConcentration> industries;
    std::vector<ZoneConcentration> zones;
};

/// Clark–Evans R of points in metres for a study area in m² (n >= 2, area > 0; otherwise InputError).
NearestNeighbourIndex nearest_neighbour_index(std::span<const XY> pts, double area_m2);

/// Area in m² of the convex hull of points in a plane (0 for fewer than 3 non-collinear points).
double convex_hull_area_m2(std::span<const XY> pts);

/// The measures over the inputs. `zones_area_m2` is used when study == Zones.
ConcentrationResult concentration(const std::vector<ConcentrationInput>& in, ConcentrationBy by,
                                  StudyArea study, double zones_area_m2 = 0.0);

/// Projects of the workspace as inputs: zone = zone of their (first) linked parcel, else the ledger's
/// 所属园区 matched to a zone name; position as for clustering. Projects without the chosen figure are left
/// out (by Count: all).
std::vector<ConcentrationInput> concentration_inputs(store::Workspace& ws, ConcentrationBy by,
                                                     double* zones_area_m2 = nullptr);

nlohmann::json to_json(const ConcentrationResult& r);

}  // namespace pa::analysis

#pragma once
// Density-based clustering of projects (ledger coordinates, else their parcels' centroids) or parcels, with
// distances in metres in a local transverse Mercator plane (see docs/clustering.md for the formulas, the
// weighting rule and the accuracy of the projection).
//
//  - dbscan(): DBSCAN on points in metres, grid index with cell side = eps, region queries in parallel
//    (std::thread), union-find over core points. Deterministic: the result depends on nothing but the input.
//  - dbscan_graph(): the same rules on an explicit neighbour graph (used for --metric edge: parcels whose
//  edges
//    lie within eps of each other are neighbours, found with a GEOS STRtree prefilter).
//  - cluster_workspace(): reads a workspace, builds the items, clusters them, summarises each cluster
//  (members,
//    investment, output, 亩, zones) and computes its hull (GEOS concave hull, convex fallback) in CGCS2000
//    lon/lat.
//
// Rules shared by both DBSCAN variants (and by the brute-force reference in the tests):
//  - a point is *core* when the sum of the weights of the points within eps (itself included, distance <=
//  eps)
//    reaches min_weight (unweighted: every weight is 1, so this is the usual min-points rule);
//  - clusters are the connected components of core points (core-core pairs within eps);
//  - a non-core point within eps of at least one core point is a *border* point of the cluster of its nearest
//  core
//    point (ties: the core point with the smallest input index); other points are noise (label -1);
//  - clusters are numbered 0, 1, … in the order of the smallest input index among their members.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"

namespace pa::store {
class Workspace;
}

namespace pa::analysis {

/// A position in metres in a local plane.
struct XY {
    double x_m = 0.0;
    double y_m = 0.0;
};

/// Transverse Mercator on the GRS80 ellipsoid (= CGCS2000 to 0.1 mm) centred on (lon0, lat0), scale 1 on the
/// central meridian. Over a city (±60 km from the centre) the scale error is below 5e-5: distances are good
/// to 0.005 %. Owns its PROJ context and PJ* (RAII); one instance per thread.
class LocalProjection {
  public:
    LocalProjection(double lon0_deg, double lat0_deg);
    ~LocalProjection();
    LocalProjection(const LocalProjection&) = delete;
    LocalProjection& operator=(const LocalProjection&) = delete;
    /// Centred on the middle of the bounding box of `pts` (106.6°E 26.6°N when empty).
    static std::pair<double, double> centre_of(const std::vector<LonLat>& pts);
    XY forward(const LonLat& p) const;
    LonLat inverse(const XY& p) const;
    double lon0() const { return lon0_; }
    double lat0() const { return lat0_; }

  private:
    double lon0_, lat0_;
    void* ctx_ = nullptr;  // PJ_CONTEXT*
    void* pj_ = nullptr;   // PJ*
};

struct DbscanResult {
    std::vector<int> labels;    // per input point: cluster 0..cluster_count-1, or -1 for noise
    std::vector<uint8_t> core;  // 1 when the point is a core point
    int cluster_count = 0;
    size_t noise_count() const;
};

/// DBSCAN of points in metres. `weights` empty means 1 per point. `threads` 0 = hardware concurrency.
/// Throws InputError when eps_m <= 0, min_weight <= 0 or the weights do not match the points.
DbscanResult dbscan(std::span<const XY> pts, std::span<const double> weights, double eps_m, double min_weight,
                    unsigned threads = 0);

/// One neighbour of a node: its index and the distance in metres (used to pick the nearest core for borders).
using Neighbour = std::pair<uint32_t, double>;
/// DBSCAN on an explicit symmetric neighbour graph: neighbours[i] lists the nodes j != i within eps of i.
DbscanResult dbscan_graph(const std::vector<std::vector<Neighbour>>& neighbours,
                          std::span<const double> weights, double min_weight);

enum class ClusterOf { Projects, Parcels };
enum class ClusterMetric { Centroid, Edge };
enum class HullKind { Concave, Convex };
enum class Weighting { None, Invest };

struct ClusterParams {
    ClusterOf of = ClusterOf::Projects;
    std::vector<std::string> industries;  // empty = all industries
    bool per_industry = false;  // cluster each industry on its own (else all selected items together)
    double eps_m = 500.0;
    double min_points = 5.0;  // minimum weight (= number of items when unweighted) of a core point
    Weighting weight = Weighting::None;
    double weight_unit_wan = 0.0;  // investment counted as one item; 0 = mean investment of the items
    ClusterMetric metric = ClusterMetric::Centroid;  // Edge: distance between parcel edges (parcels only)
    HullKind hull = HullKind::Concave;
    double concave_ratio = 0.3;  // GEOSConcaveHull ratio: 0 = tightest, 1 = convex
    unsigned threads = 0;
};

/// One thing being clustered: a project or a parcel.
struct ClusterItem {
    std::string kind;                // "project" | "parcel"
    int64_t rowid = 0;               // workspace row id
    std::string id;                  // 项目编号 or ZDDM
    std::string name;                // project name or 坐落
    std::string industry;            // 产业类别 (parcels: of the projects on it)
    std::vector<std::string> zones;  // zone codes (or the ledger's 所属园区 when no parcel is linked)
    LonLat pos;                      // CGCS2000
    std::optional<double> invest_wan, output_wan;  // 固定资产投资, 年产值
    std::vector<int64_t> parcel_ids;               // parcels it stands on (a parcel: itself)
    std::optional<double> own_area_mu;             // 用地面积 from the ledger when no parcel is linked
    double weight = 1.0;
    MultiPolygon geom;  // parcels only (for --metric edge and hulls)
    int cluster = -1;   // global cluster id after clustering, -1 = noise
    bool core = false;
};

struct Cluster {
    int id = 0;
    std::string industry;                                 // dominant industry (most members; ties by name)
    std::vector<std::pair<std::string, int>> industries;  // members per industry, most first
    std::vector<size_t> members;                          // indices into ClusterResult::items
    double invest_wan = 0.0;  // sum of members' 固定资产投资 (missing counted as 0)
    double output_wan = 0.0;  // sum of members' 年产值
    double area_mu = 0.0;     // distinct parcels' ellipsoidal 亩 (+ ledger 用地面积 of unplaced members)
    std::vector<std::string> zones;  // distinct zone codes, sorted
    LonLat centre;                   // mean of the members' positions
    MultiPolygon hull;               // CGCS2000 lon/lat
    std::string hull_kind;           // "concave" | "convex" | "buffer" (fewer than 3 distinct points)
    double hull_area_m2 = 0.0;       // in the local plane
};

struct ClusterResult {
    ClusterParams params;
    double weight_unit_wan = 0.0;    // the unit actually used (Weighting::Invest)
    std::vector<ClusterItem> items;  // everything that took part (located items of the selected industries)
    std::vector<Cluster> clusters;
    size_t noise = 0;
    size_t unlocated = 0;           // selected projects with neither coordinates nor a linked parcel
    double lon0 = 0.0, lat0 = 0.0;  // centre of the local projection
};

/// Projects of the selected industries with a position (ledger lon/lat, else the mean of their linked
/// parcels' centroids), or parcels (industry = the parcel's stored main industry, else that of its largest
/// project).
std::vector<ClusterItem> make_cluster_items(const std::vector<Project>& projects,
                                            const std::vector<Link>& links,
                                            const std::vector<Parcel>& parcels,
                                            const std::vector<Zone>& zones, const ClusterParams& params,
                                            size_t* unlocated = nullptr);

/// Clusters the items (per industry when params.per_industry), then summarises every cluster and builds its
/// hull.
ClusterResult cluster_items(std::vector<ClusterItem> items, const std::vector<Parcel>& parcels,
                            const ClusterParams& params);

/// Loads the workspace and runs make_cluster_items + cluster_items.
ClusterResult cluster_workspace(store::Workspace& ws, const ClusterParams& params);

/// {"params":{...},"clusters":[{...}],"noise":N,...}
nlohmann::json to_json(const ClusterResult& r);

const char* to_string(ClusterOf o);
const char* to_string(ClusterMetric m);
const char* to_string(HullKind h);
const char* to_string(Weighting w);

}  // namespace pa::analysis

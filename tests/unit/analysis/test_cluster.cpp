// DBSCAN: constructed cases with known answers, equality with a brute-force O(n²) reference on random data,
// the weight rule, the edge metric, cluster summaries/hulls and the GeoPackage output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <random>

#include <gdal.h>
#include <geodesic.h>
#include <ogr_api.h>

#include "core/analysis/cluster.hpp"
#include "core/common/error.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/output/cluster_gpkg.hpp"

using namespace pa;
using namespace pa::analysis;

namespace {

/// The reference: the rules of cluster.hpp written the slow, obvious way.
DbscanResult brute_dbscan(const std::vector<XY>& p, const std::vector<double>& w, double eps, double minw) {
    const size_t n = p.size();
    auto wt = [&](size_t i) { return w.empty() ? 1.0 : w[i]; };
    auto d2 = [&](size_t i, size_t j) {
        const double dx = p[j].x_m - p[i].x_m, dy = p[j].y_m - p[i].y_m;
        return dx * dx + dy * dy;
    };
    DbscanResult r;
    r.core.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        double s = 0;
        for (size_t j = 0; j < n; ++j)
            if (d2(i, j) <= eps * eps) s += wt(j);
        r.core[i] = s >= minw;
    }
    // Components of core points by flood fill.
    std::vector<long> comp(n, -1);
    for (size_t i = 0; i < n; ++i) {
        if (!r.core[i] || comp[i] >= 0) continue;
        std::vector<size_t> stack{i};
        comp[i] = long(i);
        while (!stack.empty()) {
            size_t a = stack.back();
            stack.pop_back();
            for (size_t b = 0; b < n; ++b)
                if (r.core[b] && comp[b] < 0 && d2(a, b) <= eps * eps) {
                    comp[b] = long(i);
                    stack.push_back(b);
                }
        }
    }
    std::vector<long> root(n, -1);
    for (size_t i = 0; i < n; ++i) {
        if (r.core[i]) {
            root[i] = comp[i];
            continue;
        }
        double best = std::numeric_limits<double>::infinity();
        long bj = -1;
        for (size_t j = 0; j < n; ++j) {
            if (!r.core[j] || d2(i, j) > eps * eps) continue;
            if (d2(i, j) < best) {  // j ascending: equal distance keeps the smaller index
                best = d2(i, j);
                bj = long(j);
            }
        }
        if (bj >= 0) root[i] = comp[size_t(bj)];
    }
    r.labels.assign(n, -1);
    std::vector<int> id(n, -1);
    for (size_t i = 0; i < n; ++i) {
        if (root[i] < 0) continue;
        if (id[size_t(root[i])] < 0) id[size_t(root[i])] = r.cluster_count++;
        r.labels[i] = id[size_t(root[i])];
    }
    return r;
}

std::vector<XY> clustered_random(std::mt19937_64& rng, size_t n, int centres, double extent, double spread) {
    std::uniform_real_distribution<double> u(0, extent);
    std::normal_distribution<double> g(0, spread);
    std::vector<XY> c;
    for (int i = 0; i < centres; ++i) c.push_back({u(rng), u(rng)});
    std::vector<XY> p;
    for (size_t i = 0; i < n; ++i) {
        if (i % 5 == 0) {
            p.push_back({u(rng), u(rng)});  // background noise
        } else {
            const XY& k = c[i % c.size()];
            p.push_back({k.x_m + g(rng), k.y_m + g(rng)});
        }
    }
    // Integer metres make exact ties (equal distances) common, which exercises the tie rules.
    for (auto& q : p) {
        q.x_m = std::round(q.x_m);
        q.y_m = std::round(q.y_m);
    }
    return p;
}

}  // namespace

TEST(ClusterDbscan, TwoSeparatedGroupsNoiseAndBorder) {
    // Group A: a 3x3 lattice with 10 m spacing around (0,0); group B: the same around (1000,0).
    std::vector<XY> p;
    for (int i = -1; i <= 1; ++i)
        for (int j = -1; j <= 1; ++j) p.push_back({10.0 * i, 10.0 * j});
    for (int i = -1; i <= 1; ++i)
        for (int j = -1; j <= 1; ++j) p.push_back({1000.0 + 10.0 * i, 10.0 * j});
    p.push_back({500.0, 500.0});  // 18: noise, far from both
    p.push_back({30.0, 0.0});     // 19: border of A: 20 m from (10,0) only, which is core
    p.push_back({1000.0, 35.0});  // 20: 25 m from (1000,10): border of B
    // eps 15 m, min 4: lattice corners have 3 neighbours + itself = 4 -> core; the centre has 5
    // (diagonals 14.1 m).
    auto r = dbscan(p, {}, 15.0, 4.0, 2);
    EXPECT_EQ(r.cluster_count, 2);
    for (int i = 0; i < 9; ++i) EXPECT_EQ(r.labels[size_t(i)], 0) << i;
    for (int i = 9; i < 18; ++i) EXPECT_EQ(r.labels[size_t(i)], 1) << i;
    EXPECT_EQ(r.labels[18], -1);
    EXPECT_EQ(r.labels[20], -1);  // 25 m > eps: noise
    EXPECT_EQ(r.labels[19], -1);  // 20 m > eps: noise
    EXPECT_EQ(r.noise_count(), 3u);

    // With eps 20: (30,0) is 20 m from (10,0) (distance <= eps counts) -> border of A, not core (few
    // neighbours).
    auto r2 = dbscan(p, {}, 20.0, 4.0, 1);
    EXPECT_EQ(r2.cluster_count, 2);
    EXPECT_EQ(r2.labels[19], 0);
    EXPECT_FALSE(r2.core[19]);
    EXPECT_EQ(r2.labels[18], -1);
}

TEST(ClusterDbscan, BorderGoesToNearestCore) {
    // Two dense rows (x = -20..0 and 44..64, 1 m apart) and a point between them that is not core itself.
    std::vector<XY> p;
    for (int i = -20; i <= 0; ++i) p.push_back({double(i), 0.0});  // 0..20
    for (int i = 44; i <= 64; ++i) p.push_back({double(i), 0.0});  // 21..41
    p.push_back({23.0, 0.0});  // 42: 23 m from x=0, 21 m from x=44; sees 3 + 5 + itself = 9 < 12
    auto r = dbscan(p, {}, 25.0, 12.0, 2);
    ASSERT_EQ(r.cluster_count, 2);
    EXPECT_FALSE(r.core[42]);
    EXPECT_EQ(r.labels[42], r.labels[21]);  // the nearer core wins
    EXPECT_EQ(brute_dbscan(p, {}, 25.0, 12.0).labels, r.labels);
    // Equidistant (22 m from x=0 and from x=44): the core with the smaller input index (x=0, group 1) wins.
    p[42] = {22.0, 0.0};
    auto t = dbscan(p, {}, 25.0, 12.0, 2);
    ASSERT_EQ(t.cluster_count, 2);
    EXPECT_FALSE(t.core[42]);
    EXPECT_EQ(t.labels[42], t.labels[0]);
    EXPECT_EQ(brute_dbscan(p, {}, 25.0, 12.0).labels, t.labels);
}

TEST(ClusterDbscan, IdenticalToBruteForceOnRandomData) {
    std::mt19937_64 rng(20240601);
    for (int round = 0; round < 6; ++round) {
        const size_t n = 400 + size_t(round) * 150;
        auto p = clustered_random(rng, n, 3 + round, 5000.0, 60.0 + 20.0 * round);
        const double eps = 40.0 + 15.0 * round;
        const double minp = 3.0 + round;
        auto ref = brute_dbscan(p, {}, eps, minp);
        for (unsigned threads : {1u, 2u, 4u}) {
            auto r = dbscan(p, {}, eps, minp, threads);
            ASSERT_EQ(r.cluster_count, ref.cluster_count) << "round " << round << " threads " << threads;
            EXPECT_EQ(r.labels, ref.labels) << "round " << round << " threads " << threads;
            EXPECT_EQ(r.core, ref.core) << "round " << round;
        }
        EXPECT_GT(ref.cluster_count, 0);
        EXPECT_GT(std::count(ref.labels.begin(), ref.labels.end(), -1), 0);
        // The graph variant on brute-force neighbour lists gives the same answer.
        std::vector<std::vector<Neighbour>> nb(n);
        for (size_t i = 0; i < n; ++i)
            for (size_t j = 0; j < n; ++j) {
                const double d = std::hypot(p[i].x_m - p[j].x_m, p[i].y_m - p[j].y_m);
                if (i != j && d * d <= eps * eps) nb[i].push_back({uint32_t(j), d});
            }
        EXPECT_EQ(dbscan_graph(nb, {}, minp).labels, ref.labels) << "round " << round;
    }
}

TEST(ClusterDbscan, WeightedIdenticalToBruteForce) {
    std::mt19937_64 rng(7);
    auto p = clustered_random(rng, 800, 5, 4000.0, 80.0);
    std::exponential_distribution<double> e(1.0);
    std::vector<double> w;
    for (size_t i = 0; i < p.size(); ++i) w.push_back(e(rng));
    auto ref = brute_dbscan(p, w, 70.0, 6.0);
    auto r = dbscan(p, w, 70.0, 6.0, 2);
    EXPECT_EQ(r.labels, ref.labels);
    EXPECT_EQ(r.core, ref.core);
    EXPECT_GT(ref.cluster_count, 0);
}

TEST(ClusterDbscan, WeightByInvestmentMakesAHeavyFirmCore) {
    // Three firms 50 m apart: unweighted with min 5 they are noise; one big investor (weight 4) makes them a
    // cluster.
    std::vector<XY> p = {{0, 0}, {50, 0}, {100, 0}, {5000, 0}};
    auto r = dbscan(p, {}, 60.0, 5.0, 1);
    EXPECT_EQ(r.cluster_count, 0);
    std::vector<double> w = {0.5, 4.0, 0.5, 10.0};
    auto rw = dbscan(p, w, 60.0, 5.0, 1);
    EXPECT_EQ(rw.cluster_count, 2);  // {0,1,2} (centre core: 5.0) and the lone heavy point {3} (10 >= 5)
    EXPECT_EQ(rw.labels, (std::vector<int>{0, 0, 0, 1}));
    EXPECT_TRUE(rw.core[1]);
    EXPECT_FALSE(rw.core[0]);  // 0.5 + 4 = 4.5 < 5: border
}

TEST(ClusterDbscan, RejectsBadParameters) {
    std::vector<XY> p = {{0, 0}};
    EXPECT_THROW(dbscan(p, {}, 0.0, 3.0), InputError);
    EXPECT_THROW(dbscan(p, {}, 10.0, 0.0), InputError);
    std::vector<double> w = {1.0, 2.0};
    EXPECT_THROW(dbscan(p, w, 10.0, 1.0), InputError);
    EXPECT_EQ(dbscan(std::vector<XY>{}, {}, 10.0, 1.0).cluster_count, 0);
}

TEST(ClusterProjection, LocalTransverseMercatorKeepsDistances) {
    LocalProjection proj(106.6, 26.6);
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257222101);
    // Pairs of points 500 m .. 5 km apart, up to 60 km from the centre, in all directions.
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-0.6, 0.6), a(0, 360);
    double worst = 0.0;
    for (int k = 0; k < 200; ++k) {
        LonLat p{106.6 + u(rng), 26.6 + u(rng) / 2.0};
        double lat2, lon2, azi2;
        const double s = 500.0 + 45.0 * k;
        geod_direct(&g, p.lat, p.lon, a(rng), s, &lat2, &lon2, &azi2);
        XY x1 = proj.forward(p), x2 = proj.forward({lon2, lat2});
        worst = std::max(worst, std::abs(std::hypot(x2.x_m - x1.x_m, x2.y_m - x1.y_m) / s - 1.0));
        LonLat back = proj.inverse(x1);
        EXPECT_NEAR(back.lon, p.lon, 1e-9);
        EXPECT_NEAR(back.lat, p.lat, 1e-9);
    }
    EXPECT_LT(worst, 1e-4);  // documented: < 0.01 % over a city
}

namespace {

Polygon square(double lon, double lat, double half_deg) {
    return {{{lon - half_deg, lat - half_deg},
             {lon + half_deg, lat - half_deg},
             {lon + half_deg, lat + half_deg},
             {lon - half_deg, lat + half_deg},
             {lon - half_deg, lat - half_deg}}};
}

struct Fixture {
    std::vector<Zone> zones;
    std::vector<Parcel> parcels;
    std::vector<Project> projects;
    std::vector<Link> links;
};

/// Five aluminium firms on five parcels around (106.40, 26.55) about 200 m apart, two equipment firms far
/// east, and one project with no position.
Fixture make_fixture() {
    Fixture f;
    Zone z;
    z.code = "QZ-EDZ";
    z.name_zh = "清镇经济开发区";
    f.zones.push_back(z);
    for (int i = 0; i < 5; ++i) {
        Parcel p;
        p.id = 100 + i;
        p.code = "520181001001GB0000" + std::to_string(i);
        p.zone_code = "QZ-EDZ";
        p.area_mu = 30.0 + i;
        p.centroid_lon = 106.40 + 0.002 * i;
        p.centroid_lat = 26.55;
        p.landuse = LandUse::Industrial;
        p.geom = {square(p.centroid_lon, p.centroid_lat, 0.0005)};
        f.parcels.push_back(p);
        Project pr;
        pr.id = 1 + i;
        pr.project_id = "GY2021-000" + std::to_string(i);
        pr.industry = "铝及铝加工";
        pr.fixed_invest_wan = 10000.0 * (i + 1);
        pr.output_wan = 2000.0;
        f.projects.push_back(pr);
        f.links.push_back({pr.id, p.id, "exact"});
    }
    for (int i = 0; i < 2; ++i) {
        Project pr;
        pr.id = 10 + i;
        pr.project_id = "GY2021-001" + std::to_string(i);
        pr.industry = "先进装备制造";
        pr.lon = 106.70 + 0.3 * i;
        pr.lat = 26.60;
        pr.fixed_invest_wan = 5000.0;
        pr.zone_name = "清镇经济开发区";
        pr.land_area_mu = 12.0;
        f.projects.push_back(pr);
    }
    Project lost;
    lost.id = 20;
    lost.project_id = "GY2021-0020";
    lost.industry = "铝及铝加工";
    f.projects.push_back(lost);
    return f;
}

}  // namespace

TEST(ClusterWorkspace, SummariesHullsAndGeoPackage) {
    auto f = make_fixture();
    ClusterParams p;
    p.eps_m = 250.0;  // 0.002° of longitude at 26.55° N is about 199 m
    p.min_points = 3;
    size_t unlocated = 0;
    auto items = make_cluster_items(f.projects, f.links, f.parcels, f.zones, p, &unlocated);
    EXPECT_EQ(items.size(), 7u);
    EXPECT_EQ(unlocated, 1u);
    auto r = cluster_items(items, f.parcels, p);
    ASSERT_EQ(r.clusters.size(), 1u);
    const auto& c = r.clusters[0];
    EXPECT_EQ(c.members.size(), 5u);
    EXPECT_EQ(c.industry, "铝及铝加工");
    EXPECT_DOUBLE_EQ(c.invest_wan, 150000.0);
    EXPECT_DOUBLE_EQ(c.output_wan, 10000.0);
    EXPECT_DOUBLE_EQ(c.area_mu, 30 + 31 + 32 + 33 + 34);
    EXPECT_EQ(c.zones, std::vector<std::string>{"QZ-EDZ"});
    EXPECT_EQ(r.noise, 2u);
    // Collinear centroids: the concave and convex hulls have no area, so the hull is the buffered segment.
    EXPECT_EQ(c.hull_kind, "buffer");
    ASSERT_FALSE(c.hull.empty());
    EXPECT_NEAR(c.hull_area_m2, 800.0 * 250.0 + M_PI * 125.0 * 125.0, 0.02 * c.hull_area_m2);

    // Parcels: the hull spans the parcel polygons (not collinear) -> a real concave/convex polygon.
    ClusterParams pp = p;
    pp.of = ClusterOf::Parcels;
    auto pitems = make_cluster_items(f.projects, f.links, f.parcels, f.zones, pp);
    ASSERT_EQ(pitems.size(), 5u);
    EXPECT_EQ(pitems[0].industry, "铝及铝加工");
    auto pr = cluster_items(pitems, f.parcels, pp);
    ASSERT_EQ(pr.clusters.size(), 1u);
    EXPECT_EQ(pr.clusters[0].hull_kind, "concave");
    EXPECT_GT(pr.clusters[0].hull_area_m2, 5 * 100.0 * 100.0 * 0.9);

    // Weighted: min-points 3 average investments; the mean investment is (150000 + 10000) / 7.
    ClusterParams pw = p;
    pw.weight = Weighting::Invest;
    auto rw = cluster_items(items, f.parcels, pw);
    EXPECT_NEAR(rw.weight_unit_wan, 160000.0 / 7.0, 1e-6);

    // GeoPackage: a polygon layer and a point layer that GDAL reads back.
    auto path = (std::filesystem::temp_directory_path() / "pa_test_clusters.gpkg").string();
    output::write_clusters_gpkg(pr, path);
    pa::gdal::init();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH hulls = GDALDatasetGetLayerByName(ds, "cluster_hulls");
    OGRLayerH members = GDALDatasetGetLayerByName(ds, "cluster_members");
    ASSERT_NE(hulls, nullptr);
    ASSERT_NE(members, nullptr);
    EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(hulls)), wkbMultiPolygon);
    EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(members)), wkbPoint);
    EXPECT_EQ(OGR_L_GetFeatureCount(hulls, TRUE), 1);
    EXPECT_EQ(OGR_L_GetFeatureCount(members, TRUE), 5);
    OGRFeatureH feat = OGR_L_GetNextFeature(hulls);
    ASSERT_NE(feat, nullptr);
    EXPECT_EQ(OGR_F_GetFieldAsInteger(feat, OGR_F_GetFieldIndex(feat, "members")), 5);
    EXPECT_STREQ(OGR_F_GetFieldAsString(feat, OGR_F_GetFieldIndex(feat, "industry")), "铝及铝加工");
    OGREnvelope env;
    OGR_G_GetEnvelope(OGR_F_GetGeometryRef(feat), &env);
    EXPECT_NEAR(env.MinX, 106.3995, 1e-3);  // lon/lat, x = longitude
    EXPECT_NEAR(env.MinY, 26.5495, 1e-3);
    OGR_F_Destroy(feat);
    GDALClose(ds);
    std::filesystem::remove(path);
}

TEST(ClusterWorkspace, EdgeMetricUsesParcelExtent) {
    // Three big parcels (≈ 500 m wide) whose edges are 50 m apart but whose centroids are ≈ 550 m apart.
    Fixture f;
    for (int i = 0; i < 3; ++i) {
        Parcel p;
        p.id = i + 1;
        p.code = "P" + std::to_string(i);
        p.area_mu = 300;
        p.landuse = LandUse::Industrial;
        p.centroid_lon = 106.5 + i * 0.0055;
        p.centroid_lat = 26.5;
        p.geom = {square(p.centroid_lon, p.centroid_lat, 0.0025)};
        f.parcels.push_back(p);
    }
    ClusterParams p;
    p.of = ClusterOf::Parcels;
    p.eps_m = 100.0;
    p.min_points = 2;
    auto items = make_cluster_items(f.projects, f.links, f.parcels, f.zones, p);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(cluster_items(items, f.parcels, p).clusters.size(), 0u);
    p.metric = ClusterMetric::Edge;
    auto r = cluster_items(items, f.parcels, p);
    ASSERT_EQ(r.clusters.size(), 1u);
    EXPECT_EQ(r.clusters[0].members.size(), 3u);
    EXPECT_DOUBLE_EQ(r.clusters[0].area_mu, 900.0);
    // The edge metric is for parcels only.
    ClusterParams bad;
    bad.metric = ClusterMetric::Edge;
    EXPECT_THROW(cluster_items({}, {}, bad), InputError);
}

TEST(ClusterWorkspace, IndustryFilterAndPerIndustry) {
    auto f = make_fixture();
    ClusterParams p;
    p.industries = {"先进装备制造"};
    auto items = make_cluster_items(f.projects, f.links, f.parcels, f.zones, p);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].zones, std::vector<std::string>{"QZ-EDZ"});  // from 所属园区 by name
    // Mixed industries at one spot: together they form one cluster, per industry neither reaches min-points.
    std::vector<ClusterItem> mix;
    for (int i = 0; i < 6; ++i) {
        ClusterItem it;
        it.id = std::to_string(i);
        it.industry = i % 2 ? "A" : "B";
        it.pos = {106.5 + 0.0001 * i, 26.5};
        mix.push_back(it);
    }
    ClusterParams q;
    q.eps_m = 50;
    q.min_points = 4;
    EXPECT_EQ(cluster_items(mix, {}, q).clusters.size(), 1u);
    q.per_industry = true;
    EXPECT_EQ(cluster_items(mix, {}, q).clusters.size(), 0u);
    q.min_points = 3;
    auto r = cluster_items(mix, {}, q);
    ASSERT_EQ(r.clusters.size(), 2u);
    EXPECT_EQ(r.clusters[0].industry, "A");
    EXPECT_EQ(r.clusters[1].industry, "B");
}

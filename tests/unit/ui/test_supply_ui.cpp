// The viewer's land-supply views (replay, charts, targets): the replay's state at a date equals land_state_at
// and the CLI's snapshot (supply_report, `parkatlas supply --as-of`); legend counts of the land_state theme;
// funds accumulating; vacant exports that GDAL opens with the right counts; highlight and project-point
// geometry.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <unistd.h>

#include <gdal.h>
#include <ogr_api.h>

#include "core/analysis/classify.hpp"
#include "core/analysis/land_state_replay.hpp"
#include "core/analysis/supply.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/common/error.hpp"
#include "core/gdal/gdal_env.hpp"
#include "core/output/vacant_export.hpp"
#include "render/map_data.hpp"
#include "render/supply_layers.hpp"

using pa::Parcel;
using pa::Project;
using namespace pa::analysis;
using pa::output::export_vacant;

namespace {

Date d(const char* s) {
    return *Date::parse(s);
}

// 48 parcels (small squares near Gui'an) spread over every stage of the chain between 2020 and 2024, and 30
// projects on some of them; dates chosen so that states change month by month through 2021-2023.
struct Fixture {
    std::vector<Parcel> parcels;
    std::vector<Project> projects;
    std::vector<std::vector<const Project*>> pop;
    Fixture() {
        const char* zones[] = {"GANA", "GY-ETDZ", ""};
        for (int i = 0; i < 48; ++i) {
            Parcel p;
            p.id = 100 + i;
            p.code = "520100" + std::to_string(1000 + i);
            p.zone_code = zones[i % 3];
            p.area_mu = 5.0 + (i * 13) % 37;
            p.area_m2 = p.area_mu * 2000.0 / 3.0;
            p.landuse = i % 4 == 3 ? pa::LandUse::Storage : pa::LandUse::Industrial;
            p.landuse_name = i % 4 == 3 ? "仓储用地" : "工业用地";
            p.standard_land = i % 2 == 0;
            p.reserve_date = Date::from_ymd(2020, 1 + i % 12, 5).iso();
            if (i % 6 != 0) p.approval_date = Date::from_ymd(2020, 6, 1).plus_days(i * 17).iso();
            if (i % 6 > 1) {
                p.supply_date = Date::from_ymd(2021, 1, 10).plus_days(i * 19).iso();
                p.transfer_method = i % 2 ? "标准地" : "招拍挂";
                p.contract_start_date = Date::from_ymd(2021, 4, 1).plus_days(i * 19).iso();
                p.contract_completion_date = Date::from_ymd(2022, 4, 1).plus_days(i * 19).iso();
                p.land_price_wan = 50.0 * (i + 1);
                p.developed_share = (i % 5) / 4.0;
                p.committed_invest_wan_per_mu = 300.0;
                p.stats.invest_wan_per_mu = 150.0 + 20.0 * i;
            }
            if (i % 11 == 4) p.exempt_reason = "政府原因";
            const double x = 106.40 + 0.004 * (i % 8), y = 26.40 + 0.004 * (i / 8);
            p.geom = {{{{x, y}, {x + 0.002, y}, {x + 0.002, y + 0.002}, {x, y + 0.002}, {x, y}}}};
            p.centroid_lon = x + 0.001;
            p.centroid_lat = y + 0.001;
            parcels.push_back(p);
        }
        for (int k = 0; k < 30; ++k) {
            Project pr;
            pr.id = 1 + k;
            pr.project_id = "XM" + std::to_string(k);
            pr.name = "项目" + std::to_string(k);
            pr.sign_date = k % 7 == 0 ? "" : Date::from_ymd(2021, 1, 15).plus_days(k * 31).iso();
            const int pi = (k * 5 + 2) % 48;
            if (k % 3 != 0 && !parcels[size_t(pi)].supply_date.empty()) {
                pr.actual_start_date = date_of(parcels[size_t(pi)].contract_start_date)->plus_days(40).iso();
                if (k % 2 == 0) pr.actual_production_date = Date::from_ymd(2023, 3, 1).plus_days(k).iso();
            }
            pr.total_invest_wan = 1000.0 * (k + 1);
            pr.funds_2021_wan = 10.0 * k;
            pr.funds_2022_wan = 20.0 * k + 1;
            if (k % 4) pr.funds_2023_wan = 5.0 * k;
            projects.push_back(pr);
        }
        pop.assign(parcels.size(), {});
        for (size_t k = 0; k < projects.size(); ++k) pop[size_t((k * 5 + 2) % 48)].push_back(&projects[k]);
    }
};

}  // namespace

TEST(SupplyReplay, SliderStateEqualsLandStateAtEveryMonth) {
    Fixture f;
    const int first = d("2021-01-01").month_index(), last = d("2023-12-01").month_index();
    const auto rp = build_land_state_replay(f.parcels, f.pop, f.projects, first, last);
    ASSERT_EQ(rp.month_count(), 36);
    std::map<int, int> seen;  // classes seen over the replay
    int changes = 0;
    for (int mi = first; mi <= last; ++mi) {
        const auto snap_month = rp.at_month(mi);
        const auto& snap = *snap_month;
        const auto before = mi > first ? rp.at_month(mi - 1) : snap_month;
        EXPECT_EQ(snap.as_of, Date::month_end(mi));
        for (size_t i = 0; i < f.parcels.size(); ++i) {
            const LandState st = land_state_at(f.parcels[i], f.pop[i], Date::month_end(mi));
            ASSERT_EQ(snap.parcel_class(i), uint8_t(land_state_class(st)))
                << f.parcels[i].code << " " << Date::month_label(mi);
            const bool idle = st.idle.status == IdleStatus::Idle || st.idle.status == IdleStatus::Reclaimable;
            ASSERT_EQ(snap.idle(i), idle);
            seen[snap.parcel_class(i)] += 1;
            if (mi > first && snap.parcel_class(i) != before->parcel_class(i)) ++changes;
        }
    }
    EXPECT_GT(changes, 30);      // the replay really moves
    EXPECT_GE(seen.size(), 6u);  // and shows most of the chain
    // Outside the range the slider clamps.
    EXPECT_EQ(rp.at_month(first - 5)->as_of, Date::month_end(first));
    EXPECT_EQ(rp.at_month(last + 5)->as_of, Date::month_end(last));
}

TEST(SupplyReplay, StateAtDateEqualsCliSnapshot) {
    // supply_report is what `parkatlas supply --as-of` prints (states_as_of); find_vacant is `supply
    // --vacant`.
    Fixture f;
    for (const char* day : {"2021-06-30", "2022-03-31", "2022-12-31", "2023-08-31"}) {
        const Date as_of = d(day);
        SupplyOptions opt;
        opt.from_month = d("2021-01-01").month_index();
        opt.to_month = as_of.month_index();
        const auto cli = supply_report(f.parcels, f.pop, f.projects, opt, as_of);
        const auto snap = land_state_snapshot(f.parcels, f.pop, as_of);
        std::vector<int> n(kLandStateClassCount, 0);
        for (size_t i = 0; i < snap.size(); ++i) n[snap.parcel_class(i)] += 1;
        const auto& cs = cli.stage_count.at("*");
        auto cnt = [&](LandStateClass c) { return n[size_t(c)]; };
        auto stage = [&](LandStage s) { return cs[size_t(s)]; };
        EXPECT_EQ(cnt(LandStateClass::None), stage(LandStage::None)) << day;
        EXPECT_EQ(cnt(LandStateClass::Vacant) + cnt(LandStateClass::Reserved) +
                      cnt(LandStateClass::ApprovedNotSupplied),
                  stage(LandStage::Reserved) + stage(LandStage::ApprovedNotSupplied))
            << day;
        EXPECT_EQ(cnt(LandStateClass::SuppliedNotUsed), stage(LandStage::SuppliedNotUsed)) << day;
        EXPECT_EQ(cnt(LandStateClass::UnderUsed), stage(LandStage::UnderUsed)) << day;
        EXPECT_EQ(cnt(LandStateClass::BuiltNotProducing), stage(LandStage::BuiltNotProducing)) << day;
        EXPECT_EQ(cnt(LandStateClass::ProducingBelowTarget), stage(LandStage::ProducingBelowTarget)) << day;
        EXPECT_EQ(cnt(LandStateClass::MeetsTarget), stage(LandStage::MeetsTarget)) << day;
        VacantQuery q;
        q.as_of = as_of;
        EXPECT_EQ(size_t(cnt(LandStateClass::Vacant)), find_vacant(f.parcels, f.pop, q).size()) << day;
        int idle_cli = 0;
        for (const auto& p : cli.idle)
            idle_cli += p.idle.status == IdleStatus::Idle || p.idle.status == IdleStatus::Reclaimable;
        EXPECT_EQ(snap.idle_parcels().size(), size_t(idle_cli)) << day;
    }
}

TEST(SupplyReplay, LegendCountsOfLandStateTheme) {
    Fixture f;
    const auto snap = land_state_snapshot(f.parcels, f.pop, d("2022-09-30"));
    ClassifyOptions o;
    o.land_state_class = snap.classes();
    const auto r = classify(f.parcels, Theme::LandState, o);
    ASSERT_EQ(r.classes.size(), size_t(kLandStateClassCount));
    EXPECT_EQ(r.classes[0].key, "vacant");
    EXPECT_EQ(r.classes[0].label_zh, "可供地(空闲)");
    EXPECT_TRUE(r.classes.back().no_data);
    std::vector<int> n(kLandStateClassCount, 0);
    std::vector<double> mu(kLandStateClassCount, 0.0);
    for (size_t i = 0; i < f.parcels.size(); ++i) {
        n[snap.parcel_class(i)] += 1;
        mu[snap.parcel_class(i)] += f.parcels[i].area_mu;
    }
    for (int c = 0; c < kLandStateClassCount; ++c) {
        EXPECT_EQ(r.classes[size_t(c)].count, n[size_t(c)]) << c;
        EXPECT_NEAR(r.classes[size_t(c)].area_mu, mu[size_t(c)], 1e-9) << c;
    }
    EXPECT_EQ(r.shown_count, 48);
    // A zone filter keeps only that zone's parcels; no classes given: every parcel 未入库.
    ParcelFilter only;
    only.zone_code = "GANA";
    EXPECT_EQ(classify(f.parcels, Theme::LandState, o, only).shown_count, 16);
    const auto empty = classify(f.parcels, Theme::LandState, {});
    EXPECT_EQ(empty.classes.back().count, 48);
    EXPECT_EQ(theme_from_string("land_state"), Theme::LandState);
}

TEST(SupplyReplay, ProjectsAppearAndFundsAccumulate) {
    Fixture f;
    for (const char* day : {"2020-12-31", "2021-01-31", "2022-06-30", "2023-12-31"}) {
        const Date as_of = d(day);
        const auto t = replay_totals_at(f.projects, as_of);
        int n = 0;
        double inv = 0, funds = 0;
        const auto ymd = as_of.ymd();
        for (const auto& p : f.projects) {
            if (p.sign_date.empty() || *date_of(p.sign_date) <= as_of) {
                ++n;
                inv += *p.total_invest_wan;
            }
            const double f21 = p.funds_2021_wan.value_or(0), f22 = p.funds_2022_wan.value_or(0),
                         f23 = p.funds_2023_wan.value_or(0);
            if (ymd.y > 2023)
                funds += f21 + f22 + f23;
            else if (ymd.y == 2023)
                funds += f21 + f22 + f23 * ymd.m / 12.0;
            else if (ymd.y == 2022)
                funds += f21 + f22 * ymd.m / 12.0;
            else if (ymd.y == 2021)
                funds += f21 * ymd.m / 12.0;
        }
        EXPECT_EQ(t.signed_projects, n) << day;
        EXPECT_NEAR(t.signed_invest_wan, inv, 1e-6) << day;
        EXPECT_NEAR(t.funds_in_place_wan, funds, 1e-6) << day;
    }
    // Blank sign dates count as signed from the start; funds grow monotonically over the replay.
    EXPECT_EQ(replay_totals_at(f.projects, d("2020-12-31")).signed_projects, 5);
    const auto rp = build_land_state_replay(f.parcels, f.pop, f.projects, d("2021-01-01").month_index(),
                                            d("2023-12-01").month_index());
    for (int k = 1; k < rp.month_count(); ++k)
        EXPECT_GE(rp.totals[size_t(k)].funds_in_place_wan, rp.totals[size_t(k - 1)].funds_in_place_wan);
}

TEST(VacantExport, FilesOpenWithGdalWithTheRightCounts) {
    Fixture f;
    VacantQuery q;
    q.as_of = d("2021-12-31");
    const auto hits = find_vacant(f.parcels, f.pop, q);
    ASSERT_GT(hits.size(), 3u);
    const auto dir = std::filesystem::temp_directory_path() / ("pa_vacant_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    pa::gdal::init();
    for (const char* ext : {"gpkg", "xlsx", "csv"}) {
        const std::string path = (dir / (std::string("vacant.") + ext)).string();
        export_vacant(f.parcels, hits, path);
        GDALDatasetH ds =
            GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
        ASSERT_NE(ds, nullptr) << path;
        OGRLayerH lyr = GDALDatasetGetLayer(ds, 0);
        ASSERT_NE(lyr, nullptr);
        EXPECT_EQ(OGR_L_GetFeatureCount(lyr, TRUE), GIntBig(hits.size())) << path;
        OGRFeatureDefnH def = OGR_L_GetLayerDefn(lyr);
        const int area = OGR_FD_GetFieldIndex(def, "area_mu"), code = OGR_FD_GetFieldIndex(def, "parcel");
        ASSERT_GE(area, 0) << path;
        ASSERT_GE(code, 0) << path;
        OGR_L_ResetReading(lyr);
        OGRFeatureH ft = OGR_L_GetNextFeature(lyr);
        ASSERT_NE(ft, nullptr);
        EXPECT_EQ(std::string(OGR_F_GetFieldAsString(ft, code)), hits[0].code) << path;
        EXPECT_NEAR(OGR_F_GetFieldAsDouble(ft, area), hits[0].area_mu, 1e-6) << path;
        if (std::string(ext) == "gpkg") {
            EXPECT_EQ(std::string(OGR_L_GetName(lyr)), "vacant");
            OGRGeometryH g = OGR_F_GetGeometryRef(ft);
            ASSERT_NE(g, nullptr);
            EXPECT_EQ(wkbFlatten(OGR_G_GetGeometryType(g)), wkbMultiPolygon);
            OGREnvelope env;
            OGR_G_GetEnvelope(g, &env);
            const auto& geom = f.parcels[hits[0].parcel_index].geom;
            EXPECT_NEAR(env.MinX, geom[0][0][0].lon, 1e-9);
            EXPECT_NEAR(env.MaxY, geom[0][0][2].lat, 1e-9);
        }
        OGR_F_Destroy(ft);
        GDALClose(ds);
    }
    EXPECT_THROW(export_vacant(f.parcels, hits, (dir / "vacant.txt").string()), pa::InputError);
    std::filesystem::remove_all(dir);
}

TEST(SupplyLayers, HighlightOutlinesAndSignedProjectPoints) {
    Fixture f;
    std::vector<pa::Link> links;
    for (size_t k = 0; k < f.projects.size(); ++k)
        links.push_back({f.projects[k].id, f.parcels[(k * 5 + 2) % 48].id, "exact"});
    auto data = pa::render::build_map_data({}, f.parcels, f.projects, links);
    // Each square parcel has 4 edges: 6 thick-line vertices of 5 floats per edge.
    const auto v = pa::render::highlight_outline_vertices(data, {0, 5, 47, 999, -1});
    EXPECT_EQ(v.size(), 3u * 4u * 6u * 5u);
    std::vector<char> keep(f.projects.size(), 0);
    int expect = 0;
    for (size_t k = 0; k < keep.size(); ++k) {
        keep[k] = project_signed_by(f.projects[k], d("2021-12-31"));
        expect += keep[k];
    }
    const auto pts = pa::render::project_points_where(data, keep);
    EXPECT_EQ(pts.size(), size_t(expect) * 3);
    // All kept = MapData's own points, in the same order.
    const auto all = pa::render::project_points_where(data, std::vector<char>(f.projects.size(), 1));
    EXPECT_EQ(all, data.project_points);
}

TEST(SupplyReplay, FromProjectIndicesEqualsFromProjectLists) {
    // The viewer's replay and project zones come from MapData::parcel_projects (indices into the projects),
    // not a second join: the same months, the same zones.
    Fixture f;
    std::vector<std::pair<uint32_t, int>> pairs;
    std::vector<pa::Link> links;
    for (size_t i = 0; i < f.pop.size(); ++i)
        for (const Project* p : f.pop[i]) {
            pairs.emplace_back(static_cast<uint32_t>(i), static_cast<int>(p - f.projects.data()));
            links.push_back({p->id, f.parcels[i].id, "exact"});
        }
    ASSERT_FALSE(pairs.empty());
    const auto lists = pa::IndexLists::from_pairs(f.parcels.size(), pairs);
    const int first = d("2021-01-01").month_index(), last = d("2023-12-01").month_index();
    const auto a = build_land_state_replay(f.parcels, f.pop, f.projects, first, last);
    const auto b = build_land_state_replay(f.parcels, lists, f.projects, first, last);
    for (int mi = first; mi <= last; ++mi) EXPECT_EQ(a.at_month(mi)->state, b.at_month(mi)->state) << mi;
    EXPECT_EQ(a.changes, b.changes);
    std::vector<pa::Zone> zones(2);
    zones[0].code = "GANA";
    zones[0].name_zh = "贵安新区";
    zones[1].code = "GY-ETDZ";
    zones[1].name_zh = "贵阳经济技术开发区";
    const auto ix = pa::analysis::index_ledger(f.parcels, f.projects, links, zones);
    EXPECT_EQ(pa::analysis::project_zones(f.parcels, f.projects, lists, zones), ix.project_zone);
    EXPECT_GT(std::count_if(ix.project_zone.begin(), ix.project_zone.end(),
                            [](const auto& z) { return !z.empty(); }),
              0);
}

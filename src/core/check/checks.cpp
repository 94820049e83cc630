#include "core/check/checks.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "core/analysis/date.hpp"
#include "core/check/geos_model.hpp"
#include "core/common/error.hpp"
#include "core/common/parallel.hpp"
#include "core/common/repeats.hpp"
#include "core/geo/interiors.hpp"
#include "core/geo/wkb.hpp"

namespace pa::check {

namespace {

Problem parcel_problem(const Parcel& p, const char* kind, Severity sev, std::string zh, std::string en) {
    Problem pr;
    pr.kind = kind;
    pr.severity = sev;
    pr.layer = "parcels";
    pr.id = p.code;
    pr.lon = p.centroid_lon;
    pr.lat = p.centroid_lat;
    pr.message_zh = std::move(zh);
    pr.message_en = std::move(en);
    return pr;
}

double geos_area(const geos::Context& c, const GEOSGeometry* g) {
    double a = 0.0;
    if (g) GEOSArea_r(c.get(), g, &a);
    return a;
}

/// Intersection area of a and b in the units of their coordinates (square degrees here); 0 when GEOS fails
/// (it then retries on repaired copies, since the reader repairs but a zone may still be slightly invalid).
double inter_area(const geos::Context& c, const GEOSGeometry* a, const GEOSGeometry* b,
                  geos::GeomPtr* keep = nullptr) {
    GEOSGeometry* i = GEOSIntersection_r(c.get(), a, b);
    if (!i) {
        auto va = geos::own(c, GEOSMakeValid_r(c.get(), a));
        auto vb = geos::own(c, GEOSMakeValid_r(c.get(), b));
        if (va && vb) i = GEOSIntersection_r(c.get(), va.get(), vb.get());
    }
    if (!i) return 0.0;
    auto owned = geos::own(c, i);
    double area = geos_area(c, i);
    if (keep) *keep = std::move(owned);
    return area;
}

}  // namespace

void assign_zones(std::vector<Parcel>& parcels, const std::vector<Zone>& zones, std::vector<Problem>& out,
                  const CheckOptions& opt) {
    geos::Context c;
    std::vector<geos::GeomPtr> zg;
    zg.reserve(zones.size());
    for (const auto& z : zones) zg.push_back(to_geos(c, z.geom));
    std::vector<geos::PreparedPtr> zp;
    for (const auto& g : zg) zp.emplace_back(GEOSPrepare_r(c.get(), g.get()), geos::PreparedDeleter{c.get()});
    IndexTree tree(c, zg);
    for (auto& p : parcels) {
        p.zone_code.clear();
        auto g = to_geos(c, p.geom);
        double area = geos_area(c, g.get());
        if (area <= 0.0) continue;
        double best = 0.0;
        int best_zone = -1;
        for (size_t zi : tree.query(g.get())) {
            double share = 0.0;
            if (GEOSPreparedContains_r(c.get(), zp[zi].get(), g.get()) == 1) {
                share = 1.0;
            } else if (GEOSPreparedIntersects_r(c.get(), zp[zi].get(), g.get()) == 1) {
                share = inter_area(c, zg[zi].get(), g.get()) / area;
            }
            if (share > best) {
                best = share;
                best_zone = static_cast<int>(zi);
            }
        }
        if (best_zone < 0 || best <= 1e-9) {
            out.push_back(parcel_problem(p, "not_in_zone", Severity::Warning,
                                         fmt::format("宗地 {} 不在任何开发区范围内。", p.code),
                                         fmt::format("Parcel {} lies in no development zone.", p.code)));
            continue;
        }
        const Zone& z = zones[static_cast<size_t>(best_zone)];
        p.zone_code = z.code;
        double outside = 1.0 - best;
        if (outside > opt.outside_share) {
            out.push_back(parcel_problem(
                p, "outside_zone", Severity::Warning,
                fmt::format("宗地 {} 有 {:.1f}% 的面积位于所属开发区 {}（{}）范围之外。", p.code,
                            outside * 100.0, z.name_zh, z.code),
                fmt::format("Parcel {} has {:.1f}% of its area outside its zone {} ({}).", p.code,
                            outside * 100.0, z.name_en.empty() ? z.name_zh : z.name_en, z.code)));
        }
    }
}

void find_overlaps(const std::vector<Parcel>& parcels, std::vector<Problem>& out, const CheckOptions& opt) {
    const size_t n = parcels.size();
    // m² per square degree, per parcel (its ellipsoidal area over its area in degrees): exact enough locally
    // to convert an intersection measured in degrees.
    std::vector<BBox> boxes(n);
    std::vector<double> m2_per_deg2(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
        const double a = geo::planar_area(parcels[i].geom);
        m2_per_deg2[i] = a > 0 ? parcels[i].area_m2 / a : 0.0;
        if (m2_per_deg2[i] > 0.0) boxes[i] = geo::bbox_of(parcels[i].geom);
    }
    const auto pairs = geo::intersecting_box_pairs(boxes);
    // Most pairs of a real cadastre only share edges and corners: a few orientation tests prove it, and only
    // the pairs left in doubt are intersected exactly (GEOS overlay), each thread with its own GEOS context.
    struct Hit {
        size_t pair = 0;
        double m2 = 0.0;
        LonLat at;
    };
    const unsigned threads = thread_count();
    std::vector<std::vector<Hit>> hits_of(threads);  // per worker: overlaps are rare, so kept sparse
    std::vector<std::unique_ptr<geos::Context>> contexts(threads);
    parallel_for(
        pairs.size(), 2048,
        [&](size_t b, size_t e, unsigned w) {
            for (size_t k = b; k < e; ++k) {
                const auto [i, j] = pairs[k];
                if (!geo::interiors_may_intersect(parcels[i].geom, parcels[j].geom)) continue;
                if (!contexts[w]) contexts[w] = std::make_unique<geos::Context>();
                const geos::Context& c = *contexts[w];
                auto gi = to_geos(c, parcels[i].geom), gj = to_geos(c, parcels[j].geom);
                geos::GeomPtr inter;
                const double m2 = inter_area(c, gi.get(), gj.get(), &inter) * m2_per_deg2[i];
                if (m2 <= opt.overlap_min_m2) continue;
                hits_of[w].push_back({k, m2, point_on_surface(c, inter.get())});
            }
        },
        threads);
    std::vector<Hit> hits;
    for (auto& h : hits_of) hits.insert(hits.end(), h.begin(), h.end());
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.pair < b.pair; });
    // One record per parcel: its first overlap in (i, j) order.
    std::vector<char> flagged(n, 0);
    std::vector<LonLat> where(n);
    std::vector<std::string> other(n);
    std::vector<double> other_m2(n, 0.0);
    for (const Hit& h : hits) {
        const auto [i, j] = pairs[h.pair];
        for (auto [a, b] : {std::pair{i, j}, std::pair{j, i}}) {
            if (flagged[a]) continue;
            flagged[a] = 1;
            where[a] = h.at;
            other[a] = parcels[b].code;
            other_m2[a] = h.m2;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (!flagged[i]) continue;
        const Parcel& p = parcels[i];
        Problem pr = parcel_problem(
            p, "overlap", Severity::Warning,
            fmt::format("宗地 {} 与宗地 {} 重叠 {:.1f} 平方米。", p.code, other[i], other_m2[i]),
            fmt::format("Parcel {} overlaps parcel {} by {:.1f} m².", p.code, other[i], other_m2[i]));
        pr.lon = where[i].lon;
        pr.lat = where[i].lat;
        out.push_back(std::move(pr));
    }
}

void find_duplicate_codes(const std::vector<Parcel>& parcels, std::vector<Problem>& out) {
    for (const Repeat& r :
         repeated_keys(parcels.size(), [&](size_t i) -> const std::string& { return parcels[i].code; })) {
        const Parcel& p = parcels[r.first];
        out.push_back(parcel_problem(
            p, "duplicate_code", Severity::Error,
            fmt::format("宗地编号 {} 重复出现 {} 次（图层 {}）。", p.code, r.count, p.layer.str()),
            fmt::format("Parcel code {} is used by {} parcels (layer {}); give each parcel "
                        "its own code.",
                        p.code, r.count, p.layer.str())));
    }
}

void check_declared_areas(const std::vector<Parcel>& parcels, std::vector<Problem>& out,
                          const CheckOptions& opt) {
    for (const auto& p : parcels) {
        if (!p.declared_area_m2) continue;
        bool planar = p.declared_area_kind == "planar";
        bool ellipsoidal = p.declared_area_kind == "ellipsoidal";
        if (!planar && !ellipsoidal) continue;
        double measured = planar ? p.planar_area_m2 : p.area_m2;
        if (measured <= 0.0) continue;
        double rel = std::fabs(*p.declared_area_m2 - measured) / measured;
        if (rel <= opt.declared_tolerance) continue;
        const char* what_zh = planar ? "平面面积（ZDMJ）" : "椭球面积（TBMJ）";
        const char* what_en = planar ? "planar area (ZDMJ)" : "ellipsoidal area (TBMJ)";
        out.push_back(parcel_problem(
            p, "declared_area_mismatch", Severity::Warning,
            fmt::format("宗地 {} 申报{} {:.2f} 平方米，与量算值 {:.2f} 平方米相差 {:.1f}%。", p.code, what_zh,
                        *p.declared_area_m2, measured, rel * 100.0),
            fmt::format("Parcel {} declares a {} of {:.2f} m² but measures {:.2f} m² ({:.1f}% apart).",
                        p.code, what_en, *p.declared_area_m2, measured, rel * 100.0)));
    }
}

// Article 12 of 国土资源部令第53号 (闲置土地处置办法) allows one extension of the start date, of at most a
// year, for the government's or force-majeure causes of article 8. A supplementary agreement (BCKGRQ) that
// moves the contracted start (YDKGRQ) by more than a year, or gives no such cause (MZYY), is flagged for
// review.
void check_supplements(const std::vector<Parcel>& parcels, std::vector<Problem>& out) {
    for (const auto& p : parcels) {
        if (p.supplement_start_date.empty() || p.contract_start_date.empty()) continue;
        const auto moved = analysis::Date::parse(p.supplement_start_date.str());
        const auto agreed = analysis::Date::parse(p.contract_start_date.str());
        if (!moved || !agreed) continue;
        const bool over_a_year = *moved > agreed->plus_years(1);
        const bool cause = p.exempt_reason == "政府原因" || p.exempt_reason == "不可抗力";
        if (!over_a_year && cause) continue;
        const int days = moved->days - agreed->days;
        std::string zh = fmt::format("宗地 {} 的补充协议将开工日期从 {} 延至 {}（{} 天）", p.code,
                                     p.contract_start_date.str(), p.supplement_start_date.str(), days);
        std::string en =
            fmt::format("Parcel {}: a supplementary agreement moves the start from {} to {} ({} days)",
                        p.code, p.contract_start_date.str(), p.supplement_start_date.str(), days);
        if (over_a_year) {
            zh += "，超过一年";
            en += ", more than a year";
        }
        if (!cause) {
            zh += over_a_year ? "，且未注明政府原因或不可抗力" : "，未注明政府原因或不可抗力";
            en += over_a_year ? ", and names no government or force-majeure cause"
                              : ", naming no government or "
                                "force-majeure cause";
        }
        zh += "（《闲置土地处置办法》第十二条只允许因第八条原因延期一次、不超过一年），请核查。";
        en +=
            " (article 12 of the 2012 idle-land measures allows one extension of at most a year, for an "
            "article 8 "
            "cause); review it.";
        out.push_back(
            parcel_problem(p, "supplement_extension", Severity::Warning, std::move(zh), std::move(en)));
    }
}

void run_parcel_checks(std::vector<Parcel>& parcels, const std::vector<Zone>& zones,
                       std::vector<Problem>& out, const CheckOptions& opt) {
    assign_zones(parcels, zones, out, opt);
    find_overlaps(parcels, out, opt);
    find_duplicate_codes(parcels, out);
    check_declared_areas(parcels, out, opt);
    check_supplements(parcels, out);
}

}  // namespace pa::check

#include "core/analysis/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <map>
#include <string_view>

#include "core/analysis/land_state_replay.hpp"
#include "core/common/error.hpp"

namespace pa::analysis {

const char* to_string(Theme t) {
    switch (t) {
        case Theme::InvestIntensity:
            return "invest_intensity";
        case Theme::OutputIntensity:
            return "output_intensity";
        case Theme::TaxPerMu:
            return "tax_per_mu";
        case Theme::Compliance:
            return "compliance";
        case Theme::SupplyStatus:
            return "supply_status";
        case Theme::Industry:
            return "industry";
        case Theme::LandState:
            return "land_state";
        case Theme::Grade:
            return "grade";
        case Theme::Fulfilment:
            return "fulfilment";
    }
    return "?";
}

const std::vector<Theme>& all_themes() {
    static const std::vector<Theme> themes = {
        Theme::InvestIntensity, Theme::OutputIntensity, Theme::TaxPerMu,
        Theme::Compliance,      Theme::SupplyStatus,    Theme::Industry,
        Theme::LandState,       Theme::Grade,           Theme::Fulfilment};
    return themes;
}

std::optional<Theme> theme_from_string(const std::string& s) {
    for (Theme t : all_themes())
        if (s == to_string(t)) return t;
    return std::nullopt;
}

bool is_numeric(Theme t) {
    return t == Theme::InvestIntensity || t == Theme::OutputIntensity || t == Theme::TaxPerMu;
}

const char* to_string(Method m) {
    switch (m) {
        case Method::ZoneThreshold:
            return "threshold";
        case Method::Quantile:
            return "quantile";
        case Method::EqualInterval:
            return "equal";
        case Method::Jenks:
            return "jenks";
        case Method::Manual:
            return "manual";
    }
    return "?";
}

std::optional<Method> method_from_string(const std::string& s) {
    for (Method m :
         {Method::ZoneThreshold, Method::Quantile, Method::EqualInterval, Method::Jenks, Method::Manual})
        if (s == to_string(m)) return m;
    return std::nullopt;
}

Method default_method(Theme t) {
    return t == Theme::OutputIntensity || t == Theme::TaxPerMu ? Method::Jenks : Method::ZoneThreshold;
}

std::optional<Method> method_for_theme(const std::string& s, Theme t) {
    if (s.empty() || s == "auto") return default_method(t);
    return method_from_string(s);
}

namespace {

// Keeps breaks strictly ascending and strictly above the minimum (a break at the minimum makes an empty
// class).
std::vector<double> tidy(std::vector<double> b, double min_value) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    b.erase(
        std::remove_if(b.begin(), b.end(), [&](double x) { return !(x > min_value) || !std::isfinite(x); }),
        b.end());
    return b;
}

}  // namespace

std::vector<double> breaks_quantile(std::vector<double> values, int k) {
    if (values.empty() || k < 2) return {};
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    std::vector<double> b;
    for (int i = 1; i < k; ++i)
        b.push_back(values[std::min(n - 1, static_cast<size_t>(i) * n / static_cast<size_t>(k))]);
    return tidy(std::move(b), values.front());
}

std::vector<double> breaks_equal_interval(const std::vector<double>& values, int k) {
    if (values.empty() || k < 2) return {};
    auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    if (*hi <= *lo) return {};
    std::vector<double> b;
    for (int i = 1; i < k; ++i) b.push_back(*lo + (*hi - *lo) * i / k);
    return tidy(std::move(b), *lo);
}

std::vector<double> breaks_jenks(std::vector<double> values, int k) {
    if (values.empty() || k < 2) return {};
    std::sort(values.begin(), values.end());
    // Above 2000 values the O(k n²) optimum is taken over an evenly spaced sample of the sorted values (the
    // extremes kept), which moves the breaks by at most one sample step.
    constexpr size_t kMaxN = 2000;
    if (values.size() > kMaxN) {
        std::vector<double> s(kMaxN);
        for (size_t i = 0; i < kMaxN; ++i) s[i] = values[i * (values.size() - 1) / (kMaxN - 1)];
        values.swap(s);
    }
    const int n = static_cast<int>(values.size());
    if (k > n) k = n;
    if (k < 2) return {};
    // Fisher's dynamic programme: lower[l][j] = 1-based index of the first value of the last class when the
    // first l values are cut into j classes with the least within-class sum of squares var[l][j].
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<int>> lower(n + 1, std::vector<int>(k + 1, 0));
    std::vector<std::vector<double>> var(n + 1, std::vector<double>(k + 1, inf));
    for (int j = 1; j <= k; ++j) {
        lower[1][j] = 1;
        var[1][j] = 0.0;
    }
    for (int l = 2; l <= n; ++l) {
        double s1 = 0, s2 = 0, w = 0, v = 0;
        for (int m = 1; m <= l; ++m) {
            const int i3 = l - m + 1;
            const double val = values[i3 - 1];
            s1 += val;
            s2 += val * val;
            w += 1;
            v = s2 - s1 * s1 / w;
            const int i4 = i3 - 1;
            if (i4 != 0) {
                for (int j = 2; j <= k; ++j) {
                    if (var[l][j] >= v + var[i4][j - 1]) {
                        lower[l][j] = i3;
                        var[l][j] = v + var[i4][j - 1];
                    }
                }
            }
        }
        lower[l][1] = 1;
        var[l][1] = v;
    }
    std::vector<double> b;
    int last = n;
    for (int j = k; j >= 2; --j) {
        const int first = lower[last][j];  // 1-based first value of class j
        b.push_back(values[first - 1]);
        last = first - 1;
        if (last < 1) break;
    }
    return tidy(std::move(b), values.front());
}

int class_of(double v, const std::vector<double>& breaks) {
    return static_cast<int>(std::upper_bound(breaks.begin(), breaks.end(), v) - breaks.begin());
}

bool ParcelFilter::matches(const Parcel& p) const {
    if (!zone_code.empty() && p.zone_code != zone_code) return false;
    if (!industry.empty() && p.stats.industry != industry) return false;
    if (!stage.empty() && p.stats.stage != stage) return false;
    if (!enterprise_kind.empty() && p.stats.enterprise_kind != enterprise_kind) return false;
    if (supply_status && p.supply_status != *supply_status) return false;
    return true;
}

std::optional<double> theme_value(const Parcel& p, Theme t) {
    switch (t) {
        case Theme::InvestIntensity:
            return p.stats.invest_wan_per_mu;
        case Theme::OutputIntensity:
            return p.stats.output_wan_per_mu;
        case Theme::TaxPerMu:
            return p.stats.tax_wan_per_mu;
        default:
            return std::nullopt;
    }
}

namespace {

// Joins pieces (avoids g++ 12's false -Wrestrict on "literal" + std::string).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto p : parts) out.append(p);
    return out;
}

std::string fmt_num(double v) {
    char buf[64];
    if (std::fabs(v) >= 100 || v == std::floor(v))
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else if (std::fabs(v) >= 10)
        std::snprintf(buf, sizeof buf, "%.1f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

ThemeClass numeric_class(const std::vector<double>& b, size_t i) {
    ThemeClass c;
    c.key = cat({"c", std::to_string(i)});
    const std::string unit = " 万元/亩";
    const std::string unit_en = " 10k CNY/mu";
    if (b.empty()) {
        c.label_zh = "全部";
        c.label_en = "all";
    } else if (i == 0) {
        c.hi = b[0];
        c.label_zh = cat({"< ", fmt_num(b[0]), unit});
        c.label_en = cat({"< ", fmt_num(b[0]), unit_en});
    } else if (i == b.size()) {
        c.lo = b.back();
        c.label_zh = cat({"≥ ", fmt_num(b.back()), unit});
        c.label_en = cat({"≥ ", fmt_num(b.back()), unit_en});
    } else {
        c.lo = b[i - 1];
        c.hi = b[i];
        c.label_zh = cat({fmt_num(b[i - 1]), " – ", fmt_num(b[i]), unit});
        c.label_en = cat({fmt_num(b[i - 1]), " – ", fmt_num(b[i]), unit_en});
    }
    return c;
}

ThemeClass category(std::string key, std::string zh, std::string en) {
    ThemeClass c;
    c.key = std::move(key);
    c.label_zh = std::move(zh);
    c.label_en = std::move(en);
    return c;
}

}  // namespace

ThemeClassification classify(const std::vector<Parcel>& parcels, Theme theme, const ClassifyOptions& options,
                             const ParcelFilter& filter) {
    ThemeClassification r;
    r.theme = theme;
    r.method = options.method;
    r.parcel_class.assign(parcels.size(), -1);
    std::vector<char> shown(parcels.size(), 0);
    for (size_t i = 0; i < parcels.size(); ++i) shown[i] = filter.matches(parcels[i]) ? 1 : 0;

    if (is_numeric(theme)) {
        std::vector<double> values;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            if (auto v = theme_value(parcels[i], theme)) values.push_back(*v);
        }
        switch (options.method) {
            case Method::ZoneThreshold:
                r.breaks = options.threshold_breaks;
                break;
            case Method::Manual:
                r.breaks = options.manual_breaks;
                break;
            case Method::Quantile:
                r.breaks = breaks_quantile(values, options.class_count);
                break;
            case Method::EqualInterval:
                r.breaks = breaks_equal_interval(values, options.class_count);
                break;
            case Method::Jenks:
                r.breaks = breaks_jenks(values, options.class_count);
                break;
        }
        if (options.method == Method::ZoneThreshold || options.method == Method::Manual) {
            std::sort(r.breaks.begin(), r.breaks.end());
            r.breaks.erase(std::unique(r.breaks.begin(), r.breaks.end()), r.breaks.end());
        }
        for (size_t i = 0; i <= r.breaks.size(); ++i) r.classes.push_back(numeric_class(r.breaks, i));
        ThemeClass nd = category("nodata", "无数据", "no data");
        nd.no_data = true;
        r.classes.push_back(nd);
        const int nodata_index = static_cast<int>(r.classes.size()) - 1;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            auto v = theme_value(parcels[i], theme);
            r.parcel_class[i] = v ? class_of(*v, r.breaks) : nodata_index;
        }
    } else if (theme == Theme::Compliance) {
        r.classes = {category("below", "未达标", "below threshold"),
                     category("meets", "达标", "meets threshold"), category("nodata", "无数据", "no data"),
                     category("not_applicable", "不适用", "not applicable")};
        r.classes[2].no_data = true;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            switch (parcels[i].stats.compliance) {
                case Compliance::Below:
                    r.parcel_class[i] = 0;
                    break;
                case Compliance::Meets:
                    r.parcel_class[i] = 1;
                    break;
                case Compliance::NoData:
                    r.parcel_class[i] = 2;
                    break;
                case Compliance::NotApplicable:
                    r.parcel_class[i] = 3;
                    break;
            }
        }
    } else if (theme == Theme::SupplyStatus) {
        r.classes = {category("reserved", "储备", "reserved"),
                     category("approved_not_supplied", "批而未供", "approved, not supplied"),
                     category("supplied", "已供应", "supplied"),
                     category("under_construction", "在建", "under construction"),
                     category("producing", "已投产", "producing"),
                     category("idle", "闲置", "idle"),
                     category("unknown", "未知", "unknown")};
        r.classes.back().no_data = true;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            r.parcel_class[i] = static_cast<int>(parcels[i].supply_status);  // enum order = class order
        }
    } else if (theme ==
               Theme::LandState) {  // classes per parcel from land_state_snapshot (land_state_replay.hpp)
        r.classes = land_state_theme_classes();
        const int none = static_cast<int>(LandStateClass::None);
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            const int c = i < options.land_state_class.size() ? options.land_state_class[i] : none;
            r.parcel_class[i] = c >= 0 && c < kLandStateClassCount ? c : none;
        }
    } else if (theme == Theme::Grade) {  // classes per parcel from evaluation::parcel_grades
        r.classes = {category("A", "A类", "A"),
                     category("B", "B类", "B"),
                     category("C", "C类", "C"),
                     category("D", "D类", "D"),
                     category("not_graded", "未评级", "not graded"),
                     category("none", "无企业", "no enterprise")};
        r.classes.back().no_data = true;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            int c = i < options.grade_class.size() ? options.grade_class[i] : kGradeNoEnterprise;
            if (c < 0 || c > kGradeNoEnterprise) c = kGradeNoEnterprise;
            if (options.grade_shown & (1u << c)) r.parcel_class[i] = c;
        }
    } else if (theme == Theme::Fulfilment) {  // classes per parcel from evaluation::fulfilment_classes
        r.classes = {category("met", "已履约", "commitments met"),
                     category("short", "未履约", "commitment not met"),
                     category("no_data", "缺数据", "no figure to compare"),
                     category("not_yet_due", "未到考核", "not yet reviewed"),
                     category("no_commitment", "无承诺", "no commitment")};
        r.classes.back().no_data = true;
        constexpr int kNone = 4;
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            const int c = i < options.fulfilment_class.size() ? options.fulfilment_class[i] : kNone;
            r.parcel_class[i] = c >= 0 && c <= kNone ? c : kNone;
        }
    } else {  // Industry: the largest categories by 亩, the rest as 其他, parcels without projects as 无项目
        std::map<std::string, double> mu;
        for (size_t i = 0; i < parcels.size(); ++i)
            if (shown[i] && !parcels[i].stats.industry.empty())
                mu[parcels[i].stats.industry] += parcels[i].area_mu;
        std::vector<std::pair<std::string, double>> order(mu.begin(), mu.end());
        std::stable_sort(order.begin(), order.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        const size_t keep = order.size() <= static_cast<size_t>(options.max_categories)
                                ? order.size()
                                : static_cast<size_t>(std::max(1, options.max_categories - 1));
        std::map<std::string, int> index;
        for (size_t i = 0; i < keep; ++i) {
            index[order[i].first] = static_cast<int>(r.classes.size());
            r.classes.push_back(
                category(order[i].first, order[i].first, options.industry_names.en(order[i].first)));
        }
        int other = -1;
        if (keep < order.size()) {
            other = static_cast<int>(r.classes.size());
            r.classes.push_back(category("other", "其他产业", "other industries"));
        }
        const int none = static_cast<int>(r.classes.size());
        ThemeClass nc = category("none", "无项目", "no project");
        nc.no_data = true;
        r.classes.push_back(nc);
        for (size_t i = 0; i < parcels.size(); ++i) {
            if (!shown[i]) continue;
            const auto& ind = parcels[i].stats.industry;
            if (ind.empty()) {
                r.parcel_class[i] = none;
            } else {
                auto it = index.find(ind);
                r.parcel_class[i] = it != index.end() ? it->second : other;
            }
        }
    }
    for (size_t i = 0; i < parcels.size(); ++i) {
        const int c = r.parcel_class[i];
        if (c < 0) continue;
        r.classes[static_cast<size_t>(c)].count += 1;
        r.classes[static_cast<size_t>(c)].area_mu += parcels[i].area_mu;
        r.shown_count += 1;
        r.shown_area_mu += parcels[i].area_mu;
    }
    return r;
}

}  // namespace pa::analysis

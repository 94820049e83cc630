#pragma once
// Classification of parcel values for the map themes (viewer and `parkatlas render`). Pure computation: no
// UI, no colours. The legend, the map and the summary are all built from one ThemeClassification, so their
// counts and 亩 totals always agree.
#include <optional>
#include <string>
#include <vector>

#include "core/common/industry_names.hpp"
#include "core/model.hpp"

namespace pa::analysis {

/// The map themes; the names (to_string) are the ones of `--theme` and the config.
enum class Theme {
    InvestIntensity,
    OutputIntensity,
    TaxPerMu,
    Compliance,
    SupplyStatus,
    Industry,
    LandState,
    Grade,  // the yearly 亩均 evaluation's grade of the parcel's enterprise (core/evaluation/grade.hpp)
    Fulfilment,  // 履约: the land contract's commitments at their review stage (core/evaluation/review.hpp)
};
const char* to_string(Theme t);  // "invest_intensity" | "output_intensity" | "tax_per_mu" | "compliance" |
                                 // "supply_status" | "industry" | "land_state" | "grade" | "fulfilment"
std::optional<Theme> theme_from_string(const std::string& s);
const std::vector<Theme>& all_themes();
/// True for the themes drawn from a number (万元/亩); the others are categories.
bool is_numeric(Theme t);

/// How a numeric theme is cut into classes.
enum class Method { ZoneThreshold, Quantile, EqualInterval, Jenks, Manual };
const char* to_string(Method m);  // "threshold" | "quantile" | "equal" | "jenks" | "manual"
std::optional<Method> method_from_string(const std::string& s);
/// The classification a theme gets unless the user picks one: investment intensity is cut at the zones'
/// thresholds (300 / 500 万元/亩, what the thresholds are about); output and tax per 亩 have no such
/// thresholds (300 / 500 would put nearly every parcel's tax in one class), so they get Jenks natural breaks
/// in kDefaultClassCount classes (quantiles collapse there: half the parcels with a figure pay no tax yet,
/// and tied values make one class of three fifths). The category themes ignore the method.
Method default_method(Theme t);
inline constexpr int kDefaultClassCount = 5;
/// `--method auto` (render's default): default_method(theme); otherwise method_from_string.
std::optional<Method> method_for_theme(const std::string& s, Theme t);

// ---- breaks: each returns the inner class boundaries, ascending, at most k-1 of them (fewer when the data
// has fewer distinct values). A value v falls in class i where i = number of breaks <= v (see class_of).

/// Quantile breaks: class i holds the values of rank [i*n/k, (i+1)*n/k).
std::vector<double> breaks_quantile(std::vector<double> values, int k);
/// k classes of equal width between the minimum and the maximum.
std::vector<double> breaks_equal_interval(const std::vector<double>& values, int k);
/// Jenks natural breaks (Fisher's exact optimal partition minimising the within-class sum of squared
/// deviations). O(k n²) on the distinct sorted values; values are sampled down to 2000 first when there are
/// more.
std::vector<double> breaks_jenks(std::vector<double> values, int k);
/// Index of the class of v for the given ascending inner breaks: the number of breaks <= v.
int class_of(double v, const std::vector<double>& breaks);

/// One legend entry.
struct ThemeClass {
    std::string key;       // stable id: "lt300", "q0", "meets", "producing", an industry name…
    std::string label_zh;  // "< 300 万元/亩", "达标", "已投产", "电子信息制造"
    std::string label_en;
    std::optional<double> lo, hi;  // value range of a numeric class (lo inclusive, hi exclusive)
    bool no_data = false;          // the class of parcels without a value
    int count = 0;                 // parcels in the class (after the filter)
    double area_mu = 0.0;          // their ellipsoidal area in 亩
};

struct ThemeClassification {
    Theme theme = Theme::InvestIntensity;
    Method method = Method::ZoneThreshold;
    std::vector<double> breaks;       // inner breaks of a numeric theme
    std::vector<ThemeClass> classes;  // in legend order
    std::vector<int> parcel_class;    // per parcel (same order as the input), -1 when filtered out
    int shown_count = 0;
    double shown_area_mu = 0.0;
};

/// Which parcels are shown; empty strings match everything.
struct ParcelFilter {
    std::string zone_code, industry, stage, enterprise_kind;
    std::optional<SupplyStatus> supply_status;
    bool matches(const Parcel& p) const;
};

struct ClassifyOptions {
    Method method = Method::ZoneThreshold;
    int class_count = kDefaultClassCount;                   // for quantile / equal / jenks
    std::vector<double> manual_breaks;                      // for Method::Manual (ascending)
    std::vector<double> threshold_breaks = {300.0, 500.0};  // for Method::ZoneThreshold (万元/亩)
    int max_categories = 8;  // industry: the largest categories by 亩, the rest in "其他"
    /// Theme::LandState: per parcel, its LandStateClass on the as-of date (land_state_replay.hpp:
    /// land_state_snapshot(...).classes()); empty = every parcel 未入库.
    std::vector<int> land_state_class;
    /// Theme::Grade: per parcel, 0..3 = A..D, kGradeNotGraded, kGradeNoEnterprise
    /// (evaluation::parcel_grades); empty = every parcel without an enterprise. `grade_shown` bit k keeps
    /// class k (the grade filter).
    std::vector<int> grade_class;
    unsigned grade_shown = 0x3F;
    /// Theme::Fulfilment: per parcel, static_cast<int>(evaluation::Fulfilment) (met, short, no data, not yet
    /// due, no commitment); empty = every parcel without a commitment.
    std::vector<int> fulfilment_class;
    /// Theme::Industry: English names of the industries for label_en (config/industries.json); without one
    /// an industry keeps its Chinese name.
    IndustryNames industry_names;
};
inline constexpr int kGradeNotGraded = 4;     // an enterprise on it, none of them graded
inline constexpr int kGradeNoEnterprise = 5;  // no project on it

/// The value of a numeric theme for a parcel (nullopt when the parcel has none).
std::optional<double> theme_value(const Parcel& p, Theme t);

/// Classifies the parcels passing the filter. Breaks of data-driven methods are computed from the shown
/// parcels.
ThemeClassification classify(const std::vector<Parcel>& parcels, Theme theme, const ClassifyOptions& options,
                             const ParcelFilter& filter = {});

}  // namespace pa::analysis

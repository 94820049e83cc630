#pragma once
// The review lists a bureau sends on (docs/evaluation.md#review): parcels below the zone threshold or their
// own commitment, suspected idle land and land that may be reclaimed (pending the 闲置土地认定书), clocks not
// yet due, standard-land commitments not fulfilled, and parcels with no data. Each row carries the parcel,
// its zone, area and enterprises, the figure against its line and the gap (万元/亩 and 万元 in total), its
// dates and its clock. The lists reuse the land-state rules (core/analysis/land_state), so the map, `supply`
// and `review` agree.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/date.hpp"
#include "core/analysis/land_state.hpp"
#include "core/model.hpp"
#include "core/report/table.hpp"

namespace pa::evaluation {

enum class ReviewList {
    BelowThreshold,  // industrial land producing or built with investment below the zone threshold (达门槛)
    BelowCommitment,  // investment per 亩 below the parcel's own committed intensity (达承诺)
    Idle,             // 疑似闲置: an idle clock ran out (a finding only after a 闲置土地认定书)
    Reclaimable,      // 可能无偿收回（待认定）: suspected idle for two years
    NotYetDue,        // a clock whose start (the contracted start date) is after the as-of date
    Unfulfilled,      // standard-land commitments (output, tax, plot ratio) not met once producing (履约)
    NoData,           // industrial land with projects but no investment figure
};
const char* to_string(ReviewList l);  // "below-threshold", …
std::optional<ReviewList> review_list_from_string(const std::string& s);
std::string review_list_names();  // "below-threshold|below-commitment|…" for messages

/// 履约: the commitments of a parcel's land contract (CNTZQD, CNCCQD, CNSSQD, CNRJL) checked at their review
/// stage. 竣工 (completion: built, or past the contracted completion once started) reviews investment per 亩
/// and the plot ratio; 达产 (full output: a project on it at 达产, or producing for two years) reviews output
/// and tax per 亩. Only industrial land with at least one committed figure is reviewed.
struct FulfilmentCheck {
    std::string indicator;  // invest_wan_per_mu | plot_ratio | output_wan_per_mu | tax_wan_per_mu
    std::string stage;      // "completion" (竣工) | "full_output" (达产)
    OptDouble actual, committed;
    std::optional<bool>
        met;  // actual ≥ committed; nullopt when the actual figure is missing (no data, not short)
};
enum class Fulfilment { Met, Short, NoData, NotYetDue, NoCommitment };
inline constexpr int kFulfilmentCount = 5;
const char* to_string(Fulfilment f);  // "met" | "short" | "no_data" | "not_yet_due" | "no_commitment"
/// The checks that are due on the parcel in its state (empty when none is due or it has no commitment).
std::vector<FulfilmentCheck> fulfilment_checks(const Parcel& p, const analysis::LandState& s,
                                               analysis::Date as_of);
Fulfilment fulfilment_of(const Parcel& p, const analysis::LandState& s, analysis::Date as_of);
/// Per parcel on `as_of`, static_cast<int>(Fulfilment) (for the 履约 theme,
/// ClassifyOptions::fulfilment_class).
std::vector<int> fulfilment_classes(const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
                                    const std::vector<Project>& projects, const std::vector<Link>& links,
                                    analysis::Date as_of);

struct ReviewRow {
    const Parcel* parcel = nullptr;
    std::string credit_codes, enterprises;  // of the projects on it, ';'-separated
    std::string indicator;     // what `value` measures: invest_wan_per_mu, output_wan_per_mu, …
    std::string review_stage;  // unfulfilled: "completion" (竣工) or "full_output" (达产)
    std::optional<double> value, threshold, gap_wan_per_mu, gap_wan;
    std::string clock,
        status;  // idle clock kind and status (late_start / stalled_work; idle / reclaimable …)
    std::optional<analysis::Date> clock_start, since, next_deadline;
};

struct Review {
    ReviewList list = ReviewList::BelowThreshold;
    analysis::Date as_of;
    std::string zone_code;  // "" = all zones
    std::vector<ReviewRow> rows;
    double gap_wan_total = 0.0, area_mu_total = 0.0;
};

/// `zone_code` "" = every zone. The rows point into `parcels`, which must outlive the Review.
Review review(ReviewList list, const std::vector<Zone>& zones, const std::vector<Parcel>& parcels,
              const std::vector<Project>& projects, const std::vector<Link>& links, analysis::Date as_of,
              const std::string& zone_code);

nlohmann::json to_json(const Review& r);
report::Table review_table(const Review& r, bool english);
/// The parcels' polygons (WKB, one per row) for the GeoPackage.
std::vector<std::string> review_wkb(const Review& r);

}  // namespace pa::evaluation

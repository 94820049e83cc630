// The planning panel's edits (ui/plan_edit.hpp): assigning replaces what shared the project or a parcel, a
// lock goes with its assignment, undo restores every earlier state exactly and redo replays it.
#include <gtest/gtest.h>

#include <cstring>

#include <algorithm>

#include "core/plan/planner.hpp"
#include "support/fixtures.hpp"
#include "ui/plan_edit.hpp"

namespace pa::ui {
namespace {

PlanResult three_parcels_two_projects() {
    std::vector<Parcel> parcels;
    for (int i = 0; i < 3; ++i) {
        Parcel p =
            test::parcel(i + 1, "P" + std::to_string(i + 1), test::square(106.6 + i * 0.002, 26.6, 0.002));
        p.supply_status = SupplyStatus::Reserved;
        p.zone_code = "Z";
        parcels.push_back(p);
    }
    Zone z = test::zone("Z", ZoneLevel::Provincial, test::box(106.5, 26.5, 106.8, 26.8));
    z.threshold_wan_per_mu = 300;
    PlanResult r;
    for (const char* id : {"A", "B"}) {
        PipelineProject p;
        p.project_id = id;
        p.min_area_mu = 0;
        p.max_area_mu = 1e6;
        p.fixed_invest_wan = 1e9;
        r.projects.push_back(p);
    }
    r.set = plan::build_candidates(r.projects, {z}, parcels, {}, plan::PlanConfig{});
    return r;
}

// the candidate of `project` on exactly `parcels` (indices)
size_t candidate(const PlanResult& r, size_t project, std::vector<size_t> parcels) {
    for (size_t j = 0; j < r.set.candidates.size(); ++j)
        if (r.set.candidates[j].project == project &&
            r.set.plots[r.set.candidates[j].plot].parcels == parcels)
            return j;
    ADD_FAILURE() << "no such candidate";
    return 0;
}

TEST(PlanEdit, AssignReplacesClashesAndUndoRedoStepThroughEveryState) {
    const PlanResult r = three_parcels_two_projects();
    PlanUiState p;
    const size_t a1 = candidate(r, 0, {0}), b3 = candidate(r, 1, {2}), b12 = candidate(r, 1, {0, 1});
    plan_edit(p, {{a1, b3}, {a1}});  // A on P1 (locked), B on P3
    const PlanEdit s1 = p.edit;
    EXPECT_EQ(s1.locked, std::vector<size_t>{a1});
    // B on P1+P2: B's old plot goes (same project), and A's (shares P1) with its lock
    plan_edit(p, {plan_with(r, p.edit.chosen, b12), p.edit.locked});
    EXPECT_EQ(p.edit.chosen, std::vector<size_t>{b12});
    EXPECT_TRUE(p.edit.locked.empty());
    plan_undo(p);
    EXPECT_EQ(p.edit, s1);  // the lock is back with its assignment
    plan_redo(p);
    EXPECT_EQ(p.edit.chosen, std::vector<size_t>{b12});
    plan_undo(p);
    plan_undo(p);
    EXPECT_TRUE(p.edit.chosen.empty());
    plan_undo(p);  // nothing more to undo: no change
    EXPECT_TRUE(p.edit.chosen.empty());
    plan_redo(p);
    EXPECT_EQ(p.edit, s1);
    // a new edit after undo drops the redo history
    plan_edit(p, {{a1}, {}});
    EXPECT_TRUE(p.redo.empty());
}

TEST(PlanEdit, ADroppedProjectTakesItsBestPlotHoldingTheParcel) {
    PlanResult r = three_parcels_two_projects();
    r.by_parcel.assign(3, {});
    for (size_t j = 0; j < r.set.candidates.size(); ++j)
        for (size_t q : r.set.plots[r.set.candidates[j].plot].parcels) r.by_parcel[q].push_back(j);
    // B dropped on P2: among B's plots holding P2 (P2, P1+P2, P2+P3, P1+P2+P3) the best-scoring one
    const auto j = plan_drop_candidate(r, 1, 1);
    ASSERT_TRUE(j);
    EXPECT_EQ(r.set.candidates[*j].project, 1u);
    const auto& held = r.set.plots[r.set.candidates[*j].plot].parcels;
    EXPECT_NE(std::find(held.begin(), held.end(), size_t{1}), held.end());
    for (size_t k : r.by_parcel[1]) {
        if (r.set.candidates[k].project == 1) {
            EXPECT_LE(r.set.candidates[k].score, r.set.candidates[*j].score);
        }
    }
    EXPECT_FALSE(plan_drop_candidate(r, 1, 7));  // no such parcel
}

// The panel's filter: text in id / name / enterprise / industry, the land range overlapping the bounds (at
// them too), each ticked flag required.
TEST(PlanEdit, FilterByTextSizeAndFlags) {
    PipelineProject x;
    x.project_id = "PL-007";
    x.name = "电池项目";
    x.enterprise = "某新能源公司";
    x.industry = "新能源汽车";
    x.min_area_mu = 40;
    x.max_area_mu = 60;
    x.digital_economy = true;
    PlanFilter f;
    EXPECT_FALSE(f.active());
    EXPECT_TRUE(plan_filter_matches(f, x));
    std::strcpy(f.text.data(), "新能源公司");
    EXPECT_TRUE(plan_filter_matches(f, x));
    std::strcpy(f.text.data(), "大数据");
    EXPECT_FALSE(plan_filter_matches(f, x));
    f.text[0] = 0;
    f.min_mu = 60;  // at the range's top: overlaps
    EXPECT_TRUE(plan_filter_matches(f, x));
    f.min_mu = 60.5f;
    EXPECT_FALSE(plan_filter_matches(f, x));
    f.min_mu = 0;
    f.max_mu = 40;  // at its bottom
    EXPECT_TRUE(plan_filter_matches(f, x));
    f.max_mu = 39;
    EXPECT_FALSE(plan_filter_matches(f, x));
    f.max_mu = 0;
    f.digital_economy = true;
    EXPECT_TRUE(f.active());
    EXPECT_TRUE(plan_filter_matches(f, x));
    f.central_soe = true;
    EXPECT_FALSE(plan_filter_matches(f, x));
    PipelineProject no_range = x;
    no_range.min_area_mu.reset();
    no_range.max_area_mu.reset();
    PlanFilter sized;
    sized.min_mu = 10;
    EXPECT_FALSE(plan_filter_matches(sized, no_range));
}

}  // namespace
}  // namespace pa::ui

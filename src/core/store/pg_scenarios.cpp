// Planning scenarios on PostGIS: tables scenarios and scenario_assignments of the workspace's schema (created
// with it, or by the schema-3 migration), the same columns as in the SpatiaLite file (scenarios.cpp). A save
// locks the scenario's row (SELECT … FOR UPDATE) to check its version, so two planners saving at once never
// lose an edit: the second is told to reload. Saving needs parkatlas_planner.
#include <cstdlib>

#include <fmt/format.h>

#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/scenario_codes.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

std::string num(double v) {
    return fmt::format("{}", v);  // shortest form that reads back to the same double
}

}  // namespace

std::vector<std::string> PgStore::scenario_names() {
    std::vector<std::string> out;
    if (!has_scenarios_) return out;
    auto r = conn_.exec("SELECT name FROM scenarios ORDER BY name COLLATE \"C\"");
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    return out;
}

std::optional<Scenario> PgStore::load_scenario(const std::string& name) {
    if (!has_scenarios_) return std::nullopt;
    auto r = conn_.exec(
        "SELECT name, created, changed, created_by, version, solved, optimal, objective, pipeline_source, "
        "pipeline FROM scenarios WHERE name = $1",
        {name});
    if (r.rows() == 0) return std::nullopt;
    Scenario s;
    s.name = r.text(0, 0);
    s.created = r.text(0, 1);
    s.changed = r.text(0, 2);
    s.created_by = r.text(0, 3);
    s.version = r.int64(0, 4);
    s.solved = r.int64(0, 5) != 0;
    s.optimal = r.int64(0, 6) != 0;
    s.objective = r.real(0, 7);
    s.pipeline_source = r.text(0, 8);
    s.pipeline_json = r.text(0, 9);
    auto a = conn_.exec(
        "SELECT project_id, parcel_codes, zone, area_mu, score, score_parts, energy_tce, invest_wan, "
        "output_wan, tax_wan, locked FROM scenario_assignments WHERE scenario = $1 ORDER BY project_id "
        "COLLATE \"C\"",
        {name});
    for (int i = 0; i < a.rows(); ++i) {
        ScenarioAssignment x;
        x.project_id = a.text(i, 0);
        x.parcel_codes = split_parcel_codes(a.text(i, 1));
        x.zone = a.text(i, 2);
        x.area_mu = a.real(i, 3);
        x.score = a.real(i, 4);
        x.score_parts_json = a.text(i, 5);
        x.energy_tce = a.real(i, 6);
        x.invest_wan = a.real(i, 7);
        x.output_wan = a.real(i, 8);
        x.tax_wan = a.real(i, 9);
        x.locked = a.int64(i, 10) != 0;
        s.assignments.push_back(std::move(x));
    }
    return s;
}

void PgStore::save_scenario(Scenario& s, int64_t expected_version) {
    conn_.set_needed_role("parkatlas_planner", "saving a planning scenario");
    PgTransaction tx(conn_);
    auto r = conn_.exec("SELECT version, created FROM scenarios WHERE name = $1 FOR UPDATE", {s.name});
    const int64_t stored = r.rows() > 0 ? r.int64(0, 0) : 0;
    const std::string created = r.rows() > 0 ? r.text(0, 1) : std::string();
    stamp_scenario_save(s, stored, expected_version, created, conn_.user());
    conn_.exec(
        "INSERT INTO scenarios(name, created, changed, created_by, version, solved, optimal, objective, "
        "pipeline_source, pipeline) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (name) DO "
        "UPDATE SET changed = EXCLUDED.changed, version = EXCLUDED.version, solved = EXCLUDED.solved, "
        "optimal = EXCLUDED.optimal, objective = EXCLUDED.objective, pipeline_source = "
        "EXCLUDED.pipeline_source, pipeline = EXCLUDED.pipeline",
        {s.name, s.created, s.changed, s.created_by, std::to_string(s.version), s.solved ? "1" : "0",
         s.optimal ? "1" : "0", num(s.objective), s.pipeline_source, s.pipeline_json});
    conn_.exec("DELETE FROM scenario_assignments WHERE scenario = $1", {s.name});
    CopyRows rows;
    for (const auto& a : s.assignments) {
        rows.add(s.name).add(a.project_id).add(join_parcel_codes(a.parcel_codes)).text_or_null(a.zone);
        rows.add(std::optional<double>(a.area_mu))
            .add(std::optional<double>(a.score))
            .add(a.score_parts_json);
        rows.add(std::optional<double>(a.energy_tce)).add(std::optional<double>(a.invest_wan));
        rows.add(std::optional<double>(a.output_wan)).add(std::optional<double>(a.tax_wan));
        rows.add(a.locked ? 1 : 0).end_row();
    }
    if (!rows.data().empty())
        conn_.copy_in(
            "COPY scenario_assignments(scenario, project_id, parcel_codes, zone, area_mu, score, "
            "score_parts, "
            "energy_tce, invest_wan, output_wan, tax_wan, locked) FROM STDIN",
            rows.data());
    audit("scenario.save", s.name,
          "version " + std::to_string(s.version) + ", " + std::to_string(s.assignments.size()) +
              " assignments");
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
}

void PgStore::rename_scenario(const std::string& from, const std::string& to) {
    conn_.set_needed_role("parkatlas_planner", "renaming a planning scenario");
    PgTransaction tx(conn_);
    // the assignments follow their scenario (ON UPDATE CASCADE)
    conn_.exec("UPDATE scenarios SET name = $1, changed = $2 WHERE name = $3", {to, utc_timestamp(), from});
    audit("scenario.rename", from, "renamed to " + to);
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
}

void PgStore::delete_scenario(const std::string& name) {
    conn_.set_needed_role("parkatlas_planner", "deleting a planning scenario");
    PgTransaction tx(conn_);
    conn_.exec("DELETE FROM scenarios WHERE name = $1", {name});  // assignments: ON DELETE CASCADE
    audit("scenario.delete", name, "");
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
}

}  // namespace pa::store

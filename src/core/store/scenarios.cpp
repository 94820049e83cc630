// Planning scenarios in the workspace (tables scenarios, scenario_assignments; created on first write).
#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/scenario_codes.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

bool have_tables(Db& db) {
    return db.has_table("scenarios");
}

void ensure_tables(Db& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS scenarios(name TEXT PRIMARY KEY, created TEXT, changed TEXT, created_by "
        "TEXT, "
        "version INTEGER NOT NULL, solved INTEGER, optimal INTEGER, objective REAL, pipeline_source TEXT, "
        "pipeline TEXT);"
        "CREATE TABLE IF NOT EXISTS scenario_assignments(scenario TEXT NOT NULL, project_id TEXT NOT NULL, "
        "parcel_codes TEXT NOT NULL, zone TEXT, area_mu REAL, score REAL, score_parts TEXT, energy_tce REAL, "
        "invest_wan REAL, output_wan REAL, tax_wan REAL, locked INTEGER, PRIMARY KEY(scenario, "
        "project_id));");
}

std::string names_of(Workspace& ws) {
    std::string out;
    for (const auto& s : ws.list_scenarios()) out += (out.empty() ? "" : ", ") + s.name;
    return out.empty() ? "none yet" : out;
}

}  // namespace

std::vector<Scenario> Workspace::list_scenarios() {
    std::vector<Scenario> out;
    std::vector<std::string> names;
    if (pg_)
        names = pg_->scenario_names();
    else if (!have_tables(db_))
        return out;
    else {
        auto st = db_.prepare("SELECT name FROM scenarios ORDER BY name");
        while (st.step()) names.push_back(st.text(0));
    }
    for (const auto& n : names)
        if (auto s = load_scenario(n)) out.push_back(std::move(*s));
    return out;
}

std::optional<Scenario> Workspace::load_scenario(const std::string& name) {
    if (pg_) return pg_->load_scenario(name);
    if (!have_tables(db_)) return std::nullopt;
    auto st = db_.prepare(
        "SELECT name, created, changed, created_by, version, solved, optimal, objective, pipeline_source, "
        "pipeline "
        "FROM scenarios WHERE name=?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    Scenario s;
    s.name = st.text(0);
    s.created = st.text(1);
    s.changed = st.text(2);
    s.created_by = st.text(3);
    s.version = st.int64(4);
    s.solved = st.int64(5) != 0;
    s.optimal = st.int64(6) != 0;
    s.objective = st.real(7);
    s.pipeline_source = st.text(8);
    s.pipeline_json = st.text(9);
    auto a = db_.prepare(
        "SELECT project_id, parcel_codes, zone, area_mu, score, score_parts, energy_tce, invest_wan, "
        "output_wan, "
        "tax_wan, locked FROM scenario_assignments WHERE scenario=? ORDER BY project_id");
    a.bind(1, name);
    while (a.step()) {
        ScenarioAssignment x;
        x.project_id = a.text(0);
        x.parcel_codes = split_parcel_codes(a.text(1));
        x.zone = a.text(2);
        x.area_mu = a.real(3);
        x.score = a.real(4);
        x.score_parts_json = a.text(5);
        x.energy_tce = a.real(6);
        x.invest_wan = a.real(7);
        x.output_wan = a.real(8);
        x.tax_wan = a.real(9);
        x.locked = a.int64(10) != 0;
        s.assignments.push_back(std::move(x));
    }
    return s;
}

void Workspace::save_scenario(Scenario& s, int64_t expected_version) {
    if (pg_) return pg_->save_scenario(s, expected_version);
    ensure_tables(db_);
    Transaction tx(db_);
    int64_t stored = 0;
    std::string created;
    {
        auto st = db_.prepare("SELECT version, created FROM scenarios WHERE name=?");
        st.bind(1, s.name);
        if (st.step()) {
            stored = st.int64(0);
            created = st.text(1);
        }
    }
    stamp_scenario_save(s, stored, expected_version, created, os_user());
    auto up = db_.prepare(
        "INSERT OR REPLACE INTO scenarios(name, created, changed, created_by, version, solved, optimal, "
        "objective, "
        "pipeline_source, pipeline) VALUES(?,?,?,?,?,?,?,?,?,?)");
    up.bind(1, s.name).bind(2, s.created).bind(3, s.changed).bind(4, s.created_by).bind(5, s.version);
    up.bind(6, s.solved ? 1 : 0).bind(7, s.optimal ? 1 : 0).bind(8, s.objective).bind(9, s.pipeline_source);
    up.bind(10, s.pipeline_json);
    up.run();
    auto del = db_.prepare("DELETE FROM scenario_assignments WHERE scenario=?");
    del.bind(1, s.name).run();
    auto ins = db_.prepare(
        "INSERT INTO scenario_assignments(scenario, project_id, parcel_codes, zone, area_mu, score, "
        "score_parts, "
        "energy_tce, invest_wan, output_wan, tax_wan, locked) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& a : s.assignments) {
        ins.bind(1, s.name).bind(2, a.project_id).bind(3, join_parcel_codes(a.parcel_codes)).bind(4, a.zone);
        ins.bind(5, a.area_mu).bind(6, a.score).bind(7, a.score_parts_json).bind(8, a.energy_tce);
        ins.bind(9, a.invest_wan).bind(10, a.output_wan).bind(11, a.tax_wan).bind(12, a.locked ? 1 : 0);
        ins.run();
    }
    audit("scenario.save", s.name,
          "version " + std::to_string(s.version) + ", " + std::to_string(s.assignments.size()) +
              " assignments");
    tx.commit();
}

void Workspace::copy_scenario(const std::string& from, const std::string& to) {
    auto s = load_scenario(from);
    if (!s)
        throw InputError("There is no scenario '" + from +
                         "' in the workspace (scenarios: " + names_of(*this) + ").");
    if (load_scenario(to)) throw InputError("A scenario '" + to + "' exists already; choose another name.");
    s->name = to;
    s->created.clear();
    s->created_by.clear();
    save_scenario(*s, 0);
}

void Workspace::rename_scenario(const std::string& from, const std::string& to) {
    if (!load_scenario(from))
        throw InputError("There is no scenario '" + from +
                         "' in the workspace (scenarios: " + names_of(*this) + ").");
    if (load_scenario(to)) throw InputError("A scenario '" + to + "' exists already; choose another name.");
    if (pg_) return pg_->rename_scenario(from, to);
    Transaction tx(db_);
    db_.prepare("UPDATE scenarios SET name=?, changed=? WHERE name=?")
        .bind(1, to)
        .bind(2, utc_timestamp())
        .bind(3, from)
        .run();
    db_.prepare("UPDATE scenario_assignments SET scenario=? WHERE scenario=?")
        .bind(1, to)
        .bind(2, from)
        .run();
    audit("scenario.rename", from, "renamed to " + to);
    tx.commit();
}

void Workspace::delete_scenario(const std::string& name) {
    if (!load_scenario(name))
        throw InputError("There is no scenario '" + name +
                         "' in the workspace (scenarios: " + names_of(*this) + ").");
    if (pg_) return pg_->delete_scenario(name);
    Transaction tx(db_);
    for (const char* sql :
         {"DELETE FROM scenarios WHERE name=?", "DELETE FROM scenario_assignments WHERE scenario=?"}) {
        auto st = db_.prepare(sql);
        st.bind(1, name).run();
    }
    audit("scenario.delete", name, "");
    tx.commit();
}

}  // namespace pa::store

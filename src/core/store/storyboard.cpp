// The storyboard in the workspace (table storyboard, created on first write): one row per view, its position
// in the sequence and the view as JSON (docs/meeting-room.md lists the keys). Never touches zones or parcels.
#include <nlohmann/json.hpp>
#include <set>

#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

nlohmann::json to_json(const StoryView& v) {
    return {{"title", v.title},
            {"subtitle", v.subtitle},
            {"center_lon", v.center_lon},
            {"center_lat", v.center_lat},
            {"height_m", v.height_m},
            {"theme", v.theme},
            {"method", v.method},
            {"classes", v.classes},
            {"breaks", v.breaks},
            {"zone", v.zone},
            {"industry", v.industry},
            {"stage", v.stage},
            {"enterprise_kind", v.enterprise_kind},
            {"supply_status", v.supply_status},
            {"as_of", v.as_of},
            {"layers",
             {{"zones", v.zones},
              {"parcels", v.parcels},
              {"projects", v.projects},
              {"outlines", v.outlines},
              {"labels", v.labels}}},
            {"hidden_layers", v.hidden_layers},
            {"seconds", v.seconds}};
}

StoryView from_json(const std::string& name, const nlohmann::json& j) {
    StoryView v;
    v.name = name;
    if (!j.is_object()) return v;
    v.title = j.value("title", std::string());
    v.subtitle = j.value("subtitle", std::string());
    v.center_lon = j.value("center_lon", 0.0);
    v.center_lat = j.value("center_lat", 0.0);
    v.height_m = j.value("height_m", 0.0);
    v.theme = j.value("theme", v.theme);
    v.method = j.value("method", v.method);
    v.classes = j.value("classes", 5);
    if (j.contains("breaks") && j["breaks"].is_array())
        for (const auto& b : j["breaks"])
            if (b.is_number()) v.breaks.push_back(b.get<double>());
    v.zone = j.value("zone", std::string());
    v.industry = j.value("industry", std::string());
    v.stage = j.value("stage", std::string());
    v.enterprise_kind = j.value("enterprise_kind", std::string());
    v.supply_status = j.value("supply_status", std::string());
    v.as_of = j.value("as_of", std::string());
    if (j.contains("layers") && j["layers"].is_object()) {
        const auto& l = j["layers"];
        v.zones = l.value("zones", true);
        v.parcels = l.value("parcels", true);
        v.projects = l.value("projects", true);
        v.outlines = l.value("outlines", true);
        v.labels = l.value("labels", true);
    }
    if (j.contains("hidden_layers") && j["hidden_layers"].is_array())
        for (const auto& h : j["hidden_layers"])
            if (h.is_string()) v.hidden_layers.push_back(h.get<std::string>());
    v.seconds = j.value("seconds", 0.0);
    return v;
}

}  // namespace

std::vector<StoryView> Workspace::load_storyboard() {
    std::vector<StoryView> out;
    if (pg_) {
        for (const auto& [name, view] : pg_->storyboard_rows())
            out.push_back(from_json(name, nlohmann::json::parse(view, nullptr, false)));
        return out;
    }
    if (!db_.has_table("storyboard")) return out;
    auto st = db_.prepare("SELECT name, view FROM storyboard ORDER BY position, id");
    while (st.step()) out.push_back(from_json(st.text(0), nlohmann::json::parse(st.text(1), nullptr, false)));
    return out;
}

void Workspace::save_storyboard(const std::vector<StoryView>& views) {
    std::set<std::string> names;
    for (const auto& v : views) {
        if (v.name.empty()) throw InputError("A storyboard view needs a name.");
        if (!names.insert(v.name).second)
            throw InputError("The storyboard has two views named '" + v.name + "'; give each its own name.");
    }
    if (pg_) {
        std::vector<std::pair<std::string, std::string>> rows;
        for (const auto& v : views) rows.emplace_back(v.name, to_json(v).dump());
        return pg_->save_storyboard_rows(rows);
    }
    Transaction tx(db_);
    db_.exec(
        "CREATE TABLE IF NOT EXISTS storyboard(id INTEGER PRIMARY KEY, position INTEGER NOT NULL, name TEXT "
        "NOT "
        "NULL UNIQUE, view TEXT NOT NULL)");
    db_.exec("DELETE FROM storyboard");
    auto st = db_.prepare("INSERT INTO storyboard(position, name, view) VALUES(?, ?, ?)");
    int64_t pos = 0;
    for (const auto& v : views) {
        st.bind(1, pos++).bind(2, v.name).bind(3, to_json(v).dump());
        st.run();
    }
    audit("storyboard.save", "", std::to_string(views.size()) + " views");
    tx.commit();
}

}  // namespace pa::store

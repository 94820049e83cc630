// Reference layers in the workspace (table reference_layers, created on first write): one row per feature,
// its lines as WKB MultiLineString in CGCS2000 lon/lat, the layer's style as JSON. Never touches zones or
// parcels.
#include <nlohmann/json.hpp>

#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

void Workspace::replace_reference_layer(const ReferenceLayer& layer) {
    const nlohmann::json style_json = {
        {"color", {layer.style.r, layer.style.g, layer.style.b, layer.style.a}},
        {"width_px", layer.style.width_px},
        {"label_field", layer.style.label_field},
        {"max_m_per_px", layer.style.max_m_per_px}};
    const std::string detail = layer.source_path + ": " + std::to_string(layer.features.size()) + " features";
    if (pg_) {
        std::vector<ReferenceRow> rows;
        for (const auto& f : layer.features)
            rows.push_back(
                {layer.name, layer.source_path, style_json.dump(), f.label, geo::wkb_from_lines(f.lines)});
        return pg_->replace_reference_rows(layer.name, rows, detail);
    }
    Transaction tx(db_);
    db_.exec(
        "CREATE TABLE IF NOT EXISTS reference_layers(id INTEGER PRIMARY KEY, layer TEXT NOT NULL, "
        "source_path "
        "TEXT, style TEXT, label TEXT, geom_wkb BLOB NOT NULL);"
        "CREATE INDEX IF NOT EXISTS reference_layers_layer ON reference_layers(layer);");
    db_.prepare("DELETE FROM reference_layers WHERE layer=?").bind(1, layer.name).run();
    auto st = db_.prepare(
        "INSERT INTO reference_layers(layer, source_path, style, label, geom_wkb) VALUES(?, ?, ?, ?, ?)");
    const std::string style_text = style_json.dump();
    for (const auto& f : layer.features) {
        const std::string wkb = geo::wkb_from_lines(f.lines);
        st.bind(1, layer.name).bind(2, layer.source_path).bind(3, style_text).bind(4, f.label);
        st.bind_blob(5, wkb.data(), wkb.size());
        st.run();
    }
    audit("reference.add", layer.name, detail);
    tx.commit();
}

std::vector<ReferenceLayer> Workspace::load_reference_layers() {
    std::vector<ReferenceRow> rows;
    if (pg_) {
        rows = pg_->reference_rows();
    } else if (db_.has_table("reference_layers")) {
        auto st = db_.prepare(
            "SELECT layer, source_path, style, label, geom_wkb FROM reference_layers ORDER BY id");
        while (st.step()) rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.blob(4)});
    }
    std::vector<ReferenceLayer> out;
    for (const auto& row : rows) {
        const std::string& name = row.layer;
        if (out.empty() || out.back().name != name) {
            ReferenceLayer l;
            l.name = name;
            l.source_path = row.source_path;
            const auto j = nlohmann::json::parse(row.style, nullptr, false);
            if (j.is_object()) {
                if (j.contains("color") && j["color"].is_array() && j["color"].size() == 4) {
                    l.style.r = j["color"][0].get<uint8_t>();
                    l.style.g = j["color"][1].get<uint8_t>();
                    l.style.b = j["color"][2].get<uint8_t>();
                    l.style.a = j["color"][3].get<uint8_t>();
                }
                l.style.width_px = j.value("width_px", 2.0);
                l.style.label_field = j.value("label_field", std::string());
                l.style.max_m_per_px = j.value("max_m_per_px", 0.0);
            }
            out.push_back(std::move(l));
        }
        ReferenceFeature f;
        f.label = row.label;
        f.lines = geo::lines_from_wkb(row.wkb);
        out.back().features.push_back(std::move(f));
    }
    return out;
}

void Workspace::register_basemap(const Basemap& b) {
    if (pg_) return pg_->register_basemap(b);
    Transaction tx(db_);
    db_.exec(
        "CREATE TABLE IF NOT EXISTS basemaps(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT "
        "NOT "
        "NULL, scheme TEXT, opacity REAL, grey INTEGER)");
    // Replaced by name, keeping its place in the drawing order.
    db_.prepare(
           "INSERT INTO basemaps(name, path, scheme, opacity, grey) VALUES(?, ?, ?, ?, ?) ON CONFLICT(name) "
           "DO "
           "UPDATE SET path=excluded.path, scheme=excluded.scheme, opacity=excluded.opacity, "
           "grey=excluded.grey")
        .bind(1, b.name)
        .bind(2, b.path)
        .bind(3, b.scheme)
        .bind(4, b.opacity)
        .bind(5, int64_t(b.grey ? 1 : 0))
        .run();
    audit("basemap.add", b.name, b.path);
    tx.commit();
}

std::vector<Basemap> Workspace::load_basemaps() {
    if (pg_) return pg_->load_basemaps();
    std::vector<Basemap> out;
    if (!db_.has_table("basemaps")) return out;
    auto st = db_.prepare("SELECT name, path, scheme, opacity, grey FROM basemaps ORDER BY id");
    while (st.step()) {
        Basemap b;
        b.name = st.text(0);
        b.path = st.text(1);
        b.scheme = st.text(2);
        b.opacity = st.is_null(3) ? 1.0 : st.real(3);
        b.grey = st.int64(4) != 0;
        out.push_back(std::move(b));
    }
    return out;
}

int Workspace::remove_context_layer(const std::string& name) {
    if (pg_) return pg_->remove_context_layer(name);
    Transaction tx(db_);
    int removed = 0;
    if (db_.has_table("reference_layers")) {
        auto st = db_.prepare("DELETE FROM reference_layers WHERE layer=?");
        st.bind(1, name).run();
        removed += db_.changes() > 0 ? 1 : 0;
    }
    if (db_.has_table("basemaps")) {
        db_.prepare("DELETE FROM basemaps WHERE name=?").bind(1, name).run();
        removed += db_.changes() > 0 ? 1 : 0;
    }
    if (removed > 0) audit("layer.remove", name, "");
    tx.commit();
    return removed;
}

}  // namespace pa::store

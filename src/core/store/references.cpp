// Reference layers in the workspace (table reference_layers, created on first write): one row per feature,
// its lines as WKB MultiLineString in CGCS2000 lon/lat, the layer's style as JSON. Never touches zones or
// parcels.
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/common/error.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

bool have_table(Db& db) {
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='reference_layers'");
    return st.step() && st.int64(0) > 0;
}

void put_u32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_f64(std::string& out, double v) {
    uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
}
uint32_t get_u32(const std::string& s, size_t& at) {
    if (at + 4 > s.size()) throw WorkspaceError("A reference feature's stored geometry is cut short.");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<unsigned char>(s[at + size_t(i)])) << (8 * i);
    at += 4;
    return v;
}
double get_f64(const std::string& s, size_t& at) {
    if (at + 8 > s.size()) throw WorkspaceError("A reference feature's stored geometry is cut short.");
    uint64_t u = 0;
    for (int i = 0; i < 8; ++i) u |= uint64_t(static_cast<unsigned char>(s[at + size_t(i)])) << (8 * i);
    at += 8;
    double v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

// Little-endian WKB MultiLineString.
std::string lines_wkb(const std::vector<std::vector<LonLat>>& lines) {
    std::string out;
    out.push_back(1);
    put_u32(out, 5);
    put_u32(out, static_cast<uint32_t>(lines.size()));
    for (const auto& l : lines) {
        out.push_back(1);
        put_u32(out, 2);
        put_u32(out, static_cast<uint32_t>(l.size()));
        for (const auto& p : l) {
            put_f64(out, p.lon);
            put_f64(out, p.lat);
        }
    }
    return out;
}

std::vector<std::vector<LonLat>> lines_from_wkb(const std::string& s) {
    size_t at = 1;
    if (s.empty() || s[0] != 1 || get_u32(s, at) != 5)
        throw WorkspaceError("A reference feature's stored geometry is not a little-endian MultiLineString.");
    std::vector<std::vector<LonLat>> out(get_u32(s, at));
    for (auto& l : out) {
        at += 1;
        if (get_u32(s, at) != 2)
            throw WorkspaceError("A reference feature's stored line is not a LineString.");
        l.resize(get_u32(s, at));
        for (auto& p : l) {
            p.lon = get_f64(s, at);
            p.lat = get_f64(s, at);
        }
    }
    return out;
}

}  // namespace

void Workspace::replace_reference_layer(const ReferenceLayer& layer) {
    Transaction tx(db_);
    db_.exec(
        "CREATE TABLE IF NOT EXISTS reference_layers(id INTEGER PRIMARY KEY, layer TEXT NOT NULL, "
        "source_path "
        "TEXT, style TEXT, label TEXT, geom_wkb BLOB NOT NULL);"
        "CREATE INDEX IF NOT EXISTS reference_layers_layer ON reference_layers(layer);");
    db_.prepare("DELETE FROM reference_layers WHERE layer=?").bind(1, layer.name).run();
    const nlohmann::json style = {{"color", {layer.style.r, layer.style.g, layer.style.b, layer.style.a}},
                                  {"width_px", layer.style.width_px},
                                  {"label_field", layer.style.label_field}};
    auto st = db_.prepare(
        "INSERT INTO reference_layers(layer, source_path, style, label, geom_wkb) VALUES(?, ?, ?, ?, ?)");
    const std::string style_text = style.dump();
    for (const auto& f : layer.features) {
        const std::string wkb = lines_wkb(f.lines);
        st.bind(1, layer.name).bind(2, layer.source_path).bind(3, style_text).bind(4, f.label);
        st.bind_blob(5, wkb.data(), wkb.size());
        st.run();
    }
    tx.commit();
}

std::vector<ReferenceLayer> Workspace::load_reference_layers() {
    std::vector<ReferenceLayer> out;
    if (!have_table(db_)) return out;
    auto st =
        db_.prepare("SELECT layer, source_path, style, label, geom_wkb FROM reference_layers ORDER BY id");
    while (st.step()) {
        const std::string name = st.text(0);
        if (out.empty() || out.back().name != name) {
            ReferenceLayer l;
            l.name = name;
            l.source_path = st.text(1);
            const auto j = nlohmann::json::parse(st.text(2), nullptr, false);
            if (j.is_object()) {
                if (j.contains("color") && j["color"].is_array() && j["color"].size() == 4) {
                    l.style.r = j["color"][0].get<uint8_t>();
                    l.style.g = j["color"][1].get<uint8_t>();
                    l.style.b = j["color"][2].get<uint8_t>();
                    l.style.a = j["color"][3].get<uint8_t>();
                }
                l.style.width_px = j.value("width_px", 2.0);
                l.style.label_field = j.value("label_field", std::string());
            }
            out.push_back(std::move(l));
        }
        ReferenceFeature f;
        f.label = st.text(3);
        f.lines = lines_from_wkb(st.blob(4));
        out.back().features.push_back(std::move(f));
    }
    return out;
}

}  // namespace pa::store

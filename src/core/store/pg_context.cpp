// The meeting room's tables on PostGIS: the storyboard, reference layers and registered basemaps, with the
// same columns as in the SpatiaLite file (storyboard.cpp, references.cpp: those parse and build the JSON and
// WKB; here only rows move). Writing them needs parkatlas_editor; each change is audited in its own
// transaction.
#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

class Writing {  // the role a refusal names, for one write, then back to reading
  public:
    Writing(PgConn& c, const char* action) : c_(c) { c_.set_needed_role("parkatlas_editor", action); }
    ~Writing() { c_.set_needed_role("parkatlas_viewer", "reading the workspace"); }
    Writing(const Writing&) = delete;
    Writing& operator=(const Writing&) = delete;

  private:
    PgConn& c_;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> PgStore::storyboard_rows() {
    std::vector<std::pair<std::string, std::string>> out;
    if (!has_scenarios_) return out;  // the meeting-room tables came with schema 3 too
    auto r = conn_.exec("SELECT name, view FROM storyboard ORDER BY position, id");
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.text(i, 0), r.text(i, 1));
    return out;
}

void PgStore::save_storyboard_rows(const std::vector<std::pair<std::string, std::string>>& rows) {
    Writing w(conn_, "saving the storyboard");
    PgTransaction tx(conn_);
    conn_.exec("DELETE FROM storyboard");
    int64_t pos = 0;
    for (const auto& [name, view] : rows)
        conn_.exec("INSERT INTO storyboard(position, name, view) VALUES($1, $2, $3)",
                   {std::to_string(pos++), name, view});
    audit("storyboard.save", "", std::to_string(rows.size()) + " views");
    tx.commit();
}

std::vector<ReferenceRow> PgStore::reference_rows() {
    std::vector<ReferenceRow> out;
    if (!has_scenarios_) return out;
    conn_.for_each_batch(
        "SELECT layer, source_path, style, label, geom_wkb FROM reference_layers ORDER BY id",
        [&](const PgResult& r) {
            for (int i = 0; i < r.rows(); ++i)
                out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.bytea(i, 4)});
        });
    return out;
}

void PgStore::replace_reference_rows(const std::string& layer, const std::vector<ReferenceRow>& rows,
                                     const std::string& detail) {
    Writing w(conn_, "storing a reference layer");
    PgTransaction tx(conn_);
    conn_.exec("DELETE FROM reference_layers WHERE layer = $1", {layer});
    CopyRows copy;
    for (const auto& row : rows) {
        copy.add(row.layer).add(row.source_path).add(row.style).add(row.label).bytea(row.wkb);
        copy.end_row();
    }
    if (!copy.data().empty())
        conn_.copy_in("COPY reference_layers(layer, source_path, style, label, geom_wkb) FROM STDIN",
                      copy.data());
    audit("reference.add", layer, detail);
    tx.commit();
}

void PgStore::register_basemap(const Basemap& b) {
    Writing w(conn_, "registering a basemap");
    PgTransaction tx(conn_);
    conn_.exec(
        "INSERT INTO basemaps(name, path, scheme, opacity, grey) VALUES($1, $2, $3, $4, $5) ON CONFLICT "
        "(name) "
        "DO UPDATE SET path = EXCLUDED.path, scheme = EXCLUDED.scheme, opacity = EXCLUDED.opacity, grey = "
        "EXCLUDED.grey",
        {b.name, b.path, b.scheme, std::to_string(b.opacity), b.grey ? "1" : "0"});
    audit("basemap.add", b.name, b.path);
    tx.commit();
}

std::vector<Basemap> PgStore::load_basemaps() {
    std::vector<Basemap> out;
    if (!has_scenarios_) return out;
    auto r = conn_.exec("SELECT name, path, scheme, opacity, grey FROM basemaps ORDER BY id");
    for (int i = 0; i < r.rows(); ++i) {
        Basemap b;
        b.name = r.text(i, 0);
        b.path = r.text(i, 1);
        b.scheme = r.text(i, 2);
        b.opacity = r.is_null(i, 3) ? 1.0 : r.real(i, 3);
        b.grey = r.int64(i, 4) != 0;
        out.push_back(std::move(b));
    }
    return out;
}

int PgStore::remove_context_layer(const std::string& name) {
    Writing w(conn_, "removing a context layer");
    PgTransaction tx(conn_);
    int removed = 0;
    for (const char* sql :
         {"DELETE FROM reference_layers WHERE layer = $1", "DELETE FROM basemaps WHERE name = $1"}) {
        auto r = conn_.exec(std::string(sql) + " RETURNING 1", {name});
        removed += r.rows() > 0 ? 1 : 0;
    }
    if (removed > 0) audit("layer.remove", name, "");
    tx.commit();
    return removed;
}

}  // namespace pa::store

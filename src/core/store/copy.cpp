#include "core/store/copy.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "core/common/error.hpp"
#include "core/geo/wkb.hpp"
#include "core/store/bulk.hpp"
#include "core/store/pg.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

enum class Kind { Int, Real, Text, Blob, Geom };

struct Column {
    std::string name;
    Kind kind = Kind::Text;
};

// The tables a copy moves, in order; render_cache is derived (rebuilt when needed) and not copied.
constexpr const char* kTables[] = {"meta",       "imports",          "zones",
                                   "parcels",    "projects",         "links",
                                   "problems",   "scenarios",        "scenario_assignments",
                                   "storyboard", "reference_layers", "basemaps",
                                   "audit"};
// Tables whose id the destination numbers itself (an identity column on PostGIS), in the source's order.
bool renumbered(const std::string& table) {
    return table == "storyboard" || table == "reference_layers" || table == "basemaps" || table == "audit";
}

Kind kind_of(const std::string& name, std::string type) {
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "geom") return Kind::Geom;
    if (type.find("int") != std::string::npos) return Kind::Int;
    if (type.find("real") != std::string::npos || type.find("double") != std::string::npos ||
        type.find("float") != std::string::npos || type.find("numeric") != std::string::npos)
        return Kind::Real;
    if (type.find("blob") != std::string::npos || type.find("bytea") != std::string::npos) return Kind::Blob;
    return Kind::Text;
}

std::vector<Column> columns(Workspace& ws, const std::string& table) {
    std::vector<Column> out;
    if (PgStore* pg = ws.pg()) {
        auto r = pg->conn().exec(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND "
            "table_name = $2 ORDER BY ordinal_position",
            {pg->schema(), table});
        for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), kind_of(r.text(i, 0), r.text(i, 1))});
    } else {
        auto st = ws.db().prepare("SELECT name, type FROM pragma_table_info(?) ORDER BY cid");
        st.bind(1, table);
        while (st.step()) out.push_back({st.text(0), kind_of(st.text(0), st.text(1))});
    }
    return out;
}

bool has_rows(Workspace& ws, const std::string& table) {
    if (PgStore* pg = ws.pg()) {
        auto r = pg->conn().exec("SELECT to_regclass($1) IS NOT NULL",
                                 {pg->conn().ident(pg->schema()) + "." + table});
        if (r.view(0, 0) != "t") return false;
        return pg->conn().exec("SELECT 1 FROM " + pg->conn().ident(table) + " LIMIT 1").rows() > 0;
    }
    auto st = ws.db().prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, table);
    if (!st.step() || st.int64(0) == 0) return false;
    auto c = ws.db().prepare("SELECT 1 FROM \"" + table + "\" LIMIT 1");
    return c.step();
}

using Cell = std::optional<std::string>;  // text form of an int or real, the text, or the bytes (blob, WKB)

/// Reads every row of `table` (the columns `cols`) from the source, in row-id order.
std::vector<std::vector<Cell>> read_rows(Workspace& ws, const std::string& table,
                                         const std::vector<Column>& cols) {
    std::string sql = "SELECT ";
    const bool pg = ws.pg() != nullptr;
    for (size_t i = 0; i < cols.size(); ++i) {
        sql += i ? ", " : "";
        sql += cols[i].kind == Kind::Geom ? (pg ? "ST_AsBinary(geom)" : "AsBinary(geom)")
                                          : "\"" + cols[i].name + "\"";
    }
    sql += " FROM \"" + table + "\"";
    const bool has_id = std::any_of(cols.begin(), cols.end(), [](const Column& c) { return c.name == "id"; });
    sql += has_id ? " ORDER BY id" : table == "links" ? " ORDER BY project_rowid, parcel_id" : "";
    std::vector<std::vector<Cell>> out;
    if (pg) {
        auto r = ws.pg()->conn().exec(sql);
        out.reserve(static_cast<size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i) {
            std::vector<Cell> row(cols.size());
            for (size_t c = 0; c < cols.size(); ++c) {
                const int ci = static_cast<int>(c);
                if (r.is_null(i, ci)) continue;
                row[c] =
                    cols[c].kind == Kind::Geom || cols[c].kind == Kind::Blob ? r.bytea(i, ci) : r.text(i, ci);
            }
            out.push_back(std::move(row));
        }
        return out;
    }
    auto st = ws.db().prepare(sql);
    while (st.step()) {
        std::vector<Cell> row(cols.size());
        for (size_t c = 0; c < cols.size(); ++c) {
            const int ci = static_cast<int>(c);
            if (st.is_null(ci)) continue;
            switch (cols[c].kind) {
                case Kind::Int:
                    row[c] = fmt::format("{}", st.int64(ci));
                    break;
                case Kind::Real:
                    row[c] = fmt::format("{}", st.real(ci));
                    break;
                case Kind::Text:
                    row[c] = st.text(ci);
                    break;
                case Kind::Blob:
                case Kind::Geom:
                    row[c] = st.blob(ci);
                    break;
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

// Meta keys a copy leaves behind: the schema version (the destination's own) and the view index's (derived,
// not copied: rebuilt where it is needed).
bool skipped_meta(const std::optional<std::string>& key) {
    return key && (*key == "schema_version" || key->rfind("view_index", 0) == 0);
}

void write_pg(PgStore& pg, const std::string& table, const std::vector<Column>& cols,
              const std::vector<std::vector<Cell>>& rows) {
    if (table == "meta") pg.conn().exec("DELETE FROM meta WHERE key <> 'schema_version'");
    std::string names;
    for (const auto& c : cols) names += (names.empty() ? "" : ", ") + pg.conn().ident(c.name);
    const std::string copy = "COPY " + pg.conn().ident(table) + "(" + names + ") FROM STDIN";
    CopyRows out;
    for (const auto& row : rows) {
        if (table == "meta" && skipped_meta(row[0])) continue;
        for (size_t c = 0; c < cols.size(); ++c) {
            if (!row[c])
                out.null();
            else if (cols[c].kind == Kind::Geom)
                out.hex_or_null(ewkb_from_wkb(*row[c], kSrid));
            else if (cols[c].kind == Kind::Blob)
                out.bytea(*row[c]);
            else
                out.add(*row[c]);
        }
        out.end_row();
        if (out.data().size() > (64u << 20)) {
            pg.conn().copy_in(copy, out.data());
            out.clear();
        }
    }
    if (!out.data().empty()) pg.conn().copy_in(copy, out.data());
}

void write_sqlite(Workspace& ws, const std::string& table, const std::vector<Column>& cols,
                  const std::vector<std::vector<Cell>>& rows) {
    Db& db = ws.db();
    if (table == "meta") db.exec("DELETE FROM meta WHERE key <> 'schema_version'");
    size_t geom_col = cols.size(), id_col = cols.size();
    std::string names, marks;
    for (size_t c = 0; c < cols.size(); ++c) {
        names += (c ? ", \"" : "\"") + cols[c].name + "\"";
        marks += c ? ", ?" : "?";
        if (cols[c].kind == Kind::Geom) geom_col = c;
        if (cols[c].name == "id") id_col = c;
    }
    // Geometry tables go through the bulk path of an import (bulk.hpp): SpatiaLite blobs written directly,
    // triggers lifted, the R*Tree packed once.
    std::optional<BulkGeometryLoad> bulk;
    if (geom_col < cols.size() && id_col < cols.size()) bulk.emplace(db, table, "geom", table != "problems");
    auto st = db.prepare("INSERT INTO \"" + table + "\"(" + names + ") VALUES(" + marks + ")");
    for (const auto& row : rows) {
        if (table == "meta" && skipped_meta(row[0])) continue;
        std::string blob;
        BBox box;
        for (size_t c = 0; c < cols.size(); ++c) {
            const int i = static_cast<int>(c) + 1;
            if (!row[c]) {
                st.bind(i, nullptr);
                continue;
            }
            const std::string& v = *row[c];
            switch (cols[c].kind) {
                case Kind::Int:
                    st.bind(i, static_cast<int64_t>(std::strtoll(v.c_str(), nullptr, 10)));
                    break;
                case Kind::Real:
                    st.bind(i, std::strtod(v.c_str(), nullptr));
                    break;
                case Kind::Text:
                    st.bind(i, v);
                    break;
                case Kind::Blob:
                    st.bind_blob(i, v.data(), v.size());
                    break;
                case Kind::Geom:
                    // WKB type 1 (Point) or 6 (MultiPolygon), little or big endian.
                    if (v.size() >= 5 && (v[0] == 1 ? v[1] : v[4]) == 1) {
                        const LonLat p = geo::point_from_wkb(v);
                        blob = spatialite_point(p);
                        box.expand(p);
                    } else {
                        blob = spatialite_multipolygon(geo::multipolygon_from_wkb(v), kSrid, &box);
                    }
                    if (blob.empty())
                        st.bind(i, nullptr);
                    else
                        st.bind_blob(i, blob.data(), blob.size());
                    break;
            }
        }
        st.run();
        if (bulk && !blob.empty()) bulk->add(std::strtoll(row[id_col]->c_str(), nullptr, 10), box);
    }
    if (bulk) bulk->finish();
}

}  // namespace

CopySummary copy_workspace(const std::string& src, const std::string& dst) {
    const auto t0 = std::chrono::steady_clock::now();
    CopySummary sum;
    const bool dst_pg = is_postgres_target(dst);
    if (!dst_pg && std::filesystem::exists(dst))
        throw WorkspaceError(
            "'" + dst + "' exists already; workspace copy writes a new workspace: give a new file name.");
    Workspace from = Workspace::open(src, true);
    bool created = false;
    try {
        Workspace to = Workspace::open_or_create(dst);
        created = !dst_pg;
        for (const char* t : {"zones", "parcels", "projects", "imports"})
            if (has_rows(to, t))
                throw WorkspaceError(
                    "The destination " + to.path() +
                    " holds a ParkAtlas workspace already; copy into an empty database (or drop "
                    "its schema parkatlas first, after a pg_dump) or a new file.");
        BulkWrite tx(to);
        for (const char* t : kTables) {
            const std::vector<Column> src_cols = columns(from, t), dst_cols = columns(to, t);
            std::vector<Column> cols;  // the destination's columns the source has, with the source's kinds
            for (const auto& d : dst_cols)
                for (const auto& s : src_cols)
                    if (s.name == d.name && !(d.name == "id" && renumbered(t)))
                        cols.push_back(Column{d.name, d.kind == Kind::Geom ? Kind::Geom : s.kind});
            if (cols.empty()) continue;
            const auto rows = read_rows(from, t, cols);
            if (to.pg())
                write_pg(*to.pg(), t, cols, rows);
            else
                write_sqlite(to, t, cols, rows);
            sum.rows.emplace_back(t, static_cast<int64_t>(rows.size()));
        }
        tx.commit();
    } catch (...) {
        if (created) {
            std::error_code ec;
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                std::filesystem::remove(dst + suffix, ec);
        }
        throw;
    }
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum;
}

}  // namespace pa::store

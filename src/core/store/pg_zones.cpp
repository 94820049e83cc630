// Zone-level rights on a shared PostGIS workspace (docs/administration.md): table zone_grants(role_name,
// zone_code) says which zones a database role (and every member of it) may see; a role with no grant sees
// every zone (the bureau's staff). Row-level security policies on zones, parcels, links, projects and
// scenario_assignments apply it to every query of a non-owner (the tables' owner and superusers are not
// filtered), so a zone's operator reads, reports, renders and plans only its own zones, whatever command it
// runs.
#include <map>

#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"

namespace pa::store {

namespace {

// The policies (re)created by grant_zones; %s is the quoted schema.
std::string policies_sql(const std::string& s) {
    const std::string visible = s + ".zone_visible";
    return "CREATE TABLE IF NOT EXISTS " + s +
           ".zone_grants(role_name text NOT NULL, zone_code text NOT NULL, PRIMARY KEY(role_name, "
           "zone_code));\n"
           "GRANT SELECT ON " +
           s +
           ".zone_grants TO PUBLIC;\n"
           // Visible: the current user is a member of no restricted role, or of one granted this zone.
           "CREATE OR REPLACE FUNCTION " +
           visible +
           "(code text) RETURNS boolean LANGUAGE sql STABLE AS $f$\n"
           "  SELECT NOT EXISTS (SELECT 1 FROM " +
           s +
           ".zone_grants g WHERE pg_has_role(current_user, "
           "g.role_name, 'MEMBER'))\n"
           "      OR EXISTS (SELECT 1 FROM " +
           s +
           ".zone_grants g WHERE g.zone_code = code AND "
           "pg_has_role(current_user, g.role_name, 'MEMBER'))\n$f$;\n"
           "ALTER TABLE " +
           s +
           ".zones ENABLE ROW LEVEL SECURITY;\n"
           "ALTER TABLE " +
           s +
           ".parcels ENABLE ROW LEVEL SECURITY;\n"
           "ALTER TABLE " +
           s +
           ".links ENABLE ROW LEVEL SECURITY;\n"
           "ALTER TABLE " +
           s +
           ".projects ENABLE ROW LEVEL SECURITY;\n"
           "ALTER TABLE " +
           s +
           ".scenario_assignments ENABLE ROW LEVEL SECURITY;\n"
           "DROP POLICY IF EXISTS zone_rights ON " +
           s +
           ".zones;\n"
           "CREATE POLICY zone_rights ON " +
           s + ".zones USING (" + visible +
           "(code));\n"
           "DROP POLICY IF EXISTS zone_rights ON " +
           s +
           ".parcels;\n"
           "CREATE POLICY zone_rights ON " +
           s + ".parcels USING (" + visible +
           "(zone_code));\n"
           "DROP POLICY IF EXISTS zone_rights ON " +
           s +
           ".links;\n"
           "CREATE POLICY zone_rights ON " +
           s + ".links USING (EXISTS (SELECT 1 FROM " + s +
           ".parcels p WHERE p.id = links.parcel_id));\n"
           "DROP POLICY IF EXISTS zone_rights ON " +
           s +
           ".projects;\n"
           "CREATE POLICY zone_rights ON " +
           s + ".projects USING (EXISTS (SELECT 1 FROM " + s +
           ".links l WHERE l.project_rowid = projects.id) OR zone_name IN (SELECT name_zh FROM " + s +
           ".zones) OR zone_name IN (SELECT code FROM " + s +
           ".zones));\n"
           "DROP POLICY IF EXISTS zone_rights ON " +
           s +
           ".scenario_assignments;\n"
           "CREATE POLICY zone_rights ON " +
           s + ".scenario_assignments USING (" + visible + "(zone));\n" +
           // The view index holds a copy of the parcels' first-stage columns: the same rights.
           "ALTER TABLE " + s + ".parcel_view ENABLE ROW LEVEL SECURITY;\n" +
           "DROP POLICY IF EXISTS zone_rights ON " + s + ".parcel_view;\n" + "CREATE POLICY zone_rights ON " +
           s + ".parcel_view USING (" + visible + "(zone_code));\n";
}

}  // namespace

std::vector<std::string> PgStore::zone_grants() {
    std::vector<std::string> out;
    auto t = conn_.exec("SELECT to_regclass($1) IS NOT NULL", {schema_ + ".zone_grants"});
    if (t.rows() == 0 || t.text(0, 0) != "t") return out;
    auto r = conn_.exec(
        "SELECT role_name, string_agg(zone_code, ', ' ORDER BY zone_code) FROM zone_grants GROUP BY "
        "role_name "
        "ORDER BY role_name");
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0) + ": " + r.text(i, 1));
    return out;
}

std::vector<std::string> PgStore::grant_zones(const std::string& role,
                                              const std::vector<std::string>& zones) {
    conn_.set_needed_role("the owner of the workspace's tables (parkatlas_admin) or a superuser",
                          "granting zone-level rights");
    auto exists = conn_.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {role});
    if (exists.rows() == 0)
        throw InputError("There is no database role '" + role + "'; create it first (CREATE ROLE " + role +
                         " LOGIN) and grant it parkatlas_viewer or parkatlas_planner.");
    std::map<std::string, bool> known;
    for (const auto& z : load_zones(false)) known[z.code] = true;
    for (const auto& z : zones)
        if (!known.count(z)) {
            std::string list;
            for (const auto& [code, _] : known) list += (list.empty() ? "" : ", ") + code;
            throw InputError("The zone '" + z + "' is not in the workspace (its zones: " + list + ").");
        }
    PgTransaction tx(conn_);
    conn_.exec(policies_sql(conn_.ident(schema_)));
    for (const auto& z : zones)
        conn_.exec("INSERT INTO zone_grants(role_name, zone_code) VALUES($1, $2) ON CONFLICT DO NOTHING",
                   {role, z});
    audit("zones.grant", role, [&] {
        std::string l;
        for (const auto& z : zones) l += (l.empty() ? "" : ", ") + z;
        return l;
    }());
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
    return zone_grants();
}

std::vector<std::string> PgStore::revoke_zones(const std::string& role,
                                               const std::vector<std::string>& zones) {
    conn_.set_needed_role("the owner of the workspace's tables (parkatlas_admin) or a superuser",
                          "revoking zone-level rights");
    PgTransaction tx(conn_);
    auto t = conn_.exec("SELECT to_regclass($1) IS NOT NULL", {schema_ + ".zone_grants"});
    if (t.rows() > 0 && t.text(0, 0) == "t") {
        if (zones.empty())
            conn_.exec("DELETE FROM zone_grants WHERE role_name = $1", {role});
        else
            for (const auto& z : zones)
                conn_.exec("DELETE FROM zone_grants WHERE role_name = $1 AND zone_code = $2", {role, z});
    }
    audit("zones.revoke", role, "");
    tx.commit();
    conn_.set_needed_role("parkatlas_viewer", "reading the workspace");
    return zone_grants();
}

}  // namespace pa::store

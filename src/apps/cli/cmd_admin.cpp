// parkatlas admin init-roles | grant-zones | revoke-zones | zone-grants -w PG:…: the roles and zone-level
// rights of a shared PostGIS workspace (docs/administration.md).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct AdminOptions {
    std::string workspace, role;
    std::vector<std::string> zones;
};

Registrar reg("admin", 95, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<AdminOptions>();
    auto* sub =
        app.add_subcommand("admin", "Administration of a shared PostGIS workspace (docs/administration.md).");
    sub->require_subcommand(1);
    auto* roles = sub->add_subcommand(
        "init-roles",
        "Create the roles parkatlas_viewer (read only), parkatlas_planner, parkatlas_editor (imports and "
        "edits) "
        "and parkatlas_admin with their rights on the workspace's schema; a database user gets rights by "
        "being "
        "granted one (GRANT parkatlas_viewer TO alice). Run as the schema's owner with CREATEROLE (or a "
        "superuser); running it again is harmless.");
    add_workspace_option(roles, o->workspace);
    auto* grant = sub->add_subcommand(
        "grant-zones",
        "Zone-level rights: the database role --role (and its members) sees and plans only these zones "
        "(row-level security on zones, parcels, links, projects and scenario assignments); a role granted no "
        "zone sees all. Run as the tables' owner.");
    auto* revoke = sub->add_subcommand(
        "revoke-zones",
        "Take zones back from --role (all of them without --zone: it sees every zone again).");
    auto* list = sub->add_subcommand("zone-grants", "List the zone-level rights (role: zones).");
    for (auto* c : {grant, revoke}) {
        add_workspace_option(c, o->workspace);
        c->add_option("--role", o->role, "The database role (e.g. op_gyetdz, granted parkatlas_planner)")
            ->required();
        c->add_option("--zone", o->zones, "Zone codes (repeatable or comma separated)")->delimiter(',');
    }
    grant->get_option("--zone")->required();
    add_workspace_option(list, o->workspace);
    return [o, roles, grant, revoke, list]() {
        if (!store::is_postgres_target(o->workspace))
            throw InputError(
                "admin works on a PostGIS workspace (-w PG:\"host=… dbname=… user=…\"); a SpatiaLite file "
                "has "
                "no roles: its file permissions decide who may write it.");
        auto ws = store::Workspace::open(o->workspace, false);
        std::vector<std::string> lines;
        if (roles->parsed())
            lines = ws.pg()->init_roles();
        else if (grant->parsed())
            lines = ws.pg()->grant_zones(o->role, o->zones);
        else if (revoke->parsed())
            lines = ws.pg()->revoke_zones(o->role, o->zones);
        else if (list->parsed())
            lines = ws.pg()->zone_grants();
        else
            return int(kUsage);
        for (const auto& line : lines) std::cout << line << "\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

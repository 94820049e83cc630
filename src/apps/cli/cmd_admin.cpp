// parkatlas admin init-roles -w PG:…: the roles of a shared PostGIS workspace (docs/administration.md).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct AdminOptions {
    std::string workspace;
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
    return [o, roles]() {
        if (!roles->parsed()) return int(kUsage);
        if (!store::is_postgres_target(o->workspace))
            throw InputError(
                "admin init-roles works on a PostGIS workspace (-w PG:\"host=… dbname=… user=…\"); a "
                "SpatiaLite file has no roles: its file permissions decide who may write it.");
        auto ws = store::Workspace::open(o->workspace, false);
        for (const auto& line : ws.pg()->init_roles()) std::cout << line << "\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

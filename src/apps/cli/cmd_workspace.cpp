// parkatlas workspace copy SRC DST: move a workspace between a SpatiaLite file and PostGIS (core/store/copy).
// parkatlas workspace prepare-view -w WS: build the view index a large workspace is read by
// (render/map_view).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/store/copy.hpp"
#include "core/store/pg.hpp"
#include "render/map_view.hpp"

namespace pa::cli {
namespace {

struct WorkspaceOptions {
    std::string src, dst, workspace;
};

Registrar reg("workspace", 96, [](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<WorkspaceOptions>();
    auto* sub = app.add_subcommand("workspace", "Whole-workspace operations.");
    sub->require_subcommand(1);
    auto* copy = sub->add_subcommand(
        "copy",
        "Copy a workspace between SpatiaLite and PostGIS, either way: SRC and DST are each a .sqlite file or "
        "a "
        "PostgreSQL connection (PG:\"host=… port=… dbname=… user=…\" or postgresql://…). DST must not hold a "
        "workspace yet; the copy is one transaction (all or nothing).");
    copy->add_option("SRC", o->src, "The workspace to copy")->required();
    copy->add_option("DST", o->dst, "A new .sqlite file or a PostgreSQL database without a workspace")
        ->required();
    auto* prepare = sub->add_subcommand(
        "prepare-view",
        "Build the view index of a workspace: per parcel its level of detail, box and triangles, so that the "
        "viewer and render read a large workspace (from 2,000,000 parcels) by view instead of whole. Run it "
        "after an import (the viewer and render build it themselves when they may write).");
    add_workspace_option(prepare, o->workspace);
    return [o, copy, prepare]() {
        if (prepare->parsed()) {
            const auto b = render::build_view_index(o->workspace);
            std::cout << fmt::format(
                "view index of {}: {} parcels, {} with cached triangles ({:.1f} s)\n",
                store::is_postgres_target(o->workspace) ? store::pg_display(o->workspace) : o->workspace,
                b.parcels, b.cached_tris, b.seconds);
            return int(kOk);
        }
        if (!copy->parsed()) return int(kUsage);
        const auto sum = store::copy_workspace(o->src, o->dst);
        std::string rows;
        for (const auto& [table, n] : sum.rows)
            rows += fmt::format("{}{} {}", rows.empty() ? "" : ", ", n, table);
        std::cout << fmt::format("copied {} -> {}: {} ({:.1f} s)\n",
                                 store::is_postgres_target(o->src) ? store::pg_display(o->src) : o->src,
                                 store::is_postgres_target(o->dst) ? store::pg_display(o->dst) : o->dst, rows,
                                 sum.seconds);
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

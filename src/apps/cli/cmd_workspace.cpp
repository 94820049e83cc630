// parkatlas workspace copy SRC DST: move a workspace between a SpatiaLite file and PostGIS (core/store/copy).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "apps/cli/command.hpp"
#include "core/store/copy.hpp"
#include "core/store/pg.hpp"

namespace pa::cli {
namespace {

struct WorkspaceOptions {
    std::string src, dst;
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
    return [o, copy]() {
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

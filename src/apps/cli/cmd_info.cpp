// parkatlas info -w WORKSPACE: what a workspace holds (counts, schema, imports).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct InfoOptions {
    std::string workspace;
};

Registrar reg("info", 90, [](CLI::App& app) -> std::function<int()> {
    auto opt = std::make_shared<InfoOptions>();
    auto* sub =
        app.add_subcommand("info", "Show what a workspace holds: schema version, counts and the import log.");
    add_workspace_option(sub, opt->workspace);
    return [opt]() {
        auto ws = store::Workspace::open(opt->workspace, true);
        const store::TableCounts n = ws.counts();
        std::cout << "workspace       " << ws.path() << "\n"
                  << "schema_version  " << ws.meta("schema_version") << "\n"
                  << "zones           " << n.zones << "\n"
                  << "parcels         " << n.parcels << "\n"
                  << "projects        " << n.projects << "\n"
                  << "links           " << n.links << "\n"
                  << "problems        " << n.problems << "\n";
        for (const auto& r : ws.import_log()) {
            const auto& e = r.entry;
            std::cout << "import  " << r.time << "  " << e.kind << "  " << e.source_path << "::" << e.layer
                      << "  crs=" << e.crs << "  encoding=" << e.encoding << "  stored=" << e.stored_count
                      << "\n";
        }
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

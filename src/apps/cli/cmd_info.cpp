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
    auto* sub = app.add_subcommand("info", "Show what a workspace holds: schema version, counts and the import log.");
    add_workspace_option(sub, opt->workspace);
    return [opt]() {
        auto ws = store::Workspace::open(opt->workspace, true);
        auto count = [&](const char* table) {
            auto st = ws.db().prepare(std::string("SELECT count(*) FROM ") + table);
            st.step();
            return st.int64(0);
        };
        std::cout << "workspace       " << ws.path() << "\n"
                  << "schema_version  " << ws.meta("schema_version") << "\n"
                  << "zones           " << count("zones") << "\n"
                  << "parcels         " << count("parcels") << "\n"
                  << "projects        " << count("projects") << "\n"
                  << "links           " << count("links") << "\n"
                  << "problems        " << count("problems") << "\n";
        auto st = ws.db().prepare("SELECT time, kind, source_path, layer, crs, encoding, stored_count FROM imports "
                                  "ORDER BY id");
        while (st.step()) {
            std::cout << "import  " << st.text(0) << "  " << st.text(1) << "  " << st.text(2) << "::" << st.text(3)
                      << "  crs=" << st.text(4) << "  encoding=" << st.text(5) << "  stored=" << st.int64(6)
                      << "\n";
        }
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

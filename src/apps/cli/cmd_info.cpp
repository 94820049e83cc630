// parkatlas info -w WORKSPACE: what a workspace holds (counts, schema, imports).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "core/store/workspace.hpp"

namespace pa::cli {
namespace {

struct InfoOptions {
    std::string workspace, lang = "zh";
};

Registrar reg("info", 90, [](CLI::App& app) -> std::function<int()> {
    auto opt = std::make_shared<InfoOptions>();
    auto* sub =
        app.add_subcommand("info", "Show what a workspace holds: schema version, counts and the import log.");
    add_workspace_option(sub, opt->workspace);
    add_lang_option(sub, opt->lang);
    return [opt]() {
        auto ws = store::Workspace::open(opt->workspace, true);
        const store::TableCounts n = ws.counts();
        const bool en = opt->lang == "en";
        // The import log's key=value fields (crs=, encoding=, stored=) stay the same in both languages.
        auto kind = [&](const std::string& k) -> std::string {
            if (en) return k;
            return k == "zones" ? "开发区" : k == "parcels" ? "宗地" : k == "ledger" ? "台账" : k;
        };
        if (en)
            std::cout << "workspace       " << ws.path() << "\n"
                      << "schema_version  " << ws.meta("schema_version") << "\n"
                      << "zones           " << n.zones << "\n"
                      << "parcels         " << n.parcels << "\n"
                      << "projects        " << n.projects << "\n"
                      << "links           " << n.links << "\n"
                      << "problems        " << n.problems << "\n";
        else
            std::cout << "工作空间        " << ws.path() << "\n"
                      << "结构版本        " << ws.meta("schema_version") << "\n"
                      << "开发区          " << n.zones << "\n"
                      << "宗地            " << n.parcels << "\n"
                      << "项目            " << n.projects << "\n"
                      << "项目-宗地关联   " << n.links << "\n"
                      << "数据问题        " << n.problems << "\n";
        for (const auto& r : ws.import_log()) {
            const auto& e = r.entry;
            std::cout << (en ? "import  " : "导入  ") << r.time << "  " << kind(e.kind) << "  "
                      << e.source_path << "::" << e.layer << "  crs=" << e.crs << "  encoding=" << e.encoding
                      << "  stored=" << e.stored_count << "\n";
        }
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

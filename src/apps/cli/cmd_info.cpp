// parkatlas info -w WORKSPACE: what a workspace holds (counts, schema, imports).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

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

struct AuditOptions {
    std::string workspace, format = "table";
    int64_t limit = 50;
};

// parkatlas audit -w WORKSPACE: who imported or changed what, and when (the audit table).
Registrar reg_audit("audit", 91, [](CLI::App& app) -> std::function<int()> {
    auto opt = std::make_shared<AuditOptions>();
    auto* sub = app.add_subcommand(
        "audit", "Show who imported or changed what, and when (the workspace's audit table, oldest first).");
    add_workspace_option(sub, opt->workspace);
    sub->add_option("--limit", opt->limit, "The last N changes (0: all; default 50)")
        ->check(CLI::NonNegativeNumber);
    add_format_option(sub, opt->format, {"table", "json"});
    return [opt]() {
        auto ws = store::Workspace::open(opt->workspace, true);
        const auto rows = ws.audit_log(opt->limit);
        if (opt->format == "json") {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& r : rows)
                j.push_back({{"id", r.id},
                             {"time", r.time},
                             {"db_user", r.db_user},
                             {"os_user", r.os_user},
                             {"action", r.action},
                             {"object", r.object},
                             {"detail", r.detail}});
            std::cout << j.dump(2) << "\n";
            return int(kOk);
        }
        for (const auto& r : rows)
            std::cout << r.time << "  "
                      << (r.db_user.empty() ? r.os_user : r.db_user + " (" + r.os_user + ")") << "  "
                      << r.action << "  " << r.object << (r.detail.empty() ? "" : "  " + r.detail) << "\n";
        return int(kOk);
    };
});

}  // namespace
}  // namespace pa::cli

#pragma once
// How subcommands plug into the `parkatlas` executable: each cmd_*.cpp defines one static Registrar. main.cpp
// builds the CLI11 app from them, runs the chosen one and maps exceptions to the documented exit codes
// (docs/cli.md). Commands print results to stdout and messages to stderr.
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/analysis/date.hpp"
#include "core/common/error.hpp"
#include "core/model.hpp"
#include "core/store/pg.hpp"

namespace pa::cli {

/// Exit codes: stable, documented in docs/cli.md. 124-137 are avoided (timeout/kill codes).
enum Exit : int {
    kOk = 0,
    kErrorProblems = 1,  // `check` found problems at error level
    kUsage = 2,          // bad command line
    kBadInput = 3,       // an input file was refused (nothing was stored)
    kWorkspace = 4,      // the workspace is missing, unreadable or not a ParkAtlas workspace
    kInternal = 5,       // a bug or an environment problem (library failure)
    kNoDisplay = 6,      // `view` could not open a window (no display) and could not fall back
};

/// setup() adds the subcommand and its options to `app` and returns the function that runs it (returns the
/// exit code).
using Setup = std::function<std::function<int()>(CLI::App& app)>;

struct Registrar {
    Registrar(std::string name, int order, Setup setup);
};

struct Entry {
    std::string name;
    int order;
    Setup setup;
};
std::vector<Entry>& registry();

/// The options every workspace command shares, spelled once so that their names and help stay the same.
inline CLI::Option* add_workspace_option(CLI::App* sub, std::string& workspace) {
    auto* w = sub->add_option("-w,--workspace", workspace,
                              "Workspace file (.sqlite), or a shared PostGIS workspace: PG:\"host=… port=… "
                              "dbname=… user=…\" or postgresql://… (password from ~/.pgpass or PGPASSWORD)")
                  ->required();
    // --schema NAME: the PostGIS schema holding the workspace (default parkatlas), the same as schema=NAME in
    // the connection; joined to it once the command line is read.
    auto schema = std::make_shared<std::string>();
    sub->add_option("--schema", *schema,
                    "PostGIS workspaces: the schema holding it (default parkatlas), as schema=NAME in the "
                    "connection");
    sub->parse_complete_callback([&workspace, schema] {
        if (schema->empty()) return;
        if (!store::is_postgres_target(workspace))
            throw CLI::ValidationError("--schema",
                                       "only a PostGIS workspace (-w PG:… or postgresql://…) has a schema");
        if (workspace.rfind("postgresql://", 0) == 0 || workspace.rfind("postgres://", 0) == 0)
            workspace += (workspace.find('?') == std::string::npos ? "?schema=" : "&schema=") + *schema;
        else
            workspace += " schema=" + *schema;
    });
    return w;
}
/// "a,b,c" -> numbers; `what` names the option in the error ("--bbox").
inline std::vector<double> parse_numbers(const std::string& s, const char* what) {
    std::vector<double> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        try {
            size_t used = 0;
            out.push_back(std::stod(item, &used));
            if (used != item.size() || !std::isfinite(out.back())) throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw InputError(std::string("The ") + what + " '" + s +
                             "' is not a comma-separated list of finite numbers.");
        }
    }
    return out;
}

/// "WxH" (e.g. 1600x900) -> {W, H}; InputError naming `what` otherwise.
inline std::pair<int, int> parse_size(const std::string& s, const char* what = "--size") {
    int w = 0, h = 0;
    char x = 0;
    std::istringstream in(s);
    if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || w <= 0 || h <= 0)
        throw InputError(std::string("The ") + what + " '" + s + "' is not WxH, e.g. 1600x900.");
    return {w, h};
}

/// The zone a --zone names: its code, its Chinese or English name, in any case ("gana", "贵安新区", "Gui'an
/// New Area"). Returns its code ("" for ""); refuses a zone the workspace does not have, naming the zones it
/// has (a typo must not print an empty table).
inline std::string require_zone(const std::vector<Zone>& zones, const std::string& text) {
    if (text.empty()) return {};
    if (const Zone* z = find_zone(zones, text)) return z->code;
    std::string known;
    for (const auto& z : zones)
        known += (known.empty() ? "" : ", ") + z.code + (z.name_zh.empty() ? "" : " (" + z.name_zh + ")");
    throw InputError("--zone '" + text + "' is not a zone of the workspace; its zones are: " +
                     (known.empty() ? "(none: import zones first)" : known) + ".");
}

/// The source tree's config/ folder (beside its shaders/): the last place the default configuration files are
/// looked for (find_config_file), so the CLI works from a build folder.
inline std::string source_config_dir() {
    return (std::filesystem::path(PARKATLAS_SHADER_DIR).parent_path() / "config").string();
}

/// A --as-of (or other date option) given as YYYY-MM-DD, else `fallback`; refuses anything else naming the
/// option.
inline analysis::Date date_option(const std::string& text, const char* option, analysis::Date fallback) {
    if (text.empty()) return fallback;
    auto d = analysis::Date::parse(text);
    if (!d || text.size() != 10)
        throw InputError(std::string(option) + " '" + text + "' is not a date; write YYYY-MM-DD.");
    return *d;
}

/// --lang zh|en, spelled once.
inline CLI::Option* add_lang_option(CLI::App* sub, std::string& lang) {
    return sub->add_option("--lang", lang, "Language of headers, names and messages: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
}

/// --format restricted to `choices` (the first one is the default, printed on standard output).
inline CLI::Option* add_format_option(CLI::App* sub, std::string& format,
                                      const std::vector<std::string>& choices) {
    std::string help = "What to print on standard output: ";
    for (size_t i = 0; i < choices.size(); ++i) {
        help += (i ? (i + 1 == choices.size() ? " or " : ", ") : "") + choices[i];
        if (i == 0) help += " (default)";
        if (choices[i] == "xlsx") help += " (needs --out)";
    }
    return sub->add_option("--format", format, help)->check(CLI::IsMember(choices));
}

}  // namespace pa::cli

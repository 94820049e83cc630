// parkatlas: the single user-facing executable. Subcommands register themselves (command.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

#include "apps/cli/command.hpp"
#include "core/common/error.hpp"
#include "core/common/output_file.hpp"
#include "core/gdal/gdal_env.hpp"

namespace pa::cli {

std::vector<Entry>& registry() {
    static std::vector<Entry> entries;
    return entries;
}

Registrar::Registrar(std::string name, int order, Setup setup) {
    registry().push_back(Entry{std::move(name), order, std::move(setup)});
}

namespace {

/// Numbers on the command line must be finite: "nan" would silently change every comparison made with it.
void require_finite_numbers(const CLI::App* sub) {
    for (const CLI::Option* opt : sub->get_options()) {
        if (opt->count() == 0 || opt->get_type_name().find("FLOAT") == std::string::npos) continue;
        for (const std::string& v : opt->results()) {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            if (!std::isfinite(d))
                throw pa::InputError(opt->get_name() + " '" + v +
                                     "' is not a finite number; give an ordinary number.");
        }
    }
}

/// An output (--out, --png, --legend-json, --screenshot, --export-png) must not be a directory, nor a file
/// the command reads: the workspace or an input given on the same command line (compared as files, whatever
/// the spelling).
void protect_inputs(const CLI::App* sub) {
    std::vector<std::string> inputs;
    std::vector<const CLI::Option*> outputs;
    for (const CLI::Option* opt : sub->get_options()) {
        if (opt->count() == 0) continue;
        const std::string name = opt->get_name();
        if (name == "--out" || name == "--png" || name == "--legend-json" || name == "--screenshot" ||
            name == "--export-png")
            outputs.push_back(opt);
        else
            for (const std::string& v : opt->results()) inputs.push_back(v.substr(0, v.rfind("::")));
    }
    for (const CLI::Option* opt : outputs)
        for (const std::string& v : opt->results()) pa::check_output_path(v, inputs);
}

}  // namespace

}  // namespace pa::cli

int main(int argc, char** argv) {
    using namespace pa::cli;
    CLI::App app{
        "ParkAtlas 园区地图 — land and industrial-park planning for Guiyang and Gui'an New Area.\n"
        "Import zones, parcels and the project ledger into a workspace, check them, report per-亩 "
        "intensity, and look at them on a map."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "parkatlas 0.1.0");
    auto& entries = registry();
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.order < b.order; });
    std::map<CLI::App*, std::function<int()>> runs;
    for (auto& e : entries) {
        size_t before = app.get_subcommands({}).size();
        auto run = e.setup(app);
        auto subs = app.get_subcommands({});
        if (subs.size() > before) runs[subs.back()] = std::move(run);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? kOk : kUsage;
    }
    pa::gdal::init();
    for (auto* sub : app.get_subcommands()) {
        auto it = runs.find(sub);
        if (it == runs.end()) continue;
        try {
            require_finite_numbers(sub);
            protect_inputs(sub);
            return it->second();
        } catch (const pa::InputError& e) {
            std::cerr << "parkatlas " << sub->get_name() << ": " << e.what() << "\n";
            return kBadInput;
        } catch (const pa::WorkspaceError& e) {
            std::cerr << "parkatlas " << sub->get_name() << ": " << e.what() << "\n";
            return kWorkspace;
        } catch (const std::exception& e) {
            std::cerr
                << "parkatlas " << sub->get_name() << ": internal error: " << e.what()
                << "\nThis is a bug or a broken installation; please report it with the command line used.\n";
            return kInternal;
        }
    }
    return kUsage;
}

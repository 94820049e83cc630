#pragma once
// How subcommands plug into the `parkatlas` executable: each cmd_*.cpp defines one static Registrar. main.cpp
// builds the CLI11 app from them, runs the chosen one and maps exceptions to the documented exit codes
// (docs/cli.md). Commands print results to stdout and messages to stderr.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

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

/// setup() adds the subcommand and its options to `app` and returns the function that runs it (returns the exit
/// code).
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

}  // namespace pa::cli

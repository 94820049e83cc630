#pragma once
// Errors of the core. The core never prints and never exits: it throws these, and the CLI (or the viewer)
// turns them into a message and a documented exit code. Bad *data* inside an accepted input is not an error:
// it becomes a Problem record (see core/model.hpp).
#include <stdexcept>
#include <string>

namespace pa {

/// The user's input was refused: a file that does not open, a missing field, no CRS, an empty layer…
/// The message is one sentence that names the file (and layer/feature/field) and says what to do.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The workspace file is missing, of a newer schema, or not a ParkAtlas workspace.
class WorkspaceError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A library call failed where it should not (SQLite, GEOS, PROJ): a bug or an environment problem.
class InternalError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace pa

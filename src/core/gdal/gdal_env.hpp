#pragma once
// GDAL's process-wide set-up and error routing, without GDAL headers (for the CLI's main and the viewer).
#include <string>

namespace pa::gdal {

/// Registers the drivers once and installs one error handler that keeps GDAL's messages out of stdout/stderr
/// (the last message is read with last_error()). Safe to call many times, from any thread.
void init();

/// CPLGetLastErrorMsg(), or "" — to append to every GDAL error raised.
std::string last_error();

/// While alive, GDAL errors raised on this thread are swallowed (for probing calls that are expected to
/// fail).
class QuietErrors {
  public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
};

}  // namespace pa::gdal

# One INTERFACE target carries the warning flags for every ParkAtlas target (GEOS's geos_cxx_flags idea).
add_library(parkatlas_warnings INTERFACE)
target_compile_options(parkatlas_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)

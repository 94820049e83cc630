# One INTERFACE target carries the warning flags for every ParkAtlas target (GEOS's geos_cxx_flags idea).
add_library(parkatlas_warnings INTERFACE)
target_compile_options(parkatlas_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)

# Developer switch (tools/test turns it on): warnings are errors, with -Wconversion, which the code satisfies.
# GCC 12's -Wrestrict false positives inside libstdc++'s string concatenation at -O3 (GCC bug 105329) stay warnings.
option(PARKATLAS_WERROR "Treat warnings as errors (with -Wconversion)" OFF)
if(PARKATLAS_WERROR)
  target_compile_options(parkatlas_warnings INTERFACE -Werror -Wconversion -Wno-error=restrict)
endif()

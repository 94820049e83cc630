# Sanitizers and fuzzing (docs/fuzzing.md).
#
# PARKATLAS_SANITIZE: a comma-separated -fsanitize= list ("address,undefined", "thread", …) added to the compile and
# link flags of every target configured after this file is included (the core, the render/ui libraries, the CLI,
# the tests, the benchmarks). UBSan findings are made fatal (-fno-sanitize-recover=undefined), so a test that trips
# one fails instead of printing and passing. Works with g++ 12 and clang 14 alike.
#
# PARKATLAS_FUZZ: libFuzzer targets in tests/fuzz (clang only). Every target is then compiled with
# -fsanitize=fuzzer-no-link (coverage for the fuzzer) plus the sanitizers above (address,undefined when
# PARKATLAS_SANITIZE is empty); the fuzz executables themselves link with -fsanitize=fuzzer.
set(PARKATLAS_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined (empty = none)")
option(PARKATLAS_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(PARKATLAS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR
      "PARKATLAS_FUZZ=ON needs clang (libFuzzer ships with it), but the C++ compiler is "
      "${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER}). Configure a fresh build folder with "
      "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ (bench/fuzz.sh does).")
  endif()
  if(PARKATLAS_SANITIZE STREQUAL "")
    set(PARKATLAS_SANITIZE "address,undefined" CACHE STRING
        "Sanitizers for every target, e.g. address,undefined (empty = none)" FORCE)
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(NOT PARKATLAS_SANITIZE STREQUAL "")
  # Refuse a typo or an unsupported sanitizer here, not halfway through the build.
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=${PARKATLAS_SANITIZE}")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=${PARKATLAS_SANITIZE}")
  string(MAKE_C_IDENTIFIER "PARKATLAS_SANITIZE_WORKS_${PARKATLAS_SANITIZE}" _pa_san_ok)
  check_cxx_source_compiles("int main() { return 0; }" ${_pa_san_ok})
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(NOT ${_pa_san_ok})
    message(FATAL_ERROR "PARKATLAS_SANITIZE=${PARKATLAS_SANITIZE}: ${CMAKE_CXX_COMPILER_ID} cannot compile and link "
                        "with -fsanitize=${PARKATLAS_SANITIZE} (is the sanitizer's runtime, e.g. libasan, installed?).")
  endif()
  message(STATUS "ParkAtlas: every target built with -fsanitize=${PARKATLAS_SANITIZE}")
  add_compile_options(-fsanitize=${PARKATLAS_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${PARKATLAS_SANITIZE} -fno-sanitize-recover=undefined)
endif()

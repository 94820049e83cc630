# Every dependency comes from Debian's packages (tools/setup installs them).
find_package(PkgConfig REQUIRED)
find_package(GDAL CONFIG QUIET)
if(NOT GDAL_FOUND)
  pkg_check_modules(GDAL REQUIRED IMPORTED_TARGET gdal)
  add_library(GDAL::GDAL ALIAS PkgConfig::GDAL)
endif()
pkg_check_modules(GEOS REQUIRED IMPORTED_TARGET geos)
find_package(PROJ CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(SPATIALITE REQUIRED IMPORTED_TARGET spatialite)
# libpq (Debian libpq-dev): the shared workspace on PostgreSQL/PostGIS (core/store/pg*).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET epoxy)
pkg_check_modules(EGL REQUIRED IMPORTED_TARGET egl)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
# Debian's libimgui-dev: headers in /usr/include/imgui, one static libimgui.a with the GLFW + OpenGL3 backends and
# the FreeType font builder inside.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
find_path(STB_INCLUDE_DIR stb_image_write.h PATH_SUFFIXES stb REQUIRED)
# COIN-OR CBC (the planner's MILP solver)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
# PDF pages of the map (core/output/pdf_page): cairo's PDF surface, text through fontconfig (Noto CJK).
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET libavcodec libavformat libavutil libswscale)  # animate: MP4/GIF

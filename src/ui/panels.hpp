#pragma once
// One function per panel, one panel per file. Panels read and write ViewerState only; they never call OpenGL,
// SQLite, GDAL, GEOS or the file system.
#include "ui/app_state.hpp"
#include "ui/task_queue.hpp"

namespace pa::ui {

void draw_menu_bar(ViewerState& s);
void draw_layers_panel(ViewerState& s);     // layers, theme, classification, legend
void draw_selection_panel(ViewerState& s);  // the parcel card
void draw_filters_panel(ViewerState& s);    // filters and summary
void draw_zones_panel(ViewerState& s);      // zone list, zoom to zone
void draw_help_panel(ViewerState& s);       // shortcuts
/// Import: dropped files waiting for a kind, progress of the running task, the workspace's problems. Returns
/// true when the user asked to import the pending files.
bool draw_import_panel(ViewerState& s, const TaskQueue& tasks);
/// Map furniture over the map (labels, scale bar, north arrow) and the status bar (cursor lon/lat and GK x/y,
/// data source). Returns the status bar's height in pixels.
float draw_map_furniture(ViewerState& s);

/// Analysis: the 分析 menu, the clustering panel (parameters, live DBSCAN, cluster cards), the heat-map
/// panel (+ its legend ramp on the map) and the industry-chain panel (distance, links, 补链 gap table).
void draw_analysis_menu(ViewerState& s);
void draw_cluster_panel(ViewerState& s);
void draw_heatmap_panel(ViewerState& s);
void draw_chains_panel(ViewerState& s);

/// Side panels stand in two columns, left (layers, filters) and right (card, zones, import), each panel as
/// tall as its content, at most down to the status bar (then it scrolls), right under the one above: so an
/// empty card or import panel covers a strip of the map, not a quarter of it. Dragging a panel by its title
/// takes it out of its column. Begins the ImGui window and returns what ImGui::Begin returns; call
/// ImGui::End() in every case. reset_side_columns() starts each frame's columns under the menu bar.
void reset_side_columns(ViewerState& s);
bool begin_side_panel(ViewerState& s, SidePanel id, const char* title, bool* open);
/// Width of a side column in pixels.
float side_column_width(bool left);
/// What the left or right column takes off the map's width (column + gaps; 0 when it shows no panel, or in
/// presentation): zoom-to fits into the rest, and the labels and the heat legend keep off it.
float side_column_reserved_px(const ViewerState& s, bool left);

/// Display helpers shared by the panels.
const char* supply_label(SupplyStatus st, render::Lang lang);
std::string fmt_number(double v, int decimals);

}  // namespace pa::ui

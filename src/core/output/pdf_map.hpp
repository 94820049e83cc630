#pragma once
// A print-ready map page in vector (cairo's PDF surface; docs/meeting-room.md): the parcels, zones, reference
// layers and highlights as filled and stroked paths, the basemap as an image at the print resolution, and all
// text as text (Noto Sans CJK: selectable and searchable) — title, subtitle, zone labels, legend, numeric
// scale, 制图单位, 制图日期, data source and the 示意图 note — with a scale bar, a north arrow and an
// overview inset showing where the map lies in the city. The page is described here in the map's own plane
// (metres); the render layer (render/pdf_page_builder) fills the description from the workspace and the
// theme. No OpenGL, no workspace: a pure writer. Written whole or not at all (OutputFile).
#include <cstdint>
#include <string>
#include <vector>

#include "core/output/pdf_page.hpp"

namespace pa::output {

struct PdfPoint {
    double x = 0, y = 0;  // metres in the map's plane (y up)
};

/// One path: closed rings are filled (even-odd) when fill alpha > 0; every ring is stroked when stroke_pt >
/// 0.
struct PdfShape {
    std::vector<std::vector<PdfPoint>> rings;
    uint32_t fill_rgba = 0;    // 0xRRGGBBAA
    uint32_t stroke_rgba = 0;  // 0xRRGGBBAA
    double stroke_pt = 0;
    bool closed = true;  // false: line strings (roads, rivers)
};

struct PdfLabel {
    PdfPoint at;  // the text's centre
    std::string text;
    double size_pt = 9;
};

struct PdfLegendRow {
    std::string label;
    uint32_t rgba = 0;
    bool outline = false;  // a swatch drawn as an outline (idle parcels, planned plots)
    std::string count, area;
};

struct PdfMapPage {
    PaperSize paper;
    double dpi = 200;  // the basemap image's resolution
    std::string title, subtitle, note, source, org, date;
    // The map's extent in its plane, metres; the map box keeps this aspect (the extent is fitted by the
    // caller).
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    /// Ground metres per plane metre at the map's centre (the Gauss-Kruger plane's 1/k, 0.9997-1): for the
    /// scale bar and the 1:N scale.
    double ground_per_plane = 1.0;
    /// The basemap warped to the extent (RGBA, top row first), or empty.
    std::vector<uint8_t> basemap_rgba;
    int basemap_width = 0, basemap_height = 0;
    std::vector<PdfShape> shapes;  // drawn in order
    std::vector<PdfLabel> labels;
    std::string legend_title, legend_unit, legend_count_head, legend_area_head;
    std::vector<PdfLegendRow> legend;
    std::string legend_total_label, legend_total_count, legend_total_area;
    // The overview inset: the whole city's zones, and the map's extent marked on it.
    std::vector<PdfShape> overview;
    double ov_min_x = 0, ov_min_y = 0, ov_max_x = 0, ov_max_y = 0;
    std::string north_label = "北";
};

/// Where the map goes on the page (points from the top left): between the title block and the footer.
PdfMapBox pdf_vector_map_box(const PaperSize& paper, double dpi);

/// Writes the page. InputError naming the path when it cannot be written.
void write_pdf_map(const std::string& path, const PdfMapPage& page);

/// "1:52,300": the numeric scale of `page_m_per_plane_m` (paper metres per plane metre) rounded to 3 digits.
std::string numeric_scale(double ground_m_per_paper_m);

}  // namespace pa::output

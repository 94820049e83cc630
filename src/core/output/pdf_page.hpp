#pragma once
// A print-ready PDF page of the map (cairo's PDF surface): the title strip and the footer (note, data source)
// as real text in Noto Sans CJK — selectable and searchable, crisp at any size — around the map picture
// (rendered at print resolution with its legend, scale bar and north arrow). Written whole or not at all.
#include <string>
#include <vector>

namespace pa::output {

struct PaperSize {
    double width_pt = 841.89, height_pt = 595.28;  // A4 landscape
};
/// "A4" / "A3" / "A2" / "A1" / "A0" (any case) in "landscape" or "portrait"; InputError for anything else.
PaperSize paper_size(const std::string& paper, const std::string& orientation);

struct PdfPageText {
    std::string title, note, source;
};

/// Where the map picture goes on the page (points from the top left) and its size in pixels at `dpi`.
struct PdfMapBox {
    double x_pt = 0, y_pt = 0, width_pt = 0, height_pt = 0;
    int width_px = 0, height_px = 0;
};
PdfMapBox pdf_map_box(const PaperSize& paper, double dpi);

/// Writes the page: `rgba` (top row first) is the map picture of pdf_map_box(paper, dpi)'s size.
void write_pdf_page(const std::string& path, const PaperSize& paper, double dpi,
                    const std::vector<unsigned char>& rgba, const PdfPageText& text);

}  // namespace pa::output

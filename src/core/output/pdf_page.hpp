#pragma once
// Paper sizes for the print-ready PDF page (core/output/pdf_map writes it).
#include <string>
#include <vector>

namespace pa::output {

struct PaperSize {
    double width_pt = 841.89, height_pt = 595.28;  // A4 landscape
};
/// "A4" / "A3" / "A2" / "A1" / "A0" (any case) in "landscape" or "portrait"; InputError for anything else.
PaperSize paper_size(const std::string& paper, const std::string& orientation);

/// Where the map goes on a page (points from the top left) and its size in pixels at a resolution.
struct PdfMapBox {
    double x_pt = 0, y_pt = 0, width_pt = 0, height_pt = 0;
    int width_px = 0, height_px = 0;
};

}  // namespace pa::output

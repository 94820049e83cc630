#pragma once
// The vector PDF page of a map (`parkatlas render --out map.pdf`, the viewer's PDF export): fills
// output::PdfMapPage — parcels in their theme colours, zones, reference layers and highlights as paths in the
// map's plane, the basemap warped at the print resolution, the zone labels, the legend rows, the overview
// inset — from the same classification and camera fit as the PNG. core/output/pdf_map writes it.
#include <string>
#include <vector>

#include "core/output/pdf_map.hpp"
#include "render/map_data.hpp"
#include "render/offscreen.hpp"

namespace pa::render {

struct PdfTexts {
    std::string title, subtitle, note, source, org, date;
};

/// `camera`: the view to print (the viewer's), else the fit of `req` (zone, bbox or all) to the page's map
/// box. Notes (a basemap that could not be reached, parcels left out…) are appended to `notes`.
output::PdfMapPage build_pdf_map_page(const MapData& d, const RenderRequest& req,
                                      const output::PaperSize& paper, double dpi, const PdfTexts& texts,
                                      const Camera* camera, std::vector<std::string>& notes);

}  // namespace pa::render

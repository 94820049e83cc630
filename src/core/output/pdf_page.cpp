#include "core/output/pdf_page.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "core/common/error.hpp"
#include "core/common/output_file.hpp"

namespace pa::output {

namespace {

constexpr double kMarginPt = 24.0, kTitlePt = 34.0, kFooterPt = 20.0;
constexpr const char* kFont = "Noto Sans CJK SC";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

}  // namespace

PaperSize paper_size(const std::string& paper, const std::string& orientation) {
    std::string p = paper;
    for (char& c : p) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    PaperSize s;
    // ISO 216, landscape, in points (1/72 inch).
    if (p == "A4")
        s = {841.89, 595.28};
    else if (p == "A3")
        s = {1190.55, 841.89};
    else if (p == "A2")
        s = {1683.78, 1190.55};
    else if (p == "A1")
        s = {2383.94, 1683.78};
    else if (p == "A0")
        s = {3370.39, 2383.94};
    else
        throw InputError("--paper '" + paper +
                         "' is not a paper size ParkAtlas prints; use A4, A3, A2, A1 or A0.");
    if (orientation == "portrait")
        std::swap(s.width_pt, s.height_pt);
    else if (orientation != "landscape")
        throw InputError("--orientation '" + orientation + "' must be landscape or portrait.");
    return s;
}

PdfMapBox pdf_map_box(const PaperSize& paper, double dpi) {
    PdfMapBox b;
    b.x_pt = kMarginPt;
    b.y_pt = kMarginPt + kTitlePt;
    b.width_pt = paper.width_pt - 2 * kMarginPt;
    b.height_pt = paper.height_pt - 2 * kMarginPt - kTitlePt - kFooterPt;
    b.width_px = static_cast<int>(b.width_pt / 72.0 * dpi + 0.5);
    b.height_px = static_cast<int>(b.height_pt / 72.0 * dpi + 0.5);
    return b;
}

void write_pdf_page(const std::string& path, const PaperSize& paper, double dpi,
                    const std::vector<unsigned char>& rgba, const PdfPageText& text) {
    const PdfMapBox box = pdf_map_box(paper, dpi);
    if (rgba.size() != size_t(box.width_px) * size_t(box.height_px) * 4)
        throw InternalError("write_pdf_page: the map picture is not the size of the page's map box.");
    std::string bytes;
    {
        std::unique_ptr<cairo_surface_t, SurfaceDeleter> pdf(
            cairo_pdf_surface_create_for_stream(append, &bytes, paper.width_pt, paper.height_pt));
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, text.title.c_str());
        cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "ParkAtlas");
        std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(pdf.get()));
        // The map picture: cairo wants premultiplied BGRA (ARGB32 in native order).
        std::unique_ptr<cairo_surface_t, SurfaceDeleter> img(
            cairo_image_surface_create(CAIRO_FORMAT_ARGB32, box.width_px, box.height_px));
        cairo_surface_flush(img.get());
        unsigned char* dst = cairo_image_surface_get_data(img.get());
        const int stride = cairo_image_surface_get_stride(img.get());
        for (int y = 0; y < box.height_px; ++y)
            for (int x = 0; x < box.width_px; ++x) {
                const unsigned char* s = &rgba[(size_t(y) * size_t(box.width_px) + size_t(x)) * 4];
                uint32_t a = s[3];
                const uint32_t r = s[0] * a / 255, g = s[1] * a / 255, b = s[2] * a / 255;
                const uint32_t px = (a << 24) | (r << 16) | (g << 8) | b;
                std::memcpy(dst + size_t(y) * size_t(stride) + size_t(x) * 4, &px, 4);
            }
        cairo_surface_mark_dirty(img.get());
        cairo_save(cr.get());
        cairo_translate(cr.get(), box.x_pt, box.y_pt);
        cairo_scale(cr.get(), box.width_pt / box.width_px, box.height_pt / box.height_px);
        cairo_set_source_surface(cr.get(), img.get(), 0, 0);
        cairo_paint(cr.get());
        cairo_restore(cr.get());
        // A thin frame round the map, the title above, the footer below: real text.
        cairo_set_source_rgb(cr.get(), 0.2, 0.2, 0.25);
        cairo_set_line_width(cr.get(), 0.6);
        cairo_rectangle(cr.get(), box.x_pt, box.y_pt, box.width_pt, box.height_pt);
        cairo_stroke(cr.get());
        cairo_select_font_face(cr.get(), kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr.get(), 16.0);
        cairo_move_to(cr.get(), kMarginPt, kMarginPt + 20.0);
        cairo_show_text(cr.get(), text.title.c_str());
        cairo_select_font_face(cr.get(), kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr.get(), 8.5);
        const double footer_y = box.y_pt + box.height_pt + 13.0;
        cairo_move_to(cr.get(), kMarginPt, footer_y);
        cairo_show_text(cr.get(), text.note.c_str());
        cairo_text_extents_t ext;
        cairo_text_extents(cr.get(), text.source.c_str(), &ext);
        cairo_set_source_rgb(cr.get(), 0.35, 0.35, 0.4);
        cairo_move_to(cr.get(), paper.width_pt - kMarginPt - ext.x_advance, footer_y);
        cairo_show_text(cr.get(), text.source.c_str());
        cairo_show_page(cr.get());
        cr.reset();
        cairo_surface_finish(pdf.get());
        if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
            throw InputError("Could not make the PDF '" + path +
                             "': " + cairo_status_to_string(cairo_surface_status(pdf.get())) + ".");
    }
    write_output_bytes(path, bytes);
}

}  // namespace pa::output

// Reproducer for the cairo/fontconfig leak suppressed in tests/sanitize/lsan.supp (not built by CMake):
//   gcc -fsanitize=address cairo-font-leak.c $(pkg-config --cflags --libs cairo) && ./a.out
// reports about 1.4 KB leaked in libcairo / libfontconfig although every surface and context is destroyed.
#include <cairo.h>
#include <cairo-pdf.h>
static cairo_status_t w(void* c, const unsigned char* d, unsigned int n) { (void)c; (void)d; (void)n; return CAIRO_STATUS_SUCCESS; }
int main(void) {
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(w, 0, 595, 842);
    cairo_t* cr = cairo_create(s);
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    cairo_move_to(cr, 10, 10);
    cairo_show_text(cr, "示意图 test");
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return 0;
}

#include "core/geos/geos_handles.hpp"

#include "core/common/error.hpp"

namespace pa::geos {

Context::Context() : h_(GEOS_init_r()) {
    if (!h_) throw InternalError("GEOS_init_r failed");
    GEOSContext_setNoticeMessageHandler_r(h_, &Context::on_message, this);
    GEOSContext_setErrorMessageHandler_r(h_, &Context::on_message, this);
}

Context::~Context() {
    GEOS_finish_r(h_);
}

void Context::on_message(const char* message, void* userdata) {
    static_cast<Context*>(userdata)->msg_ = message ? message : "";
}

GeomPtr from_wkb(const Context& c, const unsigned char* wkb, size_t size) {
    GEOSGeometry* g = GEOSGeomFromWKB_buf_r(c.get(), wkb, size);
    if (!g) throw InternalError("GEOS could not read a WKB geometry: " + c.last_message());
    return own(c, g);
}

std::string to_wkb(const Context& c, const GEOSGeometry* g) {
    GEOSWKBWriter* w = GEOSWKBWriter_create_r(c.get());
    GEOSWKBWriter_setOutputDimension_r(c.get(), w, 2);
    size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(c.get(), w, g, &size);
    GEOSWKBWriter_destroy_r(c.get(), w);
    if (!buf) throw InternalError("GEOS could not write WKB: " + c.last_message());
    std::string out(reinterpret_cast<const char*>(buf), size);
    GEOSFree_r(c.get(), buf);
    return out;
}

}  // namespace pa::geos

#pragma once
// GEOS through its C API (the _r functions), one context per thread, every GEOSGeometry* owned.
#include <memory>
#include <string>

#include <geos_c.h>

namespace pa::geos {

/// Owns a GEOSContextHandle_t. One per thread; not shared between threads.
class Context {
  public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    GEOSContextHandle_t get() const noexcept { return h_; }
    /// The last message GEOS reported through this context (notice or error).
    const std::string& last_message() const noexcept { return msg_; }

  private:
    static void on_message(const char* message, void* userdata);
    GEOSContextHandle_t h_;
    std::string msg_;
};

/// A GEOSGeometry* destroyed with the context it was made in.
struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g) GEOSGeom_destroy_r(ctx, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;
inline GeomPtr own(const Context& c, GEOSGeometry* g) {
    return GeomPtr(g, GeomDeleter{c.get()});
}

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept {
        if (g) GEOSPreparedGeom_destroy_r(ctx, g);
    }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct STRtreeDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSSTRtree* t) const noexcept {
        if (t) GEOSSTRtree_destroy_r(ctx, t);
    }
};
using STRtreePtr = std::unique_ptr<GEOSSTRtree, STRtreeDeleter>;

/// Geometry from WKB bytes; throws InternalError with GEOS's message when the bytes do not parse.
GeomPtr from_wkb(const Context& c, const unsigned char* wkb, size_t size);
/// ISO WKB (2D) of a geometry.
std::string to_wkb(const Context& c, const GEOSGeometry* g);

}  // namespace pa::geos

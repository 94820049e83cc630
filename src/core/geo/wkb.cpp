#include "core/geo/wkb.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/common/error.hpp"

namespace pa::geo {

namespace {

class Reader {
  public:
    explicit Reader(std::string_view b) : b_(b) {}
    uint8_t byte() {
        need(1);
        return static_cast<uint8_t>(b_[pos_++]);
    }
    uint32_t u32(bool le) {
        need(4);
        uint32_t v;
        std::memcpy(&v, b_.data() + pos_, 4);
        pos_ += 4;
        return le == (std::endian::native == std::endian::little) ? v : __builtin_bswap32(v);
    }
    double f64(bool le) {
        need(8);
        uint64_t v;
        std::memcpy(&v, b_.data() + pos_, 8);
        pos_ += 8;
        if (le != (std::endian::native == std::endian::little)) v = __builtin_bswap64(v);
        double d;
        std::memcpy(&d, &v, 8);
        return d;
    }

  private:
    void need(size_t n) const {
        if (pos_ + n > b_.size()) throw InternalError("truncated WKB geometry");
    }
    std::string_view b_;
    size_t pos_ = 0;
};

/// Returns the base type (1..7) and the number of ordinates per point (2..4).
std::pair<uint32_t, int> header(Reader& r, bool& le) {
    le = r.byte() == 1;
    uint32_t t = r.u32(le);
    int dims = 2;
    if (t & 0x80000000u) ++dims;  // EWKB Z
    if (t & 0x40000000u) ++dims;  // EWKB M
    t &= 0x0FFFFFFFu;
    if (t >= 3000) {
        dims = 4;
        t -= 3000;
    } else if (t >= 2000 || t >= 1000) {
        dims = 3;
        t %= 1000;
    }
    return {t, dims};
}

Polygon read_polygon_body(Reader& r, bool le, int dims) {
    Polygon poly;
    uint32_t nrings = r.u32(le);
    poly.resize(nrings);
    for (uint32_t i = 0; i < nrings; ++i) {
        uint32_t n = r.u32(le);
        poly[i].resize(n);
        for (uint32_t k = 0; k < n; ++k) {
            poly[i][k].lon = r.f64(le);
            poly[i][k].lat = r.f64(le);
            for (int d = 2; d < dims; ++d) r.f64(le);
        }
    }
    return poly;
}

std::vector<LonLat> read_line_body(Reader& r, bool le, int dims) {
    std::vector<LonLat> line(r.u32(le));
    for (auto& p : line) {
        p.lon = r.f64(le);
        p.lat = r.f64(le);
        for (int d = 2; d < dims; ++d) r.f64(le);
    }
    return line;
}

void put_u32(std::string& o, uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);  // native little endian on every platform we build for
    o.append(b, 4);
}
void put_f64(std::string& o, double v) {
    char b[8];
    std::memcpy(b, &v, 8);
    o.append(b, 8);
}

}  // namespace

MultiPolygon multipolygon_from_wkb(std::string_view wkb) {
    Reader r(wkb);
    bool le = true;
    auto [type, dims] = header(r, le);
    MultiPolygon mp;
    if (type == 3) {
        mp.push_back(read_polygon_body(r, le, dims));
    } else if (type == 6) {
        uint32_t n = r.u32(le);
        mp.reserve(n);
        for (uint32_t i = 0; i < n; ++i) {
            bool ple = true;
            auto [pt, pd] = header(r, ple);
            if (pt != 3) throw InternalError("MultiPolygon WKB holds a non-polygon member");
            mp.push_back(read_polygon_body(r, ple, pd));
        }
    } else {
        throw InternalError("WKB geometry is not a polygon (type " + std::to_string(type) + ")");
    }
    return mp;
}

LonLat point_from_wkb(std::string_view wkb) {
    Reader r(wkb);
    bool le = true;
    auto [type, dims] = header(r, le);
    if (type != 1) throw InternalError("WKB geometry is not a point");
    LonLat p;
    p.lon = r.f64(le);
    p.lat = r.f64(le);
    (void)dims;
    return p;
}

std::string wkb_from_multipolygon(const MultiPolygon& mp) {
    static_assert(std::endian::native == std::endian::little);
    std::string o;
    size_t pts = 0;
    for (const auto& poly : mp)
        for (const auto& ring : poly) pts += ring.size();
    o.reserve(9 + mp.size() * 9 + pts * 16 + 64);
    o.push_back(1);
    put_u32(o, 6);
    put_u32(o, static_cast<uint32_t>(mp.size()));
    for (const auto& poly : mp) {
        o.push_back(1);
        put_u32(o, 3);
        put_u32(o, static_cast<uint32_t>(poly.size()));
        for (const auto& ring : poly) {
            put_u32(o, static_cast<uint32_t>(ring.size()));
            for (const auto& p : ring) {
                put_f64(o, p.lon);
                put_f64(o, p.lat);
            }
        }
    }
    return o;
}

std::string wkb_from_point(const LonLat& p) {
    std::string o;
    o.push_back(1);
    put_u32(o, 1);
    put_f64(o, p.lon);
    put_f64(o, p.lat);
    return o;
}

BBox bbox_of(const MultiPolygon& mp) {
    BBox b;
    for (const auto& poly : mp)
        if (!poly.empty())
            for (const auto& p : poly[0]) b.expand(p);
    return b;
}

std::vector<std::vector<LonLat>> lines_from_wkb(std::string_view wkb) {
    Reader r(wkb);
    bool le = true;
    auto [type, dims] = header(r, le);
    std::vector<std::vector<LonLat>> out;
    if (type == 2) {
        out.push_back(read_line_body(r, le, dims));
    } else if (type == 5) {
        const uint32_t n = r.u32(le);
        for (uint32_t i = 0; i < n; ++i) {
            bool lle = true;
            auto [lt, ld] = header(r, lle);
            if (lt != 2) throw InternalError("MultiLineString WKB holds a non-line member");
            out.push_back(read_line_body(r, lle, ld));
        }
    } else {
        throw InternalError("WKB geometry is not a line (type " + std::to_string(type) + ")");
    }
    return out;
}

std::string wkb_from_lines(const std::vector<std::vector<LonLat>>& lines) {
    std::string o;
    o.push_back(1);
    put_u32(o, 5);
    put_u32(o, static_cast<uint32_t>(lines.size()));
    for (const auto& l : lines) {
        o.push_back(1);
        put_u32(o, 2);
        put_u32(o, static_cast<uint32_t>(l.size()));
        for (const auto& p : l) {
            put_f64(o, p.lon);
            put_f64(o, p.lat);
        }
    }
    return o;
}

}  // namespace pa::geo

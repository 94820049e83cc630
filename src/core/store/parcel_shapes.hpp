#pragma once
// Store-internal: the rows of Workspace::scan_parcel_shapes on either engine (Stmt or a PostGIS Row: id,
// centroid_lon, centroid_lat, area_m2, WKB geometry), handed on `batch` at a time.
#include <functional>
#include <utility>
#include <vector>

#include "core/geo/wkb.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

/// The query both engines run (the geometry function differs: AsBinary / ST_AsBinary).
inline std::string parcel_shapes_sql(const char* as_binary) {
    return std::string("SELECT id, centroid_lon, centroid_lat, area_m2, ") + as_binary +
           "(geom) FROM parcels ORDER BY id";
}

class ParcelShapeBatches {
  public:
    ParcelShapeBatches(size_t batch, const std::function<void(std::vector<ParcelShape>&)>& use)
        : batch_(batch), use_(use) {
        out_.reserve(batch);
    }
    template <class Row>
    void add(const Row& st) {
        ParcelShape s;
        s.id = st.int64(0);
        s.centroid_lon = st.real(1);
        s.centroid_lat = st.real(2);
        s.area_m2 = st.real(3);
        if (!st.is_null(4)) s.geom = geo::multipolygon_from_wkb(st.blob(4));
        out_.push_back(std::move(s));
        if (out_.size() >= batch_) {
            use_(out_);
            out_.clear();
        }
    }
    void finish() {
        if (!out_.empty()) use_(out_);
        out_.clear();
    }

  private:
    size_t batch_;
    const std::function<void(std::vector<ParcelShape>&)>& use_;
    std::vector<ParcelShape> out_;
};

}  // namespace pa::store

#pragma once
// RAII owners for GDAL/OGR C handles (the idea of libosmium's gdalcpp.hpp) and GDAL's error routing.
#include <memory>
#include <string>

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/gdal/gdal_env.hpp"

namespace pa::gdal {

struct DatasetDeleter {
    void operator()(void* h) const noexcept {
        if (h) GDALClose(h);
    }
};
struct FeatureDeleter {
    void operator()(OGRFeatureH h) const noexcept {
        if (h) OGR_F_Destroy(h);
    }
};
struct GeometryDeleter {
    void operator()(OGRGeometryH h) const noexcept {
        if (h) OGR_G_DestroyGeometry(h);
    }
};
struct SrsDeleter {
    void operator()(OGRSpatialReferenceH h) const noexcept {
        if (h) OSRRelease(h);
    }
};
struct TransformDeleter {
    void operator()(OGRCoordinateTransformationH h) const noexcept {
        if (h) OCTDestroyCoordinateTransformation(h);
    }
};

using DatasetPtr = std::unique_ptr<void, DatasetDeleter>;  // GDALDatasetH is void*
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;
using GeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDeleter>;
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter>;
using TransformPtr = std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDeleter>;

/// An SRS from "EPSG:4545", WKT, PROJ string…, with traditional GIS axis order (x = easting/longitude) so
/// that northing-first EPSG definitions never swap our coordinates. Throws InputError naming `what` when
/// unparseable.
SrsPtr make_srs(const std::string& definition, const std::string& what = "");
/// A clone of `srs` with traditional GIS axis order.
SrsPtr clone_srs(OGRSpatialReferenceH srs);

}  // namespace pa::gdal

#pragma once
// The one way ParkAtlas writes a vector file (GeoPackage, XLSX…) through GDAL, in the spirit of libosmium's
// gdalcpp.hpp: a Writer owns the dataset and the OutputFile under it (temporary file, renamed over the target
// only when complete); Layer adds fields and features. Every failure throws InputError naming the driver, the
// file, the layer and the field or feature, with GDAL's own message.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/common/output_file.hpp"
#include "core/gdal/gdal_handles.hpp"

namespace pa::gdal {

class Writer;

class Layer {
  public:
    Layer(Writer& w, OGRLayerH h, std::string name, size_t index)
        : w_(&w), h_(h), name_(std::move(name)), index_(index) {}
    void add_field(const std::string& name, OGRFieldType type);
    /// A new, empty feature of this layer's definition.
    FeaturePtr new_feature() const { return FeaturePtr(OGR_F_Create(OGR_L_GetLayerDefn(h_))); }
    /// Writes `f`; `what` names the feature in an error ("the hull of cluster 3").
    void write(OGRFeatureH f, const std::string& what);
    OGRLayerH get() const { return h_; }

  private:
    Writer* w_;
    OGRLayerH h_;
    std::string name_;
    size_t index_;
};

class Writer {
  public:
    /// `driver` is a GDAL short name ("GPKG", "XLSX"); `protected_paths` are files the target must not be.
    Writer(const char* driver, const std::string& target,
           const std::vector<std::string>& protected_paths = {});
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    Layer create_layer(const std::string& name, OGRwkbGeometryType type = wkbNone, const char* srs = nullptr);
    /// One dataset-level transaction around the features (GeoPackage: much faster bulk writes).
    void begin();
    /// Commits the transaction if one is open, closes the dataset and puts the file in place.
    void commit();

    [[noreturn]] void fail(const std::string& what) const;
    const std::string& target() const { return out_.target(); }

  private:
    friend class Layer;
    /// Reopens the closed file and checks every layer holds what was written: some drivers (XLSX, zipped on
    /// close) ignore a write error of the disk and leave a truncated file without a word.
    void verify_written() const;
    std::string driver_;
    OutputFile out_;
    DatasetPtr ds_;
    bool in_transaction_ = false;
    std::vector<std::pair<std::string, int64_t>> written_;  // per layer: name, features written
};

}  // namespace pa::gdal

#include "core/gdal/vector_writer.hpp"

#include <cpl_error.h>

#include <string>

#include "core/common/error.hpp"

namespace pa::gdal {

void Layer::add_field(const std::string& name, OGRFieldType type) {
    OGRFieldDefnH fd = OGR_Fld_Create(name.c_str(), type);
    const OGRErr err = OGR_L_CreateField(h_, fd, TRUE);
    OGR_Fld_Destroy(fd);
    if (err != OGRERR_NONE) w_->fail("cannot add the field '" + name + "' to the layer '" + name_ + "'");
}

void Layer::write(OGRFeatureH f, const std::string& what) {
    if (OGR_L_CreateFeature(h_, f) != OGRERR_NONE)
        w_->fail("cannot write " + what + " to the layer '" + name_ + "'");
}

Writer::Writer(const char* driver, const std::string& target, const std::vector<std::string>& protected_paths)
    : driver_(driver), out_(target, protected_paths) {
    init();
    GDALDriverH drv = GDALGetDriverByName(driver);
    if (!drv) throw InternalError(std::string("GDAL has no ") + driver + " driver in this installation.");
    CPLErrorReset();
    ds_.reset(GDALCreate(drv, out_.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds_) fail("cannot create the file; check that its folder exists and is writable");
}

Writer::~Writer() = default;  // an uncommitted dataset is closed, then its temporary file removed by out_

void Writer::fail(const std::string& what) const {
    const std::string g = last_error();
    throw InputError("Writing the " + driver_ + " file '" + out_.target() + "' failed: " + what +
                     (g.empty() ? std::string() : " (GDAL: " + g + ")") +
                     "; the previous file, if any, is unchanged.");
}

Layer Writer::create_layer(const std::string& name, OGRwkbGeometryType type, const char* srs) {
    SrsPtr s;
    if (srs) s = make_srs(srs);
    CPLErrorReset();
    OGRLayerH h = GDALDatasetCreateLayer(ds_.get(), name.c_str(), s.get(), type, nullptr);
    if (!h) fail("cannot create the layer '" + name + "'");
    written_.emplace_back(name, 0);
    return Layer(*this, h, name, written_.size() - 1);
}

void Writer::begin() {
    if (GDALDatasetStartTransaction(ds_.get(), FALSE) != OGRERR_NONE) fail("cannot start a transaction");
    in_transaction_ = true;
}

void Writer::commit() {
    if (in_transaction_ && GDALDatasetCommitTransaction(ds_.get()) != OGRERR_NONE)
        fail("cannot commit the features");
    in_transaction_ = false;
    CPLErrorReset();
    ds_.reset();  // GDALClose writes the rest (XLSX is zipped here) and reports failures through CPLError
    if (CPLGetLastErrorType() >= CE_Failure) fail("closing the file failed");
    verify_written();
    out_.commit();
}

void Writer::verify_written() const {
    QuietErrors quiet;
    const char* const drivers[] = {driver_.c_str(), nullptr};
    DatasetPtr ds(
        GDALOpenEx(out_.path().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) fail("the written file cannot be read back (is the disk full?)");
    for (const auto& [name, count] : written_) {
        if (count == 0) continue;  // an empty sheet may not read back as a layer at all (XLSX)
        OGRLayerH l = GDALDatasetGetLayerByName(ds.get(), name.c_str());
        if (!l || OGR_L_GetFeatureCount(l, TRUE) != count)
            fail("the layer '" + name + "' does not read back with its " + std::to_string(count) +
                 " features (is the disk full?)");
    }
}

}  // namespace pa::gdal

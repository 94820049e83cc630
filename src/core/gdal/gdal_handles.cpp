#include "core/gdal/gdal_handles.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <mutex>

#include "core/common/error.hpp"

namespace pa::gdal {

namespace {
void CPL_STDCALL quiet_handler(CPLErr, CPLErrorNum, const char*) {}
}  // namespace

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Messages are kept (CPLGetLastErrorMsg) but not printed: the caller decides what the user sees.
        CPLSetErrorHandler(quiet_handler);
        CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");  // GDAL 3.6 ignores HEADERS=FORCE as an open option
        // Never rebuild a missing .shx in the user's folder (the readers do it in a temporary copy).
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
        // Inputs are untrusted: no Python in VRTs, no raw bands reading arbitrary files.
        CPLSetConfigOption("GDAL_VRT_ENABLE_PYTHON", "NO");
        CPLSetConfigOption("GDAL_VRT_ENABLE_RAWRASTERBAND", "NO");
    });
}

std::string last_error() {
    const char* msg = CPLGetLastErrorMsg();
    return msg ? std::string(msg) : std::string();
}

QuietErrors::QuietErrors() {
    CPLPushErrorHandler(quiet_handler);
}
QuietErrors::~QuietErrors() {
    CPLPopErrorHandler();
}

SrsPtr make_srs(const std::string& definition, const std::string& what) {
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    if (!srs) throw InternalError("OSRNewSpatialReference failed");
    if (OSRSetFromUserInput(srs.get(), definition.c_str()) != OGRERR_NONE) {
        throw InputError("The coordinate reference system '" + definition + "'" +
                         (what.empty() ? std::string() : " given for " + what) +
                         " is not understood; give it as EPSG:N (e.g. EPSG:4545).");
    }
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

SrsPtr clone_srs(OGRSpatialReferenceH srs) {
    SrsPtr out(OSRClone(srs));
    if (!out) throw InternalError("OSRClone failed");
    OSRSetAxisMappingStrategy(out.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return out;
}

}  // namespace pa::gdal

#pragma once
// Chinese web-map coordinates: GCJ-02 (Gaode, Tencent, DataV) and BD-09 (Baidu). The forward formulas are
// public; the inverses here iterate the forward formula until the round trip closes to < 1e-9 degrees (~0.1
// mm), far inside the 0.5 m asked for. Outside China's bounding box GCJ-02 is the identity (as the forward
// formula says). WGS84 and CGCS2000 lon/lat agree to well under 1 m here, so "to WGS84" also serves "to
// CGCS2000".
#include "core/model.hpp"

namespace pa::geo {

LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p);
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);
inline LonLat wgs84_to_bd09(LonLat p) {
    return gcj02_to_bd09(wgs84_to_gcj02(p));
}
inline LonLat bd09_to_wgs84(LonLat p) {
    return gcj02_to_wgs84(bd09_to_gcj02(p));
}

}  // namespace pa::geo

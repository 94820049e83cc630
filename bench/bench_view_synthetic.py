#!/usr/bin/python3
"""Writes the synthetic parcels of `bench_view --synthetic N` (the same grid, same values) to a GeoPackage, so the
QGIS baseline renders exactly what the viewer benchmark draws.

  /usr/bin/python3 bench/bench_view_synthetic.py N OUT.gpkg
"""
import math
import sys

from osgeo import ogr, osr

ogr.UseExceptions()


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    side = math.ceil(math.sqrt(n))
    dlon = 60.0 / (111320.0 * math.cos(26.4 * math.pi / 180))
    dlat = 60.0 / 110574.0
    glon, glat = dlon * 80 / 60, dlat * 80 / 60
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(out)
    lyr = ds.CreateLayer("parcels", srs, ogr.wkbPolygon, ["SPATIAL_INDEX=YES"])
    lyr.CreateField(ogr.FieldDefn("invest_wan_per_mu", ogr.OFTReal))
    defn = lyr.GetLayerDefn()
    lyr.StartTransaction()
    for i in range(n):
        lon = 106.3 + (i % side) * glon
        lat = 26.3 + (i // side) * glat
        f = ogr.Feature(defn)
        if i % 7:
            f.SetField(0, float((i * 37) % 900))
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({lon} {lat},{lon + dlon} {lat},{lon + dlon} {lat + dlat},{lon} {lat + dlat},{lon} {lat}))"))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return 0


if __name__ == "__main__":
    sys.exit(main())

# Sourced by the integration tests. import_sample WS LOG: imports the whole bundled sample (zones, both parcel
# deliveries, the ledger) from $SRC/gis-data into WS with $PA, output into LOG; returns the import's exit status.
import_sample() {
  "$PA" import -w "$1" --zones "$SRC/gis-data/zones.shp" --parcels "$SRC/gis-data/parcels_guian.gpkg" \
    --parcels "$SRC/gis-data/parcels_guiyang.shp" --ledger "$SRC/gis-data/projects.xlsx" >"$2" 2>&1
}

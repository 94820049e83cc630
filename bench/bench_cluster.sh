#!/bin/bash
# DBSCAN benchmark: ParkAtlas (bench_cluster) vs QGIS native:dbscanclustering on the same points.
# usage: bench/bench_cluster.sh BUILD_DIR [SIZES...]   (default sizes: 100000 1000000; QGIS runs up to QGIS_MAX_N)
# Needs: the bench_cluster target built in BUILD_DIR; optional qgis_process (Debian package qgis) and ogr2ogr.
set -eu
BUILD=${1:?usage: bench_cluster.sh BUILD_DIR [SIZES...]}
shift || true
SIZES=${*:-100000 1000000}
QGIS_MAX_N=${QGIS_MAX_N:-100000}
EPS=${EPS:-100}
MINP=${MINP:-5}
# Debian's qgis_process wrapper adds --noversioncheck from /etc/default/qgis, which 3.22's qgis_process refuses.
QGISP=$(command -v qgis_process.bin || command -v qgis_process || true)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# QGIS start-up time (a 10-point layer), to be subtracted from the process time of the real runs.
QSTART=null
if [ -n "$QGISP" ] && command -v ogr2ogr >/dev/null; then
  "$BUILD/bench/bench_cluster" 10 --csv "$T/pts_10.csv" >/dev/null
  ogr2ogr -f GPKG "$T/pts_10.gpkg" "$T/pts_10.csv" -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -a_srs EPSG:4545 -nln pts
  S=$(date +%s.%N)
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$T "$QGISP" run native:dbscanclustering --INPUT="$T/pts_10.gpkg" \
    --MIN_SIZE="$MINP" --EPS="$EPS" --DBSCAN*=0 --FIELD_NAME=CLUSTER_ID --SIZE_FIELD_NAME=CLUSTER_SIZE \
    --OUTPUT="$T/out_10.gpkg" >/dev/null 2>&1 && QSTART=$(echo "$(date +%s.%N) - $S" | bc)
fi
for N in $SIZES; do
  "$BUILD/bench/bench_cluster" "$N" --eps "$EPS" --min-points "$MINP" --csv "$T/pts_$N.csv" | sed 's/^/parkatlas: /'
  if [ "$N" -le "$QGIS_MAX_N" ] && [ -n "$QGISP" ] && command -v ogr2ogr >/dev/null; then
    ogr2ogr -f GPKG "$T/pts_$N.gpkg" "$T/pts_$N.csv" -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y \
      -a_srs EPSG:4545 -nln pts
    START=$(date +%s.%N)
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$T "$QGISP" run native:dbscanclustering --INPUT="$T/pts_$N.gpkg" \
      --MIN_SIZE="$MINP" --EPS="$EPS" --DBSCAN*=0 --FIELD_NAME=CLUSTER_ID --SIZE_FIELD_NAME=CLUSTER_SIZE \
      --OUTPUT="$T/out_$N.gpkg" >"$T/qgis_$N.log" 2>&1 || { echo "qgis: failed: $(tail -n 3 "$T/qgis_$N.log")"; continue; }
    END=$(date +%s.%N)
    CL=$(grep -o 'NUM_CLUSTERS:[[:space:]]*[0-9]*' "$T/qgis_$N.log" | grep -o '[0-9]*$' || true)
    echo "qgis: {\"n\": $N, \"process_seconds\": $(echo "$END - $START" | bc), \"startup_seconds\": $QSTART, \"clusters\": ${CL:-null}}"
  elif [ "$N" -le "$QGIS_MAX_N" ]; then
    echo "qgis: not run (qgis_process or ogr2ogr missing; apt-get install --no-install-recommends qgis gdal-bin)"
  fi
done

#!/usr/bin/python3
"""QGIS baseline for bench/bench_view.sh: renders the parcels of a workspace (.sqlite, opened as a SpatiaLite layer)
or of a GeoPackage to a PNG offscreen with a graduated style on the fixed-asset investment intensity (the viewer's
default theme, threshold classes 300/500 万元/亩), and prints the time of the render job alone and of load + render.

  QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/qgis_render.py PARCELS.sqlite|.gpkg OUT.png [WxH] [REPEATS] [BBOX]

BBOX: minlon,minlat,maxlon,maxlat to render that view (as `parkatlas view --bbox`) instead of the whole layer.

Output line (parsed by bench_view.sh):  qgis features N  load_ms L  render_ms_median R  render_ms_first F
"""
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsClassificationRange, QgsDataSourceUri, QgsFillSymbol,  # noqa: E402
                       QgsGraduatedSymbolRenderer, QgsMapRendererSequentialJob, QgsMapSettings, QgsRendererRange,
                       QgsRectangle, QgsRuleBasedRenderer, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def open_layer(path):
    if path.endswith(".gpkg"):
        return QgsVectorLayer(path + "|layername=parcels", "parcels", "ogr")
    uri = QgsDataSourceUri()
    uri.setDatabase(path)
    uri.setDataSource("", "parcels", "geom")
    return QgsVectorLayer(uri.uri(), "parcels", "spatialite")


def style(layer):
    # The viewer's threshold classes and a viridis-like ramp, plus an ELSE rule in grey for parcels without a value
    # (a graduated renderer alone would skip them, where the viewer draws them: both draw every parcel).
    ranges = [(0, 300, "#440154"), (300, 500, "#21918c"), (500, 1e12, "#fde725")]
    rr = []
    for lo, hi, col in ranges:
        sym = QgsFillSymbol.createSimple({"color": col, "outline_color": "#3c3c46", "outline_width": "0.1"})
        rr.append(QgsRendererRange(QgsClassificationRange(f"{lo}-{hi}", lo, hi), sym))
    field = "invest_wan_per_mu" if layer.fields().indexOf("invest_wan_per_mu") >= 0 else "invest"
    rules = QgsRuleBasedRenderer.convertFromRenderer(QgsGraduatedSymbolRenderer(field, rr))
    grey = QgsFillSymbol.createSimple({"color": "#bebebe", "outline_color": "#3c3c46", "outline_width": "0.1"})
    rules.rootRule().appendChild(QgsRuleBasedRenderer.Rule(grey, 0, 0, "", "no data", "", True))
    layer.setRenderer(rules)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, out = sys.argv[1], sys.argv[2]
    w, h = (int(v) for v in (sys.argv[3] if len(sys.argv) > 3 else "1920x1080").split("x"))
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    bbox = [float(v) for v in sys.argv[5].split(",")] if len(sys.argv) > 5 else None
    app = QgsApplication([], False)
    app.initQgis()
    t0 = time.perf_counter()
    layer = open_layer(path)
    if not layer.isValid():
        print(f"qgis_render: QGIS could not open the parcels of {path}", file=sys.stderr)
        return 1
    style(layer)
    n = layer.featureCount()
    load_ms = (time.perf_counter() - t0) * 1000
    ms = QgsMapSettings()
    ms.setLayers([layer])
    ms.setOutputSize(QSize(w, h))
    ms.setExtent(QgsRectangle(*bbox) if bbox else layer.extent())
    ms.setBackgroundColor(QColor(246, 245, 240))
    times = []
    for i in range(repeats):
        t = time.perf_counter()
        job = QgsMapRendererSequentialJob(ms)
        job.start()
        job.waitForFinished()
        times.append((time.perf_counter() - t) * 1000)
        if i == 0:
            job.renderedImage().save(out, "png")
    print(f"qgis features {n}  load_ms {load_ms:.0f}  render_ms_median {statistics.median(times):.0f}  "
          f"render_ms_first {times[0]:.0f}  size {w}x{h}  qgis {__import__('qgis.core').core.Qgis.QGIS_VERSION}")
    # exitQgis() crashes in Debian's QGIS 3.22 python bindings after an offscreen job: leave without it.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())

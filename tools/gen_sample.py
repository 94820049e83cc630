#!/usr/bin/python3
"""Deterministic generator of ParkAtlas's bundled sample data (gis-data/).

Writes, following docs/sample-data-contract.md:
  zones.shp (+.shx .dbf .prj .cpg)   12 development zones, GBK DBF, EPSG:4545
  parcels_guian.gpkg                 parcels of GANA + GA-CBZ, layer parcels_guian, EPSG:4544
  parcels_guiyang.shp (+...)         parcels of the other zones, GBK DBF, EPSG:4545
  projects.xlsx / projects.csv       project ledger (sheet 项目台账), same rows
  pipeline.xlsx                      project pipeline (sheet 项目库) for `parkatlas plan`
  manifest.json                      seed + the planted defects
  README.md                          description of the files
  context.gpkg                       SYNTHETIC context, EPSG:4545: layers roads_trunk, roads_primary,
                                     roads_secondary (roads in the gaps between blocks, trunk roads between
                                     zones) and rivers; fields NAME, CLASS, SYNTHETIC
  hillshade.tif                      SYNTHETIC hillshade of a made-up karst terrain, 8-bit grey, EPSG:4545
  styles/*.json                      the context layers' styles for `parkatlas import --reference --style`
  context.json                       the context set for `parkatlas import --context` (layers, styles, basemap)

Scale mode (--scale N) writes zones.shp, parcels.gpkg (all parcels, EPSG:4545) and
projects.csv without planted defects, for benchmarks. --layout tessellated (scale mode only) lays the
parcels out as a real cadastre does: no roads between blocks, each lot its whole cell, so most
parcels share boundaries (and T-junctions) with 4-6 neighbours; about 1% of them are bow-ties.

Everything is synthetic: zone centres follow the real host districts (centres hard-coded
below, read off the Tianditu CGCS2000 district outlines), but all geometry and figures are
invented.  Run with Debian's /usr/bin/python3 (GDAL bindings).  Same seed => same bytes.
"""

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import struct
import sys
import time
import zipfile
from xml.sax.saxutils import escape

import numpy as np
from osgeo import gdal, ogr, osr
from pyproj import Geod, Transformer

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

# ----------------------------------------------------------------------------- constants
DEFAULT_SEED = 20210713          # the plan's publication month, as a memorable seed
FIXED_DATE = "2023-12-31"        # stamped into GPKG / DBF headers and zip entries
REF_DATE = dt.date(2023, 12, 31)  # "today" of the sample: end of the three-year plan
MU = 2000.0 / 3.0                # m² per 亩
MARGIN_M = 10.0                  # blocks keep this distance from the zone boundary (contract: >= 5 m)
BUNDLED_FILL = 0.5               # share of each bundled zone its parcels cover (zone_fill_factor)
LOT_INSET_M = 0.5                # each lot is inset from its cell: 1 m gap between neighbours
TESSELLATED = False              # --layout tessellated: no roads, lots fill their cells (shared boundaries)
ZONE_VERTS = 72                  # vertices of a zone outline before densification
DENSIFY_M = 100.0                # zone outlines densified so reprojection keeps edges straight enough

EPSG_ZONES = 4545                # CGCS2000 GK CM 108E (no zone prefix)
EPSG_GUIAN = 4544                # CGCS2000 GK CM 105E (no zone prefix)
EPSG_GEO = 4490

GEOD = Geod(ellps="GRS80")       # CGCS2000 ellipsoid == GRS80 to < 0.1 mm

# Funds in place 2021-2023 (万元): plan section 二: 7,090 亿 total, of which Gui'an 1,300 亿,
# industrial funds >= 50 %.  Targets per (Gui'an?, industrial?) group.
FUNDS_TOTAL = 70_900_000.0
FUNDS_GUIAN = 13_000_000.0
FUNDS_INDUSTRIAL_SHARE = 0.50

MANUFACTURING = {"电子信息制造", "先进装备制造", "中高端消费品制造", "健康医药", "现代化工",
                 "铝及铝加工", "新型建材", "农机具", "金属工具", "印刷包装"}

# Zones.  Parts: (name, centre lon, lat in CGCS2000, area km², district, adcode, towns).
# Centres were picked inside the real host districts (Tianditu outlines); areas are plausible
# orders of magnitude (industrial parts tens of km², bonded zones a few km²): the nominal areas. The bundled
# sample draws each zone around the land its lots take (zone_fill_factor: parcels cover about half of it, as
# in a largely built-out zone); scale mode keeps the nominal areas.
# towns: (3-digit town code, town name) used for ZDDM and ZL.
ZONES = [
    dict(code="GANA", name="贵安新区", name_en="Gui'an New Area", level="national_new_area",
         industry="数字经济;电子信息制造;先进装备制造;大数据",
         parts=[("马场", 106.2705, 26.4036, 55.0, "平坝区", "520403", [("103", "马场镇"), ("104", "羊昌乡")]),
                ("湖潮", 106.4299, 26.4990, 32.0, "清镇市", "520181", [("110", "湖潮乡"), ("111", "红枫湖镇")]),
                ("党武", 106.5899, 26.3819, 28.0, "花溪区", "520111", [("106", "党武镇"), ("107", "高坡乡")])],
         lots=1050, median_mu=40, guian=True),
    dict(code="GA-CBZ", name="贵安综合保税区", name_en="Gui'an Comprehensive Bonded Zone", level="national",
         industry="电子信息制造;先进装备制造;生态特色食品",
         parts=[("综保", 106.2825, 26.4156, 4.0, "平坝区", "520403", [("103", "马场镇")])],
         lots=90, median_mu=15, guian=True, inside="GANA"),
    dict(code="GY-ETDZ", name="贵阳经济技术开发区", name_en="Guiyang Economic and Technological Development Zone",
         level="national", industry="先进装备制造;电子信息制造;健康医药;新能源汽车",
         parts=[("小河", 106.6775, 26.4699, 40.0, "花溪区", "520111", [("004", "小孟街道"), ("005", "金竹镇")])],
         lots=600, median_mu=35),
    dict(code="GY-HTZ", name="贵阳国家高新技术产业开发区", name_en="Guiyang National High-tech Industrial Development Zone",
         level="national", industry="电子信息制造;数字经济;健康医药;先进装备制造",
         parts=[("金阳", 106.600, 26.640, 16.0, "观山湖区", "520115", [("002", "金华园街道")]),
                ("沙文", 106.660, 26.760, 20.0, "白云区", "520113", [("102", "沙文镇")])],
         lots=450, median_mu=25),
    dict(code="GY-CBZ", name="贵阳综合保税区", name_en="Guiyang Comprehensive Bonded Zone", level="national",
         industry="保税物流;电子信息制造;国际陆港",
         parts=[("都拉", 106.742, 26.462, 3.0, "花溪区", "520111", [("008", "清溪街道")])],
         lots=80, median_mu=15),
    dict(code="SL-AEZ", name="贵州双龙航空港经济区", name_en="Guizhou Shuanglong Airport Economic Zone",
         level="national", industry="航空物流;临空现代服务业;先进装备制造;健康医药",
         parts=[("龙洞堡", 106.8026, 26.5429, 30.0, "南明区", "520102", [("012", "龙洞堡街道"), ("201", "小碧乡")])],
         lots=400, median_mu=30),
    dict(code="QZ-EDZ", name="清镇经济开发区", name_en="Qingzhen Economic Development Zone", level="provincial",
         industry="铝及铝加工;新型建材;先进装备制造",
         parts=[("站街", 106.400, 26.600, 30.0, "清镇市", "520181", [("101", "站街镇"), ("112", "王庄乡")])],
         lots=400, median_mu=45),
    dict(code="KY-EDZ", name="开阳经济开发区", name_en="Kaiyang Economic Development Zone", level="provincial",
         industry="现代化工;磷及磷化工;新型建材",
         parts=[("双流", 107.020, 27.020, 30.0, "开阳县", "520121", [("104", "双流镇"), ("105", "金中镇")])],
         lots=300, median_mu=60),
    dict(code="XF-EDZ", name="息烽经济开发区", name_en="Xifeng Economic Development Zone", level="provincial",
         industry="现代化工;精细磷煤化工;化工装备",
         parts=[("小寨坝", 106.720, 27.050, 25.0, "息烽县", "520122", [("102", "小寨坝镇"), ("101", "永靖镇")])],
         lots=300, median_mu=55),
    dict(code="WD-EDZ", name="乌当经济开发区", name_en="Wudang Economic Development Zone", level="provincial",
         industry="健康医药;中高端消费品制造",
         parts=[("新天", 106.800, 26.660, 22.0, "乌当区", "520112", [("003", "新添寨街道"), ("101", "东风镇")])],
         lots=300, median_mu=25),
    dict(code="BY-EDZ", name="白云经济开发区", name_en="Baiyun Economic Development Zone", level="provincial",
         industry="先进装备制造;铝及铝加工;新型建材",
         parts=[("大山洞", 106.625, 26.695, 20.0, "白云区", "520113", [("001", "大山洞街道"), ("101", "艳山红镇")])],
         lots=250, median_mu=30),
    dict(code="XW-EDZ", name="修文经济开发区", name_en="Xiuwen Economic Development Zone", level="provincial",
         industry="中高端消费品制造;先进装备制造;新型建材",
         parts=[("扎佐", 106.600, 26.860, 20.0, "修文县", "520123", [("102", "扎佐镇"), ("001", "龙场街道")])],
         lots=250, median_mu=30),
]
THRESHOLD = {"national_new_area": 500, "national": 500, "provincial": 300}

# Industries of projects on industrial land, per zone (weights), after each zone's specialisation.
ZONE_INDUSTRIES = {
    "GANA": {"电子信息制造": .35, "数字经济": .30, "先进装备制造": .20, "中高端消费品制造": .10, "健康医药": .05},
    "GA-CBZ": {"电子信息制造": .55, "先进装备制造": .20, "中高端消费品制造": .25},
    "GY-ETDZ": {"先进装备制造": .50, "电子信息制造": .20, "健康医药": .10, "中高端消费品制造": .10, "新型建材": .10},
    "GY-HTZ": {"电子信息制造": .40, "数字经济": .30, "健康医药": .15, "先进装备制造": .15},
    "GY-CBZ": {"电子信息制造": .70, "中高端消费品制造": .30},
    "SL-AEZ": {"先进装备制造": .40, "电子信息制造": .25, "健康医药": .15, "中高端消费品制造": .20},
    "QZ-EDZ": {"铝及铝加工": .65, "新型建材": .20, "先进装备制造": .15},
    "KY-EDZ": {"现代化工": .70, "新型建材": .20, "先进装备制造": .10},
    "XF-EDZ": {"现代化工": .65, "先进装备制造": .20, "新型建材": .10, "中高端消费品制造": .05},
    "WD-EDZ": {"健康医药": .65, "中高端消费品制造": .20, "电子信息制造": .15},
    "BY-EDZ": {"先进装备制造": .40, "铝及铝加工": .25, "新型建材": .15, "电子信息制造": .20},
    "XW-EDZ": {"中高端消费品制造": .35, "先进装备制造": .30, "新型建材": .20, "健康医药": .15},
}
# Land uses: key -> (GB/T 21010 code, name, 用地用海 code, name), and weights per zone kind.
LANDUSE = {
    "ind": ("0601", "工业用地", "1001", "工业用地"),
    "sto": ("0604", "仓储用地", "1101", "物流仓储用地"),
    "log": ("0508", "物流仓储用地", "1101", "物流仓储用地"),
    "com": ("05H1", "商业服务业设施用地", "0901", "商业用地"),
    "grn": ("0810", "公园与绿地", "1401", "公园绿地"),
}
LANDUSE_W_DEFAULT = {"ind": .74, "sto": .06, "log": .04, "com": .09, "grn": .07}
LANDUSE_W_LOGISTIC = {"ind": .50, "sto": .16, "log": .18, "com": .10, "grn": .06}   # bonded zones, airport

ENT_KINDS = ["民企", "国企", "外资", "央企"]
ENT_KIND_W = [.66, .17, .09, .08]
STAGES = ["签约", "开工", "建设", "投产", "达产"]
STAGE_W = [.16, .14, .26, .32, .12]

PARCEL_FIELDS = [  # name, OGR type, width, precision  (shapefile widths in bytes; GBK = 2 bytes/char)
    ("ZDDM", ogr.OFTString, 19, 0), ("ZL", ogr.OFTString, 120, 0),
    ("DLBM", ogr.OFTString, 4, 0), ("DLMC", ogr.OFTString, 40, 0),
    ("ZDMJ", ogr.OFTReal, 15, 2), ("RJL", ogr.OFTReal, 6, 2), ("GYZT", ogr.OFTString, 12, 0),
    ("PZRQ", ogr.OFTDate, 0, 0), ("CBRQ", ogr.OFTDate, 0, 0), ("GYRQ", ogr.OFTDate, 0, 0),
    ("GYFS", ogr.OFTString, 12, 0), ("TDJG", ogr.OFTReal, 14, 2),
    ("YDKGRQ", ogr.OFTDate, 0, 0), ("YDJGRQ", ogr.OFTDate, 0, 0), ("BCKGRQ", ogr.OFTDate, 0, 0),
    ("MZYY", ogr.OFTString, 16, 0), ("KFBL", ogr.OFTReal, 6, 4), ("TZBL", ogr.OFTReal, 6, 4),
    ("TGRQ", ogr.OFTDate, 0, 0), ("BZD", ogr.OFTString, 4, 0),
    ("CNTZQD", ogr.OFTReal, 10, 2), ("CNCCQD", ogr.OFTReal, 10, 2), ("CNSSQD", ogr.OFTReal, 10, 2),
    ("CNRJL", ogr.OFTReal, 6, 2), ("JHGDRQ", ogr.OFTDate, 0, 0),
]
LEDGER_HEADERS = ["项目编号", "项目名称", "企业名称", "统一社会信用代码", "所属园区", "宗地编号", "产业类别",
                  "企业类型", "项目阶段", "签约日期", "计划开工日期", "实际开工日期", "计划投产日期", "实际投产日期",
                  "停工日期", "总投资", "固定资产投资", "到位资金_2021", "到位资金_2022", "到位资金_2023", "用地面积",
                  "年产值", "年税收", "就业人数", "综合能耗", "优强企业", "总部企业", "数字经济", "央企",
                  "增加值", "营业收入", "排放量", "用电量", "研发经费", "规上企业"]
NUMERIC_HEADERS = {"总投资", "固定资产投资", "到位资金_2021", "到位资金_2022", "到位资金_2023", "用地面积",
                   "年产值", "年税收", "就业人数", "综合能耗", "增加值", "营业收入", "排放量", "用电量", "研发经费"}
# Statistics' above-scale line for industrial firms: 年主营业务收入 2000 万元.
ABOVE_SCALE_REVENUE_WAN = 2000.0

ROADS = ["兴业路", "创新大道", "工业大道", "科技路", "金马大道", "百马路", "云漫湖路", "长顺路", "湖潮大道",
         "开发大道", "园区一路", "园区二路", "园区三路", "经一路", "经二路", "纬一路", "纬二路", "松柏路",
         "桂苑路", "同心路", "鹿冲关路", "龙洞堡大道", "机场路", "王庄路", "红枫大道", "磷都大道", "永靖大道"]
NAME_WORDS = ["黔", "筑", "云", "龙", "华", "鑫", "盛", "达", "贵", "安", "宏", "泰", "恒", "瑞", "丰", "腾",
              "远", "博", "通", "源", "新", "誉", "嘉", "力", "创", "联", "信", "凯", "润", "海", "山", "川"]
IND_SUFFIX = {"电子信息制造": ["电子", "光电", "智能科技", "半导体"], "数字经济": ["数据", "云计算", "信息技术", "数字科技"],
              "先进装备制造": ["装备", "精密机械", "航空科技", "汽车零部件"], "中高端消费品制造": ["食品", "纺织", "酒业", "茶业"],
              "健康医药": ["药业", "生物科技", "医疗器械", "制药"], "现代化工": ["化工", "磷化", "新材料", "氯碱"],
              "铝及铝加工": ["铝业", "铝材", "轻合金", "铝箔"], "新型建材": ["建材", "新型材料", "装配式建筑", "陶瓷"],
              "现代服务业": ["物流", "供应链", "商贸", "航空服务"], "总部经济": ["控股", "投资", "实业", "集团"]}
PROJECT_TEMPLATES = {
    "电子信息制造": ["年产{n}万片柔性电路板项目", "智能终端生产基地项目", "{n}万台服务器整机制造项目", "新型显示模组项目"],
    "数字经济": ["数据中心{n}期项目", "算力中心项目", "大数据产业园{n}号楼项目", "工业互联网平台项目"],
    "先进装备制造": ["年产{n}万套汽车零部件项目", "航空关键零部件制造项目", "智能装备产业园项目", "{n}台套高端数控机床项目"],
    "中高端消费品制造": ["年产{n}万吨生态食品项目", "针纺织产业园项目", "茶饮料生产线项目", "特色食品加工{n}期项目"],
    "健康医药": ["中药现代化生产基地项目", "年产{n}亿片制剂项目", "医疗器械产业园项目", "生物医药研发生产项目"],
    "现代化工": ["年产{n}万吨磷酸铁锂前驱体项目", "精细磷化工{n}期项目", "氯碱化工技改项目", "年产{n}万吨湿法磷酸项目"],
    "铝及铝加工": ["年产{n}万吨铝板带箔项目", "铝精深加工产业园项目", "再生铝{n}万吨项目", "高端铝合金型材项目"],
    "新型建材": ["装配式建筑构件{n}期项目", "年产{n}万立方米新型墙材项目", "绿色建材产业园项目"],
    "现代服务业": ["智慧物流园项目", "保税仓储{n}期项目", "临空商贸综合体项目", "冷链物流中心项目"],
    "总部经济": ["区域总部大楼项目", "总部基地{n}期项目", "企业结算中心项目"],
}
ENERGY_TCE_PER_WANYUAN = {"现代化工": 1.1, "铝及铝加工": 1.8, "新型建材": 0.9, "数字经济": 0.6}


# ----------------------------------------------------------------------------- helpers
def srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def ogr_ct(src, dst):
    return osr.CoordinateTransformation(srs(src), srs(dst))


def ring_wkb(xy):
    """WKB polygon (one ring) from an (n,2) array; closes the ring."""
    pts = np.vstack([xy, xy[:1]]).astype("<f8")
    return struct.pack("<BIII", 1, 3, 1, len(pts)) + pts.tobytes()


def poly_from_xy(xy):
    return ogr.CreateGeometryFromWkb(ring_wkb(xy))


def shoelace(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def rdate(rng, d0, d1):
    return d0 + dt.timedelta(days=int(rng.integers(0, (d1 - d0).days + 1)))


def plus(d, days):
    return d + dt.timedelta(days=int(days))


def wchoice(rng, weights):
    keys = list(weights)
    p = np.array([weights[k] for k in keys], float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def uscc(rng, adcode):
    """统一社会信用代码 with a valid GB 32100 check character."""
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = "91" + adcode + "".join(cs[int(i)] for i in rng.integers(0, 31, 9))
    c = 31 - sum(cs.index(ch) * wi for ch, wi in zip(body, w)) % 31
    return body + cs[0 if c == 31 else c]


def fmt_num(v, nd=2):
    if v is None:
        return ""
    if nd == 0:
        return str(int(round(v)))
    s = f"{v:.{nd}f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


# ----------------------------------------------------------------------------- zones
def make_zone_polygon(rng, cx, cy, area_m2):
    """Star-shaped perturbed outline around (cx, cy): a few low harmonics plus jitter."""
    th = np.linspace(0, 2 * math.pi, ZONE_VERTS, endpoint=False)
    r = np.ones_like(th)
    for k in range(2, 6):
        r += rng.uniform(0.02, 0.13) / (k - 1) ** 0.5 * np.cos(k * th + rng.uniform(0, 2 * math.pi))
    r *= 1 + rng.uniform(-0.03, 0.03, th.size)
    xy = np.column_stack([np.cos(th) * r, np.sin(th) * r])
    xy *= math.sqrt(area_m2 / shoelace(xy))
    g = poly_from_xy(xy + [cx, cy])
    g.Segmentize(DENSIFY_M)
    return g


def zone_fill_factor(z):
    """The bundled sample's zones are drawn around the land their lots take, so that parcels cover about
    BUNDLED_FILL of each zone (real national zones are largely built out; at the parts' nominal areas the lots
    covered 21-40 %). Each lot averages about its zone's median 亩 (measured: 0.96 x median). Never grows a
    zone."""
    land_m2 = z["lots"] * z["median_mu"] * 0.96 * MU
    nominal_m2 = sum(p[3] for p in z["parts"]) * 1e6
    return min(1.0, land_m2 / BUNDLED_FILL / nominal_m2)


def build_zones(rng, fill=False):
    """Returns {code: dict(zone, geom (MultiPolygon, EPSG:4545), parts=[(geom, part info)])}.
    fill: the bundled sample's zones, drawn around their lots (zone_fill_factor); else the nominal areas
    (scale mode)."""
    tr = Transformer.from_crs(EPSG_GEO, EPSG_ZONES, always_xy=True)
    out = {}
    for z in ZONES:
        parts = []
        f = zone_fill_factor(z) if fill else 1.0
        host = next((h for h in ZONES if h["code"] == z.get("inside")), None)
        for p in z["parts"]:
            cx, cy = tr.transform(p[1], p[2])
            if host is not None and fill:
                # a zone inside another keeps its place relative to the host's part, which shrank by the
                # host's factor: the offset from that part's centre shrinks by the same linear scale
                hp = min(host["parts"], key=lambda q: math.hypot(q[1] - p[1], q[2] - p[2]))
                hx, hy = tr.transform(hp[1], hp[2])
                k = math.sqrt(zone_fill_factor(host))
                cx, cy = hx + (cx - hx) * k, hy + (cy - hy) * k
            parts.append([make_zone_polygon(rng, cx, cy, p[3] * 1e6 * f), p, (cx, cy)])
        out[z["code"]] = dict(zone=z, parts=parts)
    # cut bonded zones out of the zone they sit in (GA-CBZ out of GANA's 马场 part)
    for code, zd in out.items():
        host = zd["zone"].get("inside")
        if host:
            inner = zd["parts"][0][0]
            hit = [hp for hp in out[host]["parts"] if hp[0].Contains(inner)]
            assert hit, f"{code} must lie inside {host}"
            hit[0][0] = hit[0][0].Difference(inner)
    for code, zd in out.items():
        mp = ogr.Geometry(ogr.wkbMultiPolygon)
        for g, _, _ in zd["parts"]:
            assert g.IsValid(), code
            mp.AddGeometry(g)
        zd["geom"] = mp
    codes = list(out)
    for i, a in enumerate(codes):           # zones must not overlap (touching GANA's hole is fine)
        for b in codes[i + 1:]:
            ga, gb = out[a]["geom"], out[b]["geom"]
            if ga.Intersects(gb):
                inter = ga.Intersection(gb)
                assert inter.GetDimension() < 2 or inter.Area() < 1e-3, f"zones {a} and {b} overlap"
                assert {a, b} == {"GANA", "GA-CBZ"}, f"zones {a} and {b} touch"
    return out


# ----------------------------------------------------------------------------- parcels
def make_lot_ring(rng, u0, u1, v0, v1, scale):
    """Lot outline inside the cell [u0,u1]x[v0,v1] (local frame): an inset rectangle with
    a few extra vertices dented inwards and maybe a chamfered corner.  Everything stays
    inside the cell, so lots of one block can never overlap.  Tessellated: the cell itself
    (shared with the neighbours), 1% of them as a bow-tie (the same corners in crossed order)."""
    if TESSELLATED:
        ring = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
        if rng.random() < 0.01:
            ring = [ring[0], ring[2], ring[1], ring[3]]
        return np.array(ring, dtype=float)
    g = LOT_INSET_M
    u0, u1, v0, v1 = u0 + g, u1 - g, v0 + g, v1 - g
    lu, lv = u1 - u0, v1 - v0
    dent = min(1.5, 0.02 * min(lu, lv)) * min(1.0, scale * 2)
    corners = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
    inward = [(0, 1), (-1, 0), (0, -1), (1, 0)]     # inward normal of edge i (corner i -> i+1)
    cham = int(rng.integers(0, 4)) if rng.random() < 0.35 else -1
    cdist = rng.uniform(0.06, 0.18) * min(lu, lv)
    pts = []
    for i in range(4):
        a, b = np.array(corners[i]), np.array(corners[(i + 1) % 4])
        if i == cham:   # replace corner i by two points
            pts.append(a + (np.array(corners[(i - 1) % 4]) - a) / np.linalg.norm(corners[(i - 1) % 4] - a) * cdist)
            pts.append(a + (b - a) / np.linalg.norm(b - a) * cdist)
        else:
            pts.append(a)
        k = int(rng.choice(3, p=[.35, .40, .25]))
        ts = np.sort(rng.uniform(0.25, 0.75, k))
        if k == 2 and ts[1] - ts[0] < 0.08:
            ts = ts[:1]
        for t in ts:
            pts.append(a + (b - a) * t + np.array(inward[i]) * rng.uniform(0.15, 1.0) * dent)
    return np.array(pts)


def split_lengths(rng, total, n, min_len):
    """Split a length into n parts (Dirichlet-ish), each >= min_len, or None."""
    for _ in range(6):
        w = rng.gamma(3.0, 1.0, n)
        parts = total * w / w.sum()
        if parts.min() >= min_len:
            return parts
    return None


def lay_out_zone(rng, zcode, zd, target, delivery_epsg, scale, median_mu, grids=None):
    """Road grid over each part of the zone; blocks (inside the zone with a margin) are
    taken from a development core outwards and split into lots.  Returns list of lots.
    grids (a list) receives each part's grid (frame, block columns and rows, the blocks that got
    lots) for the context road network; recording it draws nothing from rng."""
    zone_epsg_geom = zd["geom"].Clone()
    if delivery_epsg != EPSG_ZONES:
        zone_epsg_geom.Transform(ogr_ct(EPSG_ZONES, delivery_epsg))
    parts_geom = [zone_epsg_geom.GetGeometryRef(i).Clone() for i in range(zone_epsg_geom.GetGeometryCount())]
    areas = np.array([g.Area() for g in parts_geom])
    alloc = np.floor(target * areas / areas.sum()).astype(int)
    alloc[int(np.argmax(areas))] += target - alloc.sum()
    lots = []
    s = scale
    for pi, (pg, n_part) in enumerate(zip(parts_geom, alloc)):
        inner = pg.Buffer(-MARGIN_M, 4)
        c = pg.Centroid()
        cx, cy = c.GetX(), c.GetY()
        ang = rng.uniform(-0.45, 0.45)
        ca, sa = math.cos(ang), math.sin(ang)
        env = pg.GetEnvelope()
        half = max(env[1] - env[0], env[3] - env[2]) * 0.75
        # columns and rows of blocks separated by 20-40 m roads (scaled in scale mode)
        def axis():
            pos, out = -half, []
            while pos < half:
                big = rng.random() < 0.06
                w = (rng.uniform(520, 700) if big else rng.uniform(170, 440)) * s
                out.append((pos, pos + w))
                pos += w + (0.0 if TESSELLATED else max(6.0, rng.uniform(20, 40) * s))
            return out
        cols, rows = axis(), axis()
        core = np.array([cx, cy]) + rng.normal(0, 0.12 * half, 2)
        blocks = []
        for (u0, u1) in cols:
            for (v0, v1) in rows:
                um, vm = (u0 + u1) / 2, (v0 + v1) / 2
                bx, by = cx + um * ca - vm * sa, cy + um * sa + vm * ca
                d = math.hypot(bx - core[0], by - core[1]) * rng.uniform(0.85, 1.15)
                blocks.append((d, u0, u1, v0, v1))
        blocks.sort()
        if grids is not None:
            col_of = {u0: i for i, (u0, _) in enumerate(cols)}
            row_of = {v0: j for j, (v0, _) in enumerate(rows)}
            grid = dict(zone=zcode, part=pi, epsg=delivery_epsg, centre=(cx, cy), ca=ca, sa=sa,
                        cols=list(cols), rows=list(rows), used=set())
            grids.append(grid)
        rot = np.array([[ca, sa], [-sa, ca]])

        def to_xy(uv, rot=rot, c=np.array([cx, cy])):
            return uv @ rot + c
        town_list = zd["parts"][pi][1][6]
        n_done = 0
        for bi, (_, u0, u1, v0, v1) in enumerate(blocks):
            if n_done >= n_part:
                break
            brect = np.array([[u0, v0], [u1, v0], [u1, v1], [u0, v1]])
            if not poly_from_xy(to_xy(brect)).Within(inner):
                continue
            lu, lv = u1 - u0, v1 - v0
            barea = lu * lv
            tgt = float(np.clip(rng.lognormal(math.log(median_mu * MU), 0.7), 6.5 * MU, 470 * MU)) * s * s
            n = max(1, int(round(barea / tgt)))
            while barea / n > 480 * MU * s * s:
                n += 1
            n = min(n, n_part - n_done + 1)
            min_w = 38.0 * s
            two_rows = n >= 4 and min(lu, lv) > 2 * 60 * s and rng.random() < 0.55
            cells = None
            while n >= 1 and cells is None:
                long_u = lu >= lv
                if two_rows and n >= 4:
                    n1 = n // 2
                    a = split_lengths(rng, lu if long_u else lv, n1, min_w)
                    b = split_lengths(rng, lu if long_u else lv, n - n1, min_w)
                    if a is not None and b is not None:
                        cells = []
                        half_s = (lv if long_u else lu) / 2
                        for row, parts in enumerate((a, b)):
                            pos = 0.0
                            for k, L in enumerate(parts):
                                if long_u:
                                    cells.append((u0 + pos, u0 + pos + L, v0 + row * half_s, v0 + (row + 1) * half_s, row, k))
                                else:
                                    cells.append((u0 + row * half_s, u0 + (row + 1) * half_s, v0 + pos, v0 + pos + L, row, k))
                                pos += L
                else:
                    a = split_lengths(rng, lu if long_u else lv, n, min_w)
                    if a is not None:
                        cells, pos = [], 0.0
                        for k, L in enumerate(a):
                            if long_u:
                                cells.append((u0 + pos, u0 + pos + L, v0, v1, 0, k))
                            else:
                                cells.append((u0, u1, v0 + pos, v0 + pos + L, 0, k))
                            pos += L
                if cells is None:
                    n -= 1
                    two_rows = False
            if scale >= 1.0:   # bundled: lots of 5..500 亩
                cells = [cl for cl in cells if 5.6 * MU <= (cl[1] - cl[0]) * (cl[3] - cl[2]) <= 499 * MU]
            town = town_list[int(rng.integers(0, len(town_list)))]
            for cl in cells:
                if n_done >= n_part:
                    break
                ring = make_lot_ring(rng, cl[0], cl[1], cl[2], cl[3], s)
                lots.append(dict(zone=zcode, part=pi, block=(zcode, pi, bi), row=cl[4], idx=cl[5],
                                 cell=cl[:4], xy=to_xy(ring), to_xy=to_xy, town=town,
                                 district=zd["parts"][pi][1][4], adcode=zd["parts"][pi][1][5]))
                if grids is not None:
                    grid["used"].add((col_of[u0], row_of[v0]))
                n_done += 1
        if n_done < n_part:
            raise RuntimeError(f"zone {zcode} part {pi}: only {n_done} of {n_part} lots fit")
    return lots, zone_epsg_geom


# ----------------------------------------------------------------------------- writers
def create_fields(layer, fields):
    for name, t, w, p in fields:
        fd = ogr.FieldDefn(name, t)
        if w:
            fd.SetWidth(w)
        if p:
            fd.SetPrecision(p)
        layer.CreateField(fd)


def set_field(f, name, v):
    if v is None or v == "":
        f.SetFieldNull(name)
    elif isinstance(v, dt.date):
        f.SetField(name, v.year, v.month, v.day, 0, 0, 0, 0)
    else:
        f.SetField(name, v)


def write_zones(path, zones):
    drv = ogr.GetDriverByName("ESRI Shapefile")
    ds = drv.CreateDataSource(path)
    lyr = ds.CreateLayer("zones", srs(EPSG_ZONES), ogr.wkbMultiPolygon,
                         ["ENCODING=CP936", f"DBF_DATE_LAST_UPDATE={FIXED_DATE}"])
    create_fields(lyr, [("CODE", ogr.OFTString, 16, 0), ("NAME", ogr.OFTString, 80, 0),
                        ("NAME_EN", ogr.OFTString, 120, 0), ("LEVEL", ogr.OFTString, 20, 0),
                        ("THRESHOLD", ogr.OFTInteger, 6, 0), ("INDUSTRY", ogr.OFTString, 200, 0),
                        ("HOST", ogr.OFTString, 60, 0), ("PQMC", ogr.OFTString, 60, 0)])
    for code, zd in zones.items():
        z = zd["zone"]
        f = ogr.Feature(lyr.GetLayerDefn())
        hosts = []
        for p in z["parts"]:
            if p[4] not in hosts:
                hosts.append(p[4])
        vals = dict(CODE=code, NAME=z["name"], NAME_EN=z["name_en"], LEVEL=z["level"],
                    THRESHOLD=THRESHOLD[z["level"]], INDUSTRY=z["industry"], HOST=";".join(hosts))
        if len(z["parts"]) > 1:  # 片区名称: one per polygon, in the MultiPolygon's order
            vals["PQMC"] = ";".join(p[0] for p in z["parts"])
        for k, v in vals.items():
            f.SetField(k, v)
        f.SetGeometry(zd["geom"])
        lyr.CreateFeature(f)
    ds = None


def parcel_writer(path, layer_name, epsg, gpkg):
    if gpkg:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        lyr = ds.CreateLayer(layer_name, srs(epsg), ogr.wkbPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
        fields = [(("YDYHDM", t, w, p) if n == "DLBM" else ("YDYHMC", t, w, p) if n == "DLMC" else (n, t, w, p))
                  for n, t, w, p in PARCEL_FIELDS]
    else:
        ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
        lyr = ds.CreateLayer(layer_name, srs(epsg), ogr.wkbPolygon,
                             ["ENCODING=CP936", f"DBF_DATE_LAST_UPDATE={FIXED_DATE}"])
        fields = PARCEL_FIELDS
    create_fields(lyr, fields)
    return ds, lyr


def write_parcels(ds, lyr, parcels, gpkg):
    defn = lyr.GetLayerDefn()
    if gpkg:
        ds.StartTransaction()
    for i, p in enumerate(parcels):
        f = ogr.Feature(defn)
        a = p["attrs"]
        for name, *_ in PARCEL_FIELDS:
            key = name
            if gpkg and name == "DLBM":
                key = "YDYHDM"
            elif gpkg and name == "DLMC":
                key = "YDYHMC"
            set_field(f, key, a.get(name))
        f.SetGeometryDirectly(ogr.CreateGeometryFromWkb(p["wkb"]))
        lyr.CreateFeature(f)
        if gpkg and i % 50000 == 49999:
            ds.CommitTransaction()
            ds.StartTransaction()
    if gpkg:
        ds.CommitTransaction()


def ledger_cells(p):
    out = []
    for h in LEDGER_HEADERS:
        v = p.get(h)
        if isinstance(v, dt.date):
            v = v.isoformat()
        elif isinstance(v, float) or (h in NUMERIC_HEADERS and v is not None and v != ""):
            v = fmt_num(v, 0 if h == "就业人数" else 4 if h == "用地面积" else 2)
        out.append("" if v is None else v)
    return out


def write_csv(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(LEDGER_HEADERS)
    for r in rows:
        w.writerow(ledger_cells(r))
    with open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsx(path, rows, headers=None, numeric=None, sheet_name="项目台账", cells=None):
    """Minimal SpreadsheetML written by hand: fixed zip timestamps and order => byte-stable.
    Shared strings for text, numeric cells for money/area/counts, dates as YYYY-MM-DD text.
    Defaults: the ledger (LEDGER_HEADERS, NUMERIC_HEADERS, sheet 项目台账, ledger_cells)."""
    headers = LEDGER_HEADERS if headers is None else headers
    numeric = NUMERIC_HEADERS if numeric is None else numeric
    cells = ledger_cells if cells is None else cells
    sst, sst_idx = [], {}

    def si(s):
        if s not in sst_idx:
            sst_idx[s] = len(sst)
            sst.append(s)
        return sst_idx[s]
    lines = []
    all_rows = [headers] + [cells(r) for r in rows]
    for ri, cells in enumerate(all_rows, start=1):
        cs = []
        for ci, v in enumerate(cells):
            if v == "":
                continue
            ref = f"{col_letter(ci)}{ri}"
            if ri > 1 and headers[ci] in numeric:
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cs.append(f'<c r="{ref}" t="s"><v>{si(v)}</v></c>')
        lines.append(f'<row r="{ri}">{"".join(cs)}</row>')
    ncol = col_letter(len(headers) - 1)
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:{ncol}{len(all_rows)}"/><sheetData>' + "".join(lines) + '</sheetData></worksheet>')
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(sst)}" uniqueCount="{len(sst)}">'
               + "".join(f"<si><t>{escape(s)}</t></si>" for s in sst) + "</sst>")
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sst_xml),
    ]
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files:
            zi = zipfile.ZipInfo(name, date_time=(2023, 12, 31, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            zf.writestr(zi, text.encode("utf-8"))


# ----------------------------------------------------------------------------- attributes
def base_attrs(rng, lot, lu_key, gpkg):
    dl = LANDUSE[lu_key]
    road = ROADS[int(rng.integers(0, len(ROADS)))]
    side = "东南西北"[int(rng.integers(0, 4))]
    prefix = "贵州省贵安新区" if gpkg else "贵州省贵阳市" + lot["district"]
    return dict(ZL=f"{prefix}{lot['town'][1]}{road}以{side}",
                DLBM=dl[2] if gpkg else dl[0], DLMC=dl[3] if gpkg else dl[1])


def fill_vacant(rng, a, status):
    a["GYZT"] = status
    a["CBRQ"] = rdate(rng, dt.date(2016, 1, 1), dt.date(2023, 10, 31))
    if status == "批而未供":
        a["PZRQ"] = max(plus(a["CBRQ"], rng.integers(60, 500)), dt.date(2018, 1, 1))
        a["PZRQ"] = min(a["PZRQ"], dt.date(2023, 12, 20))
    a["RJL"] = 0.0


def fill_supplied(rng, a, lu_key, thr, area_mu, G, K, J, status, bck=None, mzyy=None,
                  kf=0.0, tz=0.0, tg=None):
    a.update(GYZT=status, GYRQ=G, YDKGRQ=K, YDJGRQ=J, BCKGRQ=bck, MZYY=mzyy, KFBL=round(kf, 4),
             TZBL=round(tz, 4), TGRQ=tg)
    a["PZRQ"] = plus(G, -rng.integers(30, 300))
    if rng.random() < 0.7:
        a["CBRQ"] = plus(a["PZRQ"], -rng.integers(60, 700))
    if lu_key == "ind":
        gyfs = wchoice(rng, {"标准地": .45, "招拍挂": .45, "协议": .10})
        price_mu = rng.uniform(14, 32)
    elif lu_key in ("sto", "log"):
        gyfs = wchoice(rng, {"招拍挂": .7, "协议": .3})
        price_mu = rng.uniform(18, 40)
    else:
        gyfs = "招拍挂"
        price_mu = rng.uniform(90, 320)
    a["GYFS"] = gyfs
    a["BZD"] = "是" if gyfs == "标准地" else "否"
    a["TDJG"] = round(price_mu * area_mu, 2)
    a["CNTZQD"] = round(thr * rng.uniform(1.0, 1.6), 2)
    a["CNCCQD"] = round(a["CNTZQD"] * rng.uniform(1.2, 2.5), 2)
    a["CNSSQD"] = round(a["CNCCQD"] * rng.uniform(0.03, 0.08), 2)
    a["CNRJL"] = round(rng.uniform(1.0, 2.0) if lu_key == "ind" else rng.uniform(1.2, 3.5), 2)
    a["RJL"] = round(a["CNRJL"] * kf * rng.uniform(0.8, 1.05), 2)


def draw_group_dates(rng, stage, stopped=False):
    """Dates of a ledger group (projects + parcels).  Returns dict, rejection-sampled so that
    every date is consistent with the stage and lies before REF_DATE."""
    for _ in range(1000):
        if stage == "签约":
            S = rdate(rng, dt.date(2022, 7, 1), dt.date(2023, 10, 31)) if rng.random() < 0.8 else \
                rdate(rng, dt.date(2021, 1, 1), dt.date(2022, 6, 30))
        elif stage in ("开工", "建设"):
            S = rdate(rng, dt.date(2021, 1, 1), dt.date(2023, 6, 30))
        else:
            S = rdate(rng, dt.date(2021, 1, 1), dt.date(2022, 9, 30))
        G = plus(S, rng.integers(20, 150))
        if G > dt.date(2023, 12, 20):
            continue
        K = plus(G, rng.integers(90, 366))
        J = plus(K, rng.integers(365, 900))
        d = dict(S=S, G=G, K=K, J=J, BCK=None, A=None, P=None, T=None, MZYY=None)
        if stage == "签约":
            if plus(K, 365) < REF_DATE:
                if rng.random() < 0.45:       # a supplementary agreement moved the start
                    d["BCK"] = rdate(rng, max(plus(K, 60), plus(REF_DATE, -330)), plus(REF_DATE, 200))
                    d["status"] = "已供应"
                else:
                    d["status"] = "闲置"
                    if rng.random() < 0.4:
                        d["MZYY"] = "政府原因" if rng.random() < 0.7 else "不可抗力"
            else:
                d["status"] = "已供应"
            return d
        A = plus(K, rng.normal(0, 40))
        A = max(A, plus(G, 15))
        if stage in ("开工", "建设"):
            if A > plus(REF_DATE, -10) or (stage == "开工" and not stopped and A < plus(REF_DATE, -250)):
                continue
            if stage == "建设" and A > plus(REF_DATE, -120):
                continue
            d["A"] = A
            d["status"] = "在建"
            if stopped:
                T = plus(A, rng.integers(60, 300))
                if T > plus(REF_DATE, -400):
                    continue
                d["T"] = T
                d["status"] = "闲置"
            return d
        P = plus(A, rng.integers(240, 540))
        if P > (plus(REF_DATE, -200) if stage == "达产" else REF_DATE):
            continue
        d.update(A=A, P=P, status="已投产")
        return d
    raise RuntimeError("could not draw dates for stage " + stage)


# ----------------------------------------------------------------------------- main build
class Builder:
    def __init__(self, seed, scale_n=None):
        self.seed = seed
        self.scale_n = scale_n
        self.rng = np.random.default_rng(seed)
        self.defects = []

    # -- parcels ---------------------------------------------------------------
    def build_parcels(self):
        rng = self.rng
        self.zones = build_zones(rng, fill=not self.scale_n)
        total_default = sum(z["lots"] for z in ZONES)
        self.lots_by_zone, self.zone_in_delivery, self.grids = {}, {}, {}
        for z in ZONES:
            code = z["code"]
            zd = self.zones[code]
            if self.scale_n:
                epsg = EPSG_ZONES
                target = max(1, int(round(self.scale_n * z["lots"] / total_default)))
                if z is ZONES[-1]:
                    target = self.scale_n - sum(len(v) for v in self.lots_by_zone.values())
                zarea = zd["geom"].Area()
                mean_cell = (z["median_mu"] * MU * 1.35 + 600)      # lot + its share of roads
                scale = min(1.0, math.sqrt(0.45 * zarea / (target * mean_cell)))
            else:
                epsg = EPSG_GUIAN if z.get("guian") else EPSG_ZONES
                target, scale = z["lots"], 1.0
            for attempt in range(8):
                grids = []
                try:
                    lots, zgeom = lay_out_zone(rng, code, zd, target, epsg, scale, z["median_mu"], grids)
                    break
                except RuntimeError:
                    scale *= 0.85
            else:
                raise RuntimeError("zone " + code + " cannot hold its lots")
            for lt in lots:
                lt["epsg"] = epsg
            self.lots_by_zone[code] = lots
            self.zone_in_delivery[code] = zgeom
            self.grids[code] = grids
        self.lots = [lt for z in ZONES for lt in self.lots_by_zone[z["code"]]]
        # land use per lot
        for lt in self.lots:
            logistic = lt["zone"] in ("GY-CBZ", "GA-CBZ", "SL-AEZ")
            lt["lu"] = wchoice(rng, LANDUSE_W_LOGISTIC if logistic else LANDUSE_W_DEFAULT)
        # parcel codes: district adcode + 3-digit town + 3-digit 街坊 + GB + serial
        serial = {}
        for lt in self.lots:
            jf = 1 + lt["block"][2] % 30
            pre = f"{lt['adcode']}{lt['town'][0]}{jf:03d}"
            serial[pre] = serial.get(pre, 0) + 1
            lt["ZDDM"] = f"{pre}GB{serial[pre]:05d}"
        assert len({lt["ZDDM"] for lt in self.lots}) == len(self.lots)

    def finish_geometry(self, lt, xy=None):
        xy = lt["xy"] if xy is None else xy
        lt["xy"] = xy
        lt["wkb"] = ring_wkb(xy)
        lt["area"] = shoelace(xy)

    # -- defects -----------------------------------------------------------------
    def plant_parcel_defects(self):
        rng = self.rng
        self.defect_lots = set()
        by_deliv = {True: [i for i, lt in enumerate(self.lots) if lt["epsg"] == EPSG_GUIAN],
                    False: [i for i, lt in enumerate(self.lots) if lt["epsg"] != EPSG_GUIAN]}

        def pick(guian, cond=lambda lt: True):
            pool = by_deliv[guian]
            for _ in range(10000):
                i = pool[int(rng.integers(0, len(pool)))]
                lt = self.lots[i]
                if i not in self.defect_lots and lt["lu"] != "grn" and cond(lt) and \
                        not any(j in self.defect_lots for j in self.neighbours(i)):
                    self.defect_lots.add(i)
                    return i
            raise RuntimeError("no lot for a defect")

        def add(kind, i, note):
            self.defects.append(dict(kind=kind, layer=self.layer_of(i), id=self.lots[i]["ZDDM"], note=note))

        # self-intersecting bow-ties (3): the lot's cell corners in crossed order
        for guian in (True, False, False):
            i = pick(guian)
            lt = self.lots[i]
            u0, u1, v0, v1 = lt["cell"]
            g = LOT_INSET_M
            um, vm = (u0 + u1) / 2, (v0 + v1) / 2
            ring = np.array([[u0 + g, v0 + g], [um, v0 + g + 0.6], [u1 - g, v1 - g], [u1 - g, v0 + g],
                             [u0 + g, v1 - g], [u0 + g + 0.7, vm]])
            xy = lt["to_xy"](ring)
            self.finish_geometry(lt, xy)
            fixed = poly_from_xy(xy).MakeValid()
            lt["area"] = fixed.Area()        # ZDMJ consistent with the repaired geometry
            assert not poly_from_xy(xy).IsValid()
            add("invalid_geometry", i, "self-intersecting (bow-tie) outline; ZDMJ is the area of the repaired polygon")
        # repeated consecutive vertices (3)
        for guian in (False, True, False):
            i = pick(guian)
            lt = self.lots[i]
            k = int(rng.integers(1, len(lt["xy"])))
            xy = np.insert(lt["xy"], k, lt["xy"][k], axis=0)
            self.finish_geometry(lt, xy)
            add("repeated_vertex", i, f"vertex {k} repeated")
        # overlapping neighbours (2 pairs): stretch a lot 4 m into the next lot of its row
        for guian in (True, False):
            i = pick(guian, lambda lt: (lt["block"], lt["row"], lt["idx"] + 1) in self.cell_index)
            lt = self.lots[i]
            j = self.cell_index[(lt["block"], lt["row"], lt["idx"] + 1)]
            assert j not in self.defect_lots
            self.defect_lots.add(j)
            nb = self.lots[j]
            u0, u1, v0, v1 = lt["cell"]
            nu0, nu1, nv0, nv1 = nb["cell"]
            if abs(nu0 - u1) < 1e-6 and abs(nv0 - v0) < 1e-6:      # neighbour along u
                cell = (u0, u1 + 4.0 + LOT_INSET_M * 2, v0, v1)
            else:                                                  # along v
                cell = (u0, u1, v0, v1 + 4.0 + LOT_INSET_M * 2)
            ring = make_lot_ring(rng, *cell, 1.0)
            self.finish_geometry(lt, lt["to_xy"](ring))
            ov = poly_from_xy(lt["xy"]).Intersection(poly_from_xy(nb["xy"])).Area()
            assert ov > 20, ov
            add("overlap", i, f"stretched 4 m into {nb['ZDDM']}; overlap {ov:.1f} m²")
            add("overlap", j, f"overlapped by {lt['ZDDM']}; overlap {ov:.1f} m²")
        # partly outside its zone (2): moved outward until 10-40 % sticks out
        for guian in (True, False):
            i = self.place_outside(pick, guian)
            frac = self.lots[i]["outside_frac"]
            add("outside_zone", i, f"{frac * 100:.0f}% of the area outside the zone")
        # declared area off by > 5 % (2)
        for guian, f in ((True, 1.12), (False, 0.90)):
            i = pick(guian)
            self.lots[i]["zdmj_factor"] = f
            add("declared_area_mismatch", i, f"ZDMJ = planar area x {f}")
        # duplicated parcel code (1): a second, clean parcel gets the code of a first one,
        # which will carry exactly one project (-> ambiguous_parcel in the ledger)
        # i is large and j tiny (< 4.5 % of i), so a check summing both parcels of the code stays
        # within 10 % of the project's 用地面积 and reports no ledger_area_mismatch on top
        small = {lt["zone"] for lt in self.lots if shoelace(lt["xy"]) <= 7 * MU}
        i = pick(False, lambda lt: shoelace(lt["xy"]) >= 160 * MU and lt["zone"] in small)
        j = pick(False, lambda lt: lt["zone"] == self.lots[i]["zone"]
                 and shoelace(lt["xy"]) <= 0.045 * shoelace(self.lots[i]["xy"]))
        self.defect_lots.discard(i)         # i may carry the one project
        self.dup_code_lot = i
        self.lots[j]["ZDDM"] = self.lots[i]["ZDDM"]
        self.defects.append(dict(kind="duplicate_code", layer=self.layer_of(i), id=self.lots[i]["ZDDM"],
                                 note="two different parcels carry this code: a large one with one project and a tiny vacant one (< 4.5 % of its area)"))

    def neighbours(self, i):
        lt = self.lots[i]
        out = []
        for d in (-1, 1):
            k = (lt["block"], lt["row"], lt["idx"] + d)
            if k in self.cell_index:
                out.append(self.cell_index[k])
        return out

    def layer_of(self, i):
        return "parcels_guian" if self.lots[i]["epsg"] == EPSG_GUIAN else "parcels_guiyang"

    def place_outside(self, pick, guian):
        """Move a lot near the zone edge outwards until 12-45 % of it sticks out."""
        cands = []
        for i, lt in enumerate(self.lots):
            if (lt["epsg"] == EPSG_GUIAN) != guian or lt["zone"] == "GA-CBZ" or lt["lu"] == "grn" \
                    or i in self.defect_lots or any(j in self.defect_lots for j in self.neighbours(i)):
                continue
            zg = self.zone_in_delivery[lt["zone"]]
            ext = ogr.Geometry(ogr.wkbLineString)
            for x, y in zg.GetGeometryRef(lt["part"]).GetGeometryRef(0).GetPoints():
                ext.AddPoint_2D(x, y)
            cands.append((poly_from_xy(lt["xy"]).Distance(ext), i))
        cands.sort()
        for _, i in cands[:40]:
            lt = self.lots[i]
            zg = self.zone_in_delivery[lt["zone"]]
            g = poly_from_xy(lt["xy"])
            c = g.Centroid()
            zc = zg.GetGeometryRef(lt["part"]).Centroid()
            d = np.array([c.GetX() - zc.GetX(), c.GetY() - zc.GetY()])
            d /= np.linalg.norm(d)
            others = [poly_from_xy(o["xy"]) for o in self.lots if o is not lt and o["epsg"] == lt["epsg"]
                      and np.hypot(*(o["xy"][0] - lt["xy"][0])) < 2000]
            for step in range(1, 80):
                xy = lt["xy"] + d * 5.0 * step
                ng = poly_from_xy(xy)
                if any(ng.Intersects(o) for o in others):
                    break
                out = ng.Difference(zg).Area() / ng.Area()
                if out > 0.12:
                    if out > 0.45 or any(ng.Intersects(self.zone_in_delivery_any(code, lt["epsg"]))
                                         for code in self.zones if code != lt["zone"]):
                        break
                    self.defect_lots.add(i)
                    self.finish_geometry(lt, xy)
                    lt["outside_frac"] = out
                    return i
        raise RuntimeError("could not place an outside-zone parcel")

    def zone_in_delivery_any(self, code, epsg):
        key = (code, epsg)
        if not hasattr(self, "_zcache"):
            self._zcache = {}
        if key not in self._zcache:
            g = self.zones[code]["geom"].Clone()
            if epsg != EPSG_ZONES:
                g.Transform(ogr_ct(EPSG_ZONES, epsg))
            self._zcache[key] = g
        return self._zcache[key]

    # -- ledger ------------------------------------------------------------------------
    def ellipsoidal_mu(self, lots):
        """Ellipsoidal areas in 亩 (CGCS2000), batched per CRS."""
        out = {}
        for epsg in {lt["epsg"] for lt in lots}:
            sel = [lt for lt in lots if lt["epsg"] == epsg]
            tr = Transformer.from_crs(epsg, EPSG_GEO, always_xy=True)
            allxy = np.vstack([lt["xy"] for lt in sel])
            lon, lat = tr.transform(allxy[:, 0], allxy[:, 1])
            pos = 0
            for lt in sel:
                n = len(lt["xy"])
                a, _ = GEOD.polygon_area_perimeter(lon[pos:pos + n], lat[pos:pos + n])
                pos += n
                out[id(lt)] = abs(a) / MU
        return out

    def build_ledger(self):
        rng = self.rng
        lots = self.lots
        n = len(lots)
        zmeta = {z["code"]: z for z in ZONES}
        # roles: green -> reserved/approved; others reserved / approved / old supply / ledger
        role = []
        for i, lt in enumerate(lots):
            if lt["lu"] == "grn":
                role.append("vacant")
            elif i in getattr(self, "defect_lots", ()):
                role.append(wchoice(rng, {"vacant": .5, "old": .5}))
            else:
                role.append(wchoice(rng, {"vacant": .19, "old": .24, "ledger": .57}))
        if not self.scale_n:
            role[self.dup_code_lot] = "ledger"
        # groups: most 1 parcel - 1 project; some 2 parcels - 1 project; some 1 parcel - 2 projects
        used, groups = set(), []
        order = [i for i in range(n) if role[i] == "ledger"]
        for i in order:
            if i in used:
                continue
            used.add(i)
            g = dict(lots=[i], nproj=1)
            r = rng.random()
            if i == getattr(self, "dup_code_lot", -1):
                g["dup"] = True
            elif r < 0.025:
                nb = [j for j in self.neighbours(i) if role[j] == "ledger" and j not in used
                      and j != getattr(self, "dup_code_lot", -1)]
                if nb:
                    g["lots"].append(nb[0])
                    used.add(nb[0])
            elif r < 0.055:
                g["nproj"] = 2
            groups.append(g)
        # the parcels' ellipsoidal areas (亩) for the ledger
        emu = self.ellipsoidal_mu([lots[i] for g in groups for i in g["lots"]])
        projects = []
        for g in groups:
            first = lots[g["lots"][0]]
            zcode = first["zone"]
            z = zmeta[zcode]
            lu = first["lu"]
            stage = STAGES[int(rng.choice(5, p=STAGE_W))]
            stopped = stage in ("开工", "建设") and rng.random() < 0.03
            d = draw_group_dates(rng, stage, stopped)
            if d["T"] is None and stage == "建设" and rng.random() < 0.03:
                t = rdate(rng, plus(REF_DATE, -300), plus(REF_DATE, -20))
                if t > d["A"]:
                    d["T"] = t
            area_total = sum(emu[id(lots[i])] for i in g["lots"])
            thr = THRESHOLD[z["level"]]
            # parcel attributes
            st = d["status"]
            if st == "已投产":
                kf, tz = rng.uniform(0.75, 1.0), rng.uniform(0.8, 1.0)
            elif st == "在建":
                kf, tz = rng.uniform(0.15, 0.85), rng.uniform(0.2, 0.85)
            elif st == "闲置" and d["T"]:
                kf, tz = rng.uniform(0.05, 0.30), rng.uniform(0.05, 0.24)
            else:
                kf, tz = 0.0, 0.0
            for i in g["lots"]:
                lt = lots[i]
                a = lt.setdefault("attrs", {})
                fill_supplied(rng, a, lt["lu"], thr, lt["area"] / MU, d["G"], d["K"], d["J"], st,
                              d["BCK"], d["MZYY"], kf, tz, d["T"])
            # projects
            shares = [1.0] if g["nproj"] == 1 else [s := rng.uniform(0.35, 0.65), 1 - s]
            for k, share in enumerate(shares):
                S = d["S"] if k == 0 else min(plus(d["S"], rng.integers(-60, 60)), plus(d["G"], -5))
                S = max(S, dt.date(2021, 1, 1))
                pr = self.new_project(zcode, lu, stage, S, d, area_total * share, thr, placed=True)
                pr["lots"] = g["lots"]
                pr["dup"] = g.get("dup", False)
                pr["alone"] = len(g["lots"]) == 1 and g["nproj"] == 1
                projects.append(pr)
        # vacant and old parcels
        for i, lt in enumerate(lots):
            if role[i] == "ledger":
                continue
            a = lt.setdefault("attrs", {})
            thr = THRESHOLD[zmeta[lt["zone"]]["level"]]
            if role[i] == "vacant":
                fill_vacant(rng, a, "储备" if rng.random() < 0.5 else "批而未供")
                continue
            G = rdate(rng, dt.date(2018, 1, 1), dt.date(2020, 12, 31))
            K = plus(G, rng.integers(90, 366))
            J = plus(K, rng.integers(365, 900))
            r = rng.random()
            if r < 0.72:
                fill_supplied(rng, a, lt["lu"], thr, lt["area"] / MU, G, K, J, "已投产",
                              kf=rng.uniform(0.75, 1), tz=rng.uniform(0.8, 1))
            elif r < 0.86:
                tg = None
                if rng.random() < 0.1:
                    tg = rdate(rng, plus(REF_DATE, -300), plus(REF_DATE, -30))
                fill_supplied(rng, a, lt["lu"], thr, lt["area"] / MU, G, K, J, "在建",
                              kf=rng.uniform(0.3, 0.95), tz=rng.uniform(0.3, 0.95), tg=tg)
            else:   # idle: never started, or stopped for more than a year
                mz = None
                if rng.random() < 0.35:
                    mz = "政府原因" if rng.random() < 0.7 else "不可抗力"
                if rng.random() < 0.5:
                    fill_supplied(rng, a, lt["lu"], thr, lt["area"] / MU, G, K, J, "闲置", mzyy=mz)
                else:
                    tg = rdate(rng, plus(K, 120), plus(REF_DATE, -400))
                    fill_supplied(rng, a, lt["lu"], thr, lt["area"] / MU, G, K, J, "闲置", mzyy=mz,
                                  kf=rng.uniform(0.05, 0.3), tz=rng.uniform(0.05, 0.24), tg=tg)
        # unplaced projects (~10 % of all)
        n_unplaced = int(round(len(projects) / 9))
        zcodes = [z["code"] for z in ZONES]
        zw = np.array([z["lots"] for z in ZONES], float)
        for _ in range(n_unplaced):
            zcode = zcodes[int(rng.choice(len(zcodes), p=zw / zw.sum()))]
            z = zmeta[zcode]
            S = rdate(rng, dt.date(2021, 1, 1), dt.date(2023, 11, 30))
            d = dict(S=S, K=plus(S, rng.integers(150, 540)), J=None, A=None, P=None, T=None, BCK=None)
            d["J"] = plus(d["K"], rng.integers(365, 800))
            lu = "ind" if rng.random() < 0.8 else "com"
            area = float(np.clip(rng.lognormal(math.log(z["median_mu"]), 0.7), 5, 500))
            pr = self.new_project(zcode, lu, "签约", S, d, area, THRESHOLD[z["level"]], placed=False)
            pr.update(lots=[], dup=False, alone=False)
            projects.append(pr)
        self.projects = projects
        self.scale_funds()
        self.number_projects()

    def new_project(self, zcode, lu, stage, S, d, area_mu, thr, placed):
        rng = self.rng
        z = next(z for z in ZONES if z["code"] == zcode)
        if lu == "ind":
            ind = wchoice(rng, ZONE_INDUSTRIES[zcode])
        elif lu in ("sto", "log"):
            ind = "现代服务业"
        else:
            ind = wchoice(rng, {"现代服务业": .45, "总部经济": .35, "数字经济": .20})
        kind = ENT_KINDS[int(rng.choice(4, p=ENT_KIND_W))]
        words = "".join(NAME_WORDS[int(i)] for i in rng.choice(len(NAME_WORDS), 2, replace=False))
        sfx = IND_SUFFIX.get(ind, ["科技"])
        suffix = sfx[int(rng.integers(0, len(sfx)))]
        region = "贵安" if z.get("guian") else "贵阳"
        if kind == "央企":
            ent = f"中国{words}集团{region}{suffix}有限公司"
        elif kind == "外资":
            ent = f"{region}{words}{suffix}(外商独资)有限公司"
        elif kind == "国企":
            ent = f"贵州{words}{suffix}投资集团有限公司"
        else:
            ent = f"{region}{words}{suffix}{'股份' if rng.random() < 0.2 else ''}有限公司"
        tpl = PROJECT_TEMPLATES.get(ind, ["产业项目"])
        pname = tpl[int(rng.integers(0, len(tpl)))].format(n=int(rng.integers(1, 30)))
        pname = words + pname
        # fixed-asset intensity spread around the zone threshold: ~30 % below
        mult = math.exp(rng.normal(0.25, 0.45))
        if ind in ("数字经济", "总部经济"):
            mult *= 1.6
        fixed = thr * mult * area_mu
        total = fixed / rng.uniform(0.62, 0.95)
        # funds in place by year, from the sign year on, by how far the project is
        prog = {"签约": (0.02, 0.2), "开工": (0.1, 0.4), "建设": (0.3, 0.7), "投产": (0.6, 0.95), "达产": (0.8, 1.0)}[stage]
        frac = rng.uniform(*prog)
        years = [y for y in (2021, 2022, 2023) if y >= S.year]
        w = rng.gamma(2.0, 1.0, len(years))
        funds = {y: 0.0 for y in (2021, 2022, 2023)}
        for y, wy in zip(years, w / w.sum()):
            funds[y] = total * frac * wy
        out_val, tax, jobs, energy = 0.0, 0.0, 0, 0.0
        if stage in ("投产", "达产"):
            out_val = area_mu * thr * rng.uniform(1.0, 3.0) * (1.0 if stage == "达产" else rng.uniform(0.35, 0.8))
            tax = out_val * rng.uniform(0.025, 0.08)
            energy = out_val * ENERGY_TCE_PER_WANYUAN.get(ind, 0.12) * rng.uniform(0.6, 1.4)
        if stage != "签约":
            jobs = int(area_mu * rng.uniform(0.8, 4.0))
        yq = "是" if (total > 50000 and rng.random() < 0.6) or rng.random() < 0.12 else "否"
        pr = {
            "项目名称": pname, "企业名称": ent, "统一社会信用代码": uscc(rng, z["parts"][0][5]),
            "所属园区": z["name"], "产业类别": ind, "企业类型": kind, "项目阶段": stage,
            "签约日期": S, "计划开工日期": d["BCK"] or d["K"], "实际开工日期": d["A"],
            "计划投产日期": d["J"], "实际投产日期": d["P"], "停工日期": d["T"],
            "总投资": total, "固定资产投资": fixed, "用地面积": area_mu,
            "年产值": out_val, "年税收": tax, "就业人数": jobs, "综合能耗": energy,
            "优强企业": yq, "总部企业": "是" if ind == "总部经济" or rng.random() < 0.03 else "否",
            "数字经济": "是" if ind in ("数字经济", "电子信息制造") and rng.random() < 0.7 else "否",
            "央企": "是" if kind == "央企" else "否",
            "_funds": funds, "_guian": bool(z.get("guian")), "_ind": ind in MANUFACTURING,
        }
        return pr

    def scale_funds(self):
        """Scale funds in place per (Gui'an?, industrial?) group to the plan's targets; raise
        总投资 where funds would exceed it (fixed assets stay tied to land x intensity)."""
        if self.scale_n:
            k = self.scale_n / sum(z["lots"] for z in ZONES)
        else:
            k = 1.0
        targets = {(True, True): FUNDS_GUIAN * FUNDS_INDUSTRIAL_SHARE, (True, False): FUNDS_GUIAN * (1 - FUNDS_INDUSTRIAL_SHARE),
                   (False, True): (FUNDS_TOTAL - FUNDS_GUIAN) * FUNDS_INDUSTRIAL_SHARE,
                   (False, False): (FUNDS_TOTAL - FUNDS_GUIAN) * (1 - FUNDS_INDUSTRIAL_SHARE)}
        for key, tgt in targets.items():
            grp = [p for p in self.projects if (p["_guian"], p["_ind"]) == key]
            s = sum(sum(p["_funds"].values()) for p in grp)
            f = tgt * k / s if s else 1.0
            for p in grp:
                for y in p["_funds"]:
                    p["_funds"][y] = round(p["_funds"][y] * f, 2)
                tot = sum(p["_funds"].values())
                if tot > p["总投资"] * 0.98:
                    p["总投资"] = tot / self.rng.uniform(0.6, 0.98)
        for p in self.projects:
            for y in (2021, 2022, 2023):
                p[f"到位资金_{y}"] = p["_funds"][y]
            for h in ("总投资", "固定资产投资", "年产值", "年税收", "综合能耗"):
                p[h] = round(p[h], 2)
            p["用地面积"] = round(p["用地面积"], 4)

    def number_projects(self):
        self.projects.sort(key=lambda p: (p["签约日期"], p["企业名称"]))
        cnt = {}
        for p in self.projects:
            y = p["签约日期"].year
            cnt[y] = cnt.get(y, 0) + 1
            p["项目编号"] = f"GY{y}-{cnt[y]:04d}"
            p["宗地编号"] = ";".join(self.lots[i]["ZDDM"] for i in p["lots"])

    def plant_ledger_defects(self):
        rng = self.rng
        codes = {lt["ZDDM"] for lt in self.lots}
        touched = set()

        def pick(cond):
            for _ in range(100000):
                p = self.projects[int(rng.integers(0, len(self.projects)))]
                if id(p) not in touched and not p["dup"] and cond(p):
                    touched.add(id(p))
                    return p
            raise RuntimeError("no project for a defect")

        def add(kind, p, note):
            self.defects.append(dict(kind=kind, layer="projects", id=p["项目编号"], note=note))
        dup = [p for p in self.projects if p["dup"]]
        assert len(dup) == 1
        touched.add(id(dup[0]))
        add("ambiguous_parcel", dup[0], f"linked to the duplicated code {dup[0]['宗地编号']}")
        alone = lambda p: p["alone"]
        for _ in range(2):     # typo in the parcel code: two serial digits swapped / changed
            p = pick(alone)
            c = p["宗地编号"]
            for k in range(100):
                cand = c[:14] + "".join(rng.permutation(list(c[14:]))) if k < 50 else c[:14] + f"{int(rng.integers(0, 99999)):05d}"
                if cand not in codes and cand != c:
                    break
            assert cand not in codes and cand != c
            p["宗地编号"] = cand
            add("unmatched_parcel_code", p, f"typo: {cand} (meant {c})")
        for _ in range(2):     # full-width digits and letters
            p = pick(alone)
            c = p["宗地编号"]
            fw = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else ch for ch in c)
            if _ == 1:      # only the letters, full-width lower case
                fw = c[:12] + "ｇｂ" + c[14:]
            p["宗地编号"] = fw
            add("normalised_match", p, "parcel code written with full-width characters")
        # duplicated project id: a second project reuses the id of a first one (same year)
        a = pick(alone)
        b = pick(lambda p: p["alone"] and p["签约日期"].year == a["签约日期"].year)
        b["项目编号"] = a["项目编号"]
        self.defects.append(dict(kind="duplicate_project_id", layer="projects", id=a["项目编号"],
                                 note="two ledger rows share this id"))
        for _ in range(2):     # missing fixed-asset investment
            p = pick(lambda p: True)
            p["固定资产投资"] = None
            add("missing_figure", p, "固定资产投资 blank")
        for f in (1.3, 0.7):   # ledger land area disagrees with the parcel
            p = pick(alone)
            p["用地面积"] = round(p["用地面积"] * f, 4)
            add("ledger_area_mismatch", p, f"用地面积 = parcel area x {f}")
        self.projects.sort(key=lambda p: (p["项目编号"], p["签约日期"]))

    # -- finalise -------------------------------------------------------------
    def finalise_parcels(self):
        for lt in self.lots:
            if "wkb" not in lt:
                self.finish_geometry(lt)
            a = lt["attrs"]
            a.update({k: v for k, v in base_attrs(self.rng, lt, lt["lu"], lt["epsg"] == EPSG_GUIAN).items()})
            a["ZDDM"] = lt["ZDDM"]
            a["ZDMJ"] = round(lt["area"] * lt.get("zdmj_factor", 1.0), 2)

    def note_supplements(self):
        """Supplementary agreements the checker flags (闲置土地处置办法 article 12: one extension, at most a year, for
        an article 8 cause): BCKGRQ more than a year after YDKGRQ, or no MZYY. They are not planted, but `check`
        reports them, so the manifest lists them as `supplement_extension`."""
        for lt in sorted(self.lots, key=lambda lt: lt["ZDDM"]):
            a = lt["attrs"]
            k, b = a.get("YDKGRQ"), a.get("BCKGRQ")
            if not k or not b:
                continue
            try:
                year_on = k.replace(year=k.year + 1)
            except ValueError:          # 29 February: 28 February a year on
                year_on = k.replace(year=k.year + 1, day=28)
            over = b > year_on
            if over or a.get("MZYY") not in ("政府原因", "不可抗力"):
                self.defects.append(dict(kind="supplement_extension", layer="parcels", id=lt["ZDDM"],
                                         note="BCKGRQ %s vs YDKGRQ %s%s" % (b, k, ", over a year" if over else "")))

    def verify_bundled(self):
        """Cheap self-checks: lots within their zone (except planted), no unplanned overlaps."""
        planted_out = {i for i, lt in enumerate(self.lots) if "outside_frac" in lt}
        planted_ov = {d["id"] for d in self.defects if d["kind"] == "overlap"}
        for code, lots in self.lots_by_zone.items():
            zg = self.zone_in_delivery[code]
            inner = zg.Buffer(-5.0, 4)
            for lt in lots:
                g = poly_from_xy(lt["xy"])
                if not g.IsValid():
                    g = g.MakeValid()
                if lt.get("outside_frac") is None:
                    assert g.Within(inner), ("not inside zone", lt["ZDDM"])
                else:
                    assert g.Difference(zg).Area() / g.Area() > 0.05
        # overlaps: grid index on envelopes
        cells = {}
        geoms = []
        for i, lt in enumerate(self.lots):
            g = poly_from_xy(lt["xy"]).MakeValid()
            geoms.append(g)
            x0, x1, y0, y1 = g.GetEnvelope()
            for gx in range(int(x0 // 500), int(x1 // 500) + 1):
                for gy in range(int(y0 // 500), int(y1 // 500) + 1):
                    cells.setdefault((lt["epsg"], gx, gy), []).append(i)
        seen = set()
        for ids in cells.values():
            for a_i, a in enumerate(ids):
                for b in ids[a_i + 1:]:
                    if (a, b) in seen:
                        continue
                    seen.add((a, b))
                    if geoms[a].Intersects(geoms[b]):
                        ar = geoms[a].Intersection(geoms[b]).Area()
                        if ar > 1e-6:
                            assert self.lots[a]["ZDDM"] in planted_ov and self.lots[b]["ZDDM"] in planted_ov, \
                                ("unplanned overlap", self.lots[a]["ZDDM"], self.lots[b]["ZDDM"], ar)


# ----------------------------------------------------------------------------- project pipeline (项目库)
PIPELINE_HEADERS = ["项目编号", "项目名称", "企业名称", "统一社会信用代码", "产业类别", "用地类型", "最小用地(亩)",
                    "最大用地(亩)", "固定资产投资(万元)", "达产产值(万元)", "达产税收(万元)", "综合能耗(吨标准煤/年)",
                    "容积率", "意向开发区", "最早开工", "标准地", "数字经济", "总部", "央企"]
PIPELINE_NUMERIC = {"最小用地(亩)", "最大用地(亩)", "固定资产投资(万元)", "达产产值(万元)", "达产税收(万元)",
                    "综合能耗(吨标准煤/年)", "容积率"}
PIPELINE_STEMS = ["黔源", "筑城", "云岭", "黔芯", "鑫泰", "华创", "远景", "博宇", "中联", "恒信", "瑞达", "长江",
                  "天成", "凯捷", "宏图", "星辰", "高原", "乌江", "苗岭", "黔灵"]


def add_evaluation_figures(b):
    """The yearly 亩均 evaluation's figures of producing projects (投产/达产): 增加值, 营业收入, 排放量 (t COD),
    用电量 (万kWh), 研发经费 and 规上企业, drawn with their own random stream (the rest of the ledger is unchanged
    by them). Projects not producing get none. Some are left blank on purpose: 增加值 5 %, 排放量 4 %, 研发经费
    4 %, 用电量 3 %."""
    rng = np.random.default_rng(b.seed + 2027)
    for p in sorted(b.projects, key=lambda p: (p["项目编号"], p["签约日期"], p["企业名称"])):
        if p["项目阶段"] not in ("投产", "达产") or not p.get("年产值"):
            continue
        out = float(p["年产值"])
        revenue = out * rng.uniform(0.85, 1.05)
        va = out * rng.uniform(0.16, 0.36)
        tax = float(p.get("年税收") or 0.0)
        p["营业收入"] = round(revenue, 2)
        p["增加值"] = None if rng.random() < 0.05 else round(va, 2)
        p["排放量"] = None if rng.random() < 0.04 else round(va / 4929.81 * rng.lognormal(0.0, 0.7), 3)
        p["用电量"] = None if rng.random() < 0.03 else round(max(tax, 1.0) / 0.2352 * rng.lognormal(0.0, 0.6), 2)
        p["研发经费"] = None if rng.random() < 0.04 else round(revenue * rng.uniform(0.004, 0.06), 2)
        p["规上企业"] = "是" if revenue >= ABOVE_SCALE_REVENUE_WAN else "否"


def add_planning_attributes(b):
    """What makes the vacant land plannable (the planner's supply-timing and 标准地 rules): a planned supply date
    (JHGDRQ 计划供地日期) on 储备 and 批而未供 parcels — 批而未供 sooner (2024-01..2025-06) than 储备
    (2024-04..2026-12), 8 % left blank (not yet scheduled) — and 35 % of the vacant industrial parcels marked 标准地
    (BZD 是) with their own control indicators (CNTZQD investment 1.0-1.5x the zone threshold, CNCCQD output
    1.2-2.0x that, CNSSQD tax 3-7 % of the output, CNRJL plot ratio 1.0-2.0). Own random stream: the rest of the
    sample is unchanged by it."""
    rng = np.random.default_rng(b.seed + 3031)
    zone_level = {z["code"]: z["level"] for z in ZONES}
    vacant = [lt for lt in b.lots if lt.get("attrs", {}).get("GYZT") in ("储备", "批而未供")]
    for lt in sorted(vacant, key=lambda lt: lt["ZDDM"]):
        a = lt["attrs"]
        if a["GYZT"] == "批而未供":
            d = rdate(rng, dt.date(2024, 1, 1), dt.date(2025, 6, 30))
        else:
            d = rdate(rng, dt.date(2024, 4, 1), dt.date(2026, 12, 31))
        a["JHGDRQ"] = None if rng.random() < 0.08 else d
        if lt["lu"] == "ind" and rng.random() < 0.35:
            thr = THRESHOLD[zone_level[lt["zone"]]]
            a["BZD"] = "是"
            a["CNTZQD"] = round(thr * rng.uniform(1.0, 1.5), 2)
            a["CNCCQD"] = round(a["CNTZQD"] * rng.uniform(1.2, 2.0), 2)
            a["CNSSQD"] = round(a["CNCCQD"] * rng.uniform(0.03, 0.07), 2)
            a["CNRJL"] = round(rng.uniform(1.0, 2.0), 2)


def build_pipeline(b, n=300):
    """The project pipeline (项目库): candidates for the vacant industrial and storage land, drawn with their own
    random stream (the rest of the sample is unchanged by it). About 70% are sized and priced for a vacant plot
    (several for the same plots: they compete), 10% are too thin for any zone's threshold, 8% too large for any
    plot, the rest of random size."""
    rng = np.random.default_rng(b.seed + 1013)
    vacant = [lt for lt in b.lots if lt["attrs"].get("GYZT") in ("储备", "批而未供") and lt["lu"] in ("ind", "sto", "log")]
    vacant.sort(key=lambda lt: lt["ZDDM"])
    popular = [vacant[int(i)] for i in rng.choice(len(vacant), size=min(150, len(vacant)), replace=False)]
    zone_of = {z["code"]: z for z in ZONES}
    rows = []
    for k in range(n):
        r = rng.random()
        lt = popular[int(rng.integers(0, len(popular)))]
        z = zone_of[lt["zone"]]
        thr = THRESHOLD[z["level"]]
        area = shoelace(lt["xy"]) / MU
        ind_land = lt["lu"] == "ind" or r >= 0.70
        if r < 0.70:      # fits this plot (and others of its size)
            if rng.random() < 0.12:
                lo, hi = area * rng.uniform(1.5, 1.8), area * rng.uniform(2.0, 2.6)   # wants two plots together
            else:
                lo, hi = area * rng.uniform(0.80, 0.98), area * rng.uniform(1.02, 1.5)
            per_mu = thr * rng.uniform(1.05, 1.9) if ind_land else thr * rng.uniform(0.4, 1.2)
        elif r < 0.80:    # too thin for every zone
            lo, hi = area * 0.9, area * 1.2
            per_mu = rng.uniform(120, 280)
        elif r < 0.88:    # larger than any plot
            lo, hi = rng.uniform(3000, 5000), rng.uniform(5000, 8000)
            per_mu = thr * rng.uniform(1.1, 1.5)
        else:             # random size
            lo = rng.uniform(15, 150)
            hi = lo * rng.uniform(1.1, 1.6)
            per_mu = 500 * rng.uniform(0.9, 1.8)
        invest = per_mu * (lo + hi) / 2
        ind = wchoice(rng, ZONE_INDUSTRIES[lt["zone"]]) if ind_land else "现代物流"
        output = invest * rng.uniform(1.2, 2.5)
        stem = PIPELINE_STEMS[int(rng.integers(0, len(PIPELINE_STEMS)))]
        rows.append({
            "项目编号": f"XM2024-{k + 1:04d}", "项目名称": f"{stem}{ind}项目（{k + 1}）",
            "企业名称": f"贵州{stem}{ind}有限公司", "统一社会信用代码": uscc(rng, z["parts"][0][5]),
            "产业类别": ind, "用地类型": "工业" if ind_land else "仓储",
            "最小用地(亩)": round(lo, 2), "最大用地(亩)": round(hi, 2), "固定资产投资(万元)": round(invest, 2),
            "达产产值(万元)": round(output, 2), "达产税收(万元)": round(output * rng.uniform(0.03, 0.08), 2),
            "综合能耗(吨标准煤/年)": round((lo + hi) / 2 * rng.uniform(0.5, 6.0), 1),
            "容积率": round(rng.uniform(1.0, 2.2), 2),
            "意向开发区": z["name"] if rng.random() < 0.6 else "",
            "最早开工": f"2024-{int(rng.integers(1, 13)):02d}",
            "标准地": "是" if rng.random() < 0.3 else "否", "数字经济": "是" if ind == "数字经济" else "否",
            "总部": "是" if rng.random() < 0.05 else "否", "央企": "是" if rng.random() < 0.08 else "否"})
    return rows


def pipeline_cells(p):
    return ["" if p.get(h) is None else (fmt_num(p[h], 2) if h in PIPELINE_NUMERIC else p[h]) for h in PIPELINE_HEADERS]


# ----------------------------------------------------------------------------- context layers (synthetic)
# Roads, rivers and a hillshade so that the sample map reads as a place.  All of it is invented: the roads run
# in the gaps the parcel layout left between blocks, trunk roads link the zones, the rivers and the terrain
# are smooth noise.  Drawn from their own random stream (seed + CONTEXT_SEED_OFFSET), after the rest is built:
# the other files do not change with them.
CONTEXT_SEED_OFFSET = 1000
HILLSHADE_PX = 90.0                 # m per pixel
HILLSHADE_MARGIN_M = 6000.0         # around the extent of all zones (a zone map framed 16:9 stays covered)
HILLSHADE_MARGIN_SOUTH_M = 14000.0  # … and south of it: the whole city framed at 1080p reaches lower (the map
                                    # leaves room for the scale bar and the footer under the zones)
HILLSHADE_MIN_ASPECT = 2.6          # at least this much wider than high: the whole city framed 16:9 (margins, legend) stays covered
HILLSHADE_AZIMUTH, HILLSHADE_ALTITUDE, HILLSHADE_Z = 315.0, 45.0, 1.5
PRIMARY_SPACING_M = 850.0           # a grid line becomes a 主干路 at least this far from the previous one
ROAD_MIN_PIECE_M = 40.0             # road pieces shorter than this left after a cut are dropped
CONTEXT_STYLES = {                  # the importer's style files (gis-data/styles/LAYER.json)
    "roads_trunk": {"color": "#E8A33D", "width_px": 4, "label_field": "NAME"},
    "roads_primary": {"color": "#F2C46D", "width_px": 3, "label_field": "NAME", "max_m_per_px": 30},
    "roads_secondary": {"color": "#A8A39A", "width_px": 1.5, "label_field": "NAME", "max_m_per_px": 12},
    "rivers": {"color": "#4A90D9", "width_px": 3.5, "label_field": "NAME"},
}
ROAD_CLASS_CN = {"trunk": "主干道/快速路", "primary": "主干路", "secondary": "次干路"}
# Trunk roads: stops are zone parts (code, part index) or points (lon, lat) in CGCS2000; a trunk road leaves a
# zone where one of its 主干路 ends and runs on to the next stop.  Names are invented (some echo real ones).
TRUNK_ROUTES = [
    ("贵安大道", [("GANA", 0), ("GANA", 1), ("GY-HTZ", 0)]),
    ("黔中大道", [("GANA", 2), ("GY-ETDZ", 0), ("GY-CBZ", 0), ("SL-AEZ", 0)]),
    ("百花大道", [("QZ-EDZ", 0), ("GY-HTZ", 0), ("BY-EDZ", 0), ("GY-HTZ", 1), ("XW-EDZ", 0)]),
    ("红枫大道", [("GANA", 1), ("QZ-EDZ", 0)]),
    ("花溪大道", [("GANA", 1), (106.520, 26.455), ("GANA", 2)]),
    ("中环快速路", [("GY-ETDZ", 0), (106.700, 26.560), (106.735, 26.612), ("WD-EDZ", 0)]),
    ("机场大道", [("SL-AEZ", 0), ("WD-EDZ", 0)]),
    ("金阳快速路", [("GY-HTZ", 0), (106.690, 26.600), (106.700, 26.560)]),
    ("贵开快速路", [("WD-EDZ", 0), (106.900, 26.800), ("KY-EDZ", 0)]),
    ("贵息大道", [("GY-HTZ", 1), (106.700, 26.920), ("XF-EDZ", 0)]),
]
# Rivers: waypoints (lon, lat) that keep clear of the zones; meanders are added on top.
RIVERS = [
    ("南明河", [(106.500, 26.310), (106.600, 26.335), (106.640, 26.390), (106.700, 26.425), (106.760, 26.445),
               (106.762, 26.495), (106.735, 26.530), (106.712, 26.575), (106.755, 26.605), (106.805, 26.605),
               (106.865, 26.625), (106.925, 26.720), (106.965, 26.840), (107.010, 26.930), (107.075, 26.960)]),
    ("车田河", [(106.335, 26.300), (106.345, 26.360), (106.350, 26.420), (106.362, 26.475), (106.385, 26.540)]),
    ("猫跳河", [(106.385, 26.540), (106.340, 26.600), (106.345, 26.680), (106.420, 26.760), (106.480, 26.850),
               (106.525, 26.960), (106.600, 27.030)]),
]
CN_DIGITS = "零一二三四五六七八九"
PRIMARY_NAME_CHARS = "兴创云金龙瑞鹿松桂枫黔筑明腾华宏新阳湖山林盛泰丰远博源嘉凯润川锦翠鸣星"


def cn_number(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def line_from_xy(xy):
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in xy:
        g.AddPoint_2D(float(x), float(y))
    return g


def line_xy(g):
    return np.array(g.GetPoints(), float)[:, :2]


def runs(flags):
    """Maximal runs of consecutive true indices: [(first, last), ...]."""
    out, start = [], None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i - 1))
            start = None
    return out


def hermite(points, tangents, step=100.0):
    """Cubic Hermite curve through points (n,2) with tangents (n,2), sampled about every step metres."""
    out = [points[:1]]
    for i in range(len(points) - 1):
        p0, p1, m0, m1 = points[i], points[i + 1], tangents[i], tangents[i + 1]
        n = max(8, int(math.ceil(np.hypot(*(p1 - p0)) / step)))
        t = np.linspace(0, 1, n + 1)[1:, None]
        h00, h10, h01, h11 = 2 * t ** 3 - 3 * t ** 2 + 1, t ** 3 - 2 * t ** 2 + t, -2 * t ** 3 + 3 * t ** 2, t ** 3 - t ** 2
        out.append(h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1)
    return np.vstack(out)


def meander(xy, rng, waves, taper_m):
    """Offsets the polyline sideways by a sum of sines (amplitude, wavelength pairs), faded to nothing
    within taper_m of both ends."""
    seg = np.hypot(*np.diff(xy, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    total = s[-1]
    d = np.gradient(xy, axis=0)
    d /= np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)[:, None]
    normal = np.column_stack([-d[:, 1], d[:, 0]])
    off = np.zeros_like(s)
    for amp, wl in waves:
        off += amp * np.sin(2 * math.pi * s / wl + rng.uniform(0, 2 * math.pi))
    fade = np.clip(np.minimum(s, total - s) / max(taper_m, 1.0), 0.0, 1.0)
    fade = fade * fade * (3 - 2 * fade)
    return xy + normal * (off * fade)[:, None]


class ContextBuilder:
    """The synthetic context of the bundled sample, in EPSG:4545 (the zones' CRS)."""

    def __init__(self, b):
        self.b = b
        self.rng = np.random.default_rng(b.seed + CONTEXT_SEED_OFFSET)
        self.to_zones = {EPSG_GUIAN: Transformer.from_crs(EPSG_GUIAN, EPSG_ZONES, always_xy=True)}
        self.from_geo = Transformer.from_crs(EPSG_GEO, EPSG_ZONES, always_xy=True)
        self.stats = {}

    def xy_in_zones_crs(self, xy, epsg):
        if epsg == EPSG_ZONES:
            return np.asarray(xy, float)
        x, y = self.to_zones[epsg].transform(np.asarray(xy)[:, 0], np.asarray(xy)[:, 1])
        return np.column_stack([x, y])

    def build(self):
        self.obstacles()
        self.grid_roads()
        self.trunk_roads()
        self.rivers()
        self.clear_parcels()
        self.stats.update({cls: len(v) for cls, v in self.roads.items()}, rivers=len(self.river_lines))
        return self

    # -- parcels as obstacles ---------------------------------------------------------------------------
    def obstacles(self):
        """Each lot's convex hull (valid even for the planted bow-ties) in EPSG:4545; per zone, their union
        grown by a clearance (blocks become single polygons) for the trunk roads and rivers to keep out of."""
        self.lot_hulls, boxes = [], []
        self.blocks = {}
        for code in self.b.zones:
            mp = ogr.Geometry(ogr.wkbMultiPolygon)
            for lt in self.b.lots_by_zone[code]:
                xy = self.xy_in_zones_crs(lt["xy"], lt["epsg"])
                hull = poly_from_xy(xy).ConvexHull()
                self.lot_hulls.append(hull)
                boxes.append([xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()])
                mp.AddGeometry(hull)
            self.blocks[code] = mp.Buffer(8.0, 2)
        self.lot_boxes = np.array(boxes)
        self.all_blocks = None
        for g in self.blocks.values():
            self.all_blocks = g if self.all_blocks is None else self.all_blocks.Union(g)

    def lots_hit(self, g):
        """Indices of the lot hulls the geometry intersects (bounding boxes first)."""
        x0, x1, y0, y1 = g.GetEnvelope()
        bx = self.lot_boxes
        cand = np.nonzero((bx[:, 0] <= x1) & (bx[:, 2] >= x0) & (bx[:, 1] <= y1) & (bx[:, 3] >= y0))[0]
        return [int(i) for i in cand if g.Intersects(self.lot_hulls[i])]

    # -- the zones' own grids ---------------------------------------------------------------------------
    def grid_roads(self):
        """Roads along the gaps between blocks that carry lots: the centre lines of the gaps, from crossing to
        crossing, merged into straight runs.  Every PRIMARY_SPACING_M or so (from the development core
        outwards) a line is a 主干路, the rest 次干路."""
        self.roads = {"trunk": [], "primary": [], "secondary": []}
        self.part_ends = {}
        pool = [a + b for a in PRIMARY_NAME_CHARS for b in PRIMARY_NAME_CHARS if a != b]
        order = self.rng.permutation(len(pool))
        names = (pool[int(i)] + ("大道" if k % 3 == 0 else "路") for k, i in enumerate(order))
        used_names = set(ROADS)
        for code in self.b.zones:
            for grid in self.b.grids[code]:
                part_name = self.b.zones[code]["zone"]["parts"][grid["part"]][0]
                cx, cy = grid["centre"]
                ca, sa = grid["ca"], grid["sa"]
                cols, rows, used = grid["cols"], grid["rows"], grid["used"]
                if not used:
                    continue
                U = [cols[0][0] - 15.0] + [(cols[i][1] + cols[i + 1][0]) / 2 for i in range(len(cols) - 1)] + \
                    [cols[-1][1] + 15.0]
                V = [rows[0][0] - 15.0] + [(rows[i][1] + rows[i + 1][0]) / 2 for i in range(len(rows) - 1)] + \
                    [rows[-1][1] + 15.0]

                def to_xy(uv):
                    uv = np.asarray(uv, float)
                    return np.column_stack([cx + uv[:, 0] * ca - uv[:, 1] * sa, cy + uv[:, 0] * sa + uv[:, 1] * ca])
                core_u = np.mean([(cols[i][0] + cols[i][1]) / 2 for i, _ in used])
                core_v = np.mean([(rows[j][0] + rows[j][1]) / 2 for _, j in used])
                ends = []
                # lines of constant u run along v (about north-south: 经 X 路), constant v along u (纬 X 路)
                for along_v, nodes, other, core, word, axis_name in (
                        (True, U, V, core_u, "经", part_name + "大道"), (False, V, U, core_v, "纬", part_name + "路")):
                    lines = []
                    for k in range(len(nodes)):
                        if along_v:
                            act = [(k - 1, j) in used or (k, j) in used for j in range(len(other) - 1)]
                        else:
                            act = [(j, k - 1) in used or (j, k) in used for j in range(len(other) - 1)]
                        r = runs(act)
                        if r:
                            lines.append((k, r))
                    if not lines:
                        continue
                    pos = np.array([nodes[k] for k, _ in lines])
                    first = int(np.argmin(np.abs(pos - core)))
                    primary = {first}
                    for rng_dir in (range(first + 1, len(lines)), range(first - 1, -1, -1)):
                        last = pos[first]
                        for i in rng_dir:
                            if abs(pos[i] - last) >= PRIMARY_SPACING_M:
                                primary.add(i)
                                last = pos[i]
                    n_sec = 0
                    for i, (k, r) in enumerate(lines):
                        if i in primary:
                            if i == first:
                                name = axis_name
                            else:
                                name = next(names)
                                while name in used_names:
                                    name = next(names)
                            used_names.add(name)
                            cls = "primary"
                        else:
                            n_sec += 1
                            name = f"{part_name}{word}{cn_number(n_sec)}路"
                            cls = "secondary"
                        for j0, j1 in r:
                            a, b_ = (nodes[k], other[j0]), (nodes[k], other[j1 + 1])
                            uv = [a, b_] if along_v else [a[::-1], b_[::-1]]
                            g = line_from_xy(to_xy(uv))
                            if grid["epsg"] != EPSG_ZONES:      # keep it straight through the reprojection
                                g.Segmentize(100.0)
                            xy = self.xy_in_zones_crs(line_xy(g), grid["epsg"])
                            self.roads[cls].append([name, xy])
                            if cls == "primary":
                                for p, q in ((xy[0], xy[1]), (xy[-1], xy[-2])):
                                    d = p - q
                                    ends.append((p, d / np.hypot(*d)))
                self.part_ends[(code, grid["part"])] = ends

    # -- trunk roads between zones ----------------------------------------------------------------------
    def leg(self, a, da, mids, b, db, waves):
        """Curve from a (leaving along da) through mids to b (arriving against db)."""
        pts = np.vstack([a] + list(mids) + [b])
        tang = np.zeros_like(pts)
        for i in range(1, len(pts) - 1):
            tang[i] = (pts[i + 1] - pts[i - 1]) / 2
        if da is not None:
            tang[0] = da * np.hypot(*(pts[1] - pts[0])) * 0.9
        else:
            tang[0] = pts[1] - pts[0]
        if db is not None:
            tang[-1] = -db * np.hypot(*(pts[-1] - pts[-2])) * 0.9
        else:
            tang[-1] = pts[-1] - pts[-2]
        xy = hermite(pts, tang)
        return meander(xy, self.rng, waves, 1500.0) if waves else xy

    def clear_of(self, g, except_zones, zone_clear, block_clear=0.0):
        """The line keeps block_clear off every block (lots grown by 8 m) and, unless zone_clear is None,
        zone_clear off the zones it does not link."""
        if (g.Buffer(block_clear, 2) if block_clear else g).Intersects(self.all_blocks):
            return False
        if zone_clear is not None:
            for code, zd in self.b.zones.items():
                if code not in except_zones and g.Distance(zd["geom"]) < zone_clear:
                    return False
        return True

    def trunk_roads(self):
        for name, stops in TRUNK_ROUTES:
            # split the route at its zone stops: each piece runs zone (or point) .. points .. zone (or point)
            pieces, cur = [], [stops[0]]
            for s in stops[1:]:
                cur.append(s)
                if isinstance(s[0], str):
                    pieces.append(cur)
                    cur = [s]
            if len(cur) > 1:
                pieces.append(cur)
            for piece in pieces:
                self.roads["trunk"].append([name, self.trunk_piece(name, piece)])

    def trunk_piece(self, name, piece):
        def point(s):
            x, y = self.from_geo.transform(s[0], s[1])
            return np.array([x, y])
        head, tail = piece[0], piece[-1]
        mids = [point(s) for s in piece[1:-1]]
        zones = {s[0] for s in (head, tail) if isinstance(s[0], str)}
        ends_a = self.part_ends[head] if isinstance(head[0], str) else [(point(head), None)]
        ends_b = self.part_ends[tail] if isinstance(tail[0], str) else [(point(tail), None)]
        cands = []
        for ia, (pa, da) in enumerate(ends_a):
            for ib, (pb, db) in enumerate(ends_b):
                nxt = mids[0] if mids else pb
                prv = mids[-1] if mids else pa
                length = np.hypot(*(nxt - pa)) + np.hypot(*(pb - prv)) + \
                    sum(np.hypot(*(q - p)) for p, q in zip(mids[:-1], mids[1:]))
                pen = 0.0
                for p, d, t in ((pa, da, nxt), (pb, db, prv)):
                    if d is not None:
                        v = (t - p) / max(np.hypot(*(t - p)), 1.0)
                        pen += 1.0 - float(np.dot(d, v))
                cands.append((length * (1.0 + 0.6 * pen), ia, ib))
        cands.sort()
        waves = [(self.rng.uniform(60, 180), self.rng.uniform(2500, 5000))]
        for strict in (True, False):
            for _, ia, ib in cands[:80]:
                (pa, da), (pb, db) = ends_a[ia], ends_b[ib]
                for w in (waves, None):
                    xy = self.leg(pa, da, mids, pb, db, w)
                    if self.clear_of(line_from_xy(xy), zones, 250.0 if strict else None):
                        return xy
        raise RuntimeError(f"no clear course for trunk road {name} {piece}")

    # -- rivers -------------------------------------------------------------------------------------------
    def rivers(self):
        self.river_lines = []
        for name, way in RIVERS:
            x, y = self.from_geo.transform([p[0] for p in way], [p[1] for p in way])
            pts = np.column_stack([x, y])
            waves = [(self.rng.uniform(300, 500), self.rng.uniform(5000, 8000)),
                     (self.rng.uniform(120, 220), self.rng.uniform(2200, 3400))]
            for k in range(12):
                shrink = 0.85 ** k
                xy = self.leg(pts[0], None, pts[1:-1], pts[-1], None,
                              [(a * shrink, w) for a, w in waves])
                if self.clear_of(line_from_xy(xy), set(), None, 80.0):
                    break
            else:
                raise RuntimeError(f"no clear course for river {name}")
            self.stats.setdefault("river_meander_scale", []).append(round(shrink, 3))
            self.river_lines.append([name, xy])

    # -- no road through a parcel ---------------------------------------------------------------------
    def clear_parcels(self):
        """Grid roads were laid in the gaps, but a few lots were moved afterwards (the planted outside-zone
        parcels) and one zone's grid runs near another's (GA-CBZ inside GANA): cut a road where it meets a
        lot (with 2 m to spare) and drop the short pieces left."""
        hits = cut = 0
        for cls in ("secondary", "primary"):
            kept = []
            for name, xy in self.roads[cls]:
                g = line_from_xy(xy)
                hit = self.lots_hit(g)
                if not hit:
                    kept.append([name, xy])
                    continue
                hits += len(hit)
                cut += 1
                mp = ogr.Geometry(ogr.wkbMultiPolygon)
                for i in hit:
                    mp.AddGeometry(self.lot_hulls[i])
                rest = g.Difference(mp.Buffer(2.0, 2))
                parts = [rest] if rest.GetGeometryType() == ogr.wkbLineString else \
                    [rest.GetGeometryRef(i) for i in range(rest.GetGeometryCount())]
                for p in parts:
                    if p.GetGeometryType() == ogr.wkbLineString and p.Length() >= ROAD_MIN_PIECE_M:
                        kept.append([name, line_xy(p)])
            self.roads[cls] = kept
        self.stats.update(lots_on_grid_roads=hits, grid_roads_cut=cut)
        left = sum(len(self.lots_hit(line_from_xy(xy))) for cls in self.roads for _, xy in self.roads[cls])
        left += sum(len(self.lots_hit(line_from_xy(xy))) for _, xy in self.river_lines)
        assert left == 0, f"{left} road or river crossings of parcels left"

    # -- terrain --------------------------------------------------------------------------------------------
    def hillshade(self):
        """A synthetic karst terrain (smooth hills plus clusters of cone hills, flattened over the zones and
        along the rivers), shaded from the north-west.  Returns (uint8 array, geotransform)."""
        env = [math.inf, -math.inf, math.inf, -math.inf]
        for zd in self.b.zones.values():
            e = zd["geom"].GetEnvelope()
            env = [min(env[0], e[0]), max(env[1], e[1]), min(env[2], e[2]), max(env[3], e[3])]
        px = HILLSHADE_PX
        mx = max(HILLSHADE_MARGIN_M,
                 ((env[3] - env[2] + 2 * HILLSHADE_MARGIN_M) * HILLSHADE_MIN_ASPECT - (env[1] - env[0])) / 2)
        x0 = math.floor((env[0] - mx) / 1000.0) * 1000.0
        y1 = math.ceil((env[3] + HILLSHADE_MARGIN_M) / 1000.0) * 1000.0
        w = int(math.ceil((env[1] + mx - x0) / px))
        h = int(math.ceil((y1 - (env[2] - HILLSHADE_MARGIN_SOUTH_M)) / px))
        gt = (x0, px, 0.0, y1, 0.0, -px)
        rng = self.rng

        def noise(wl_long, wl_short, beta):
            """Isotropic noise with a power spectrum ~ k^-beta between two wavelengths (m), unit std."""
            white = rng.standard_normal((h, w))
            k = np.hypot(*np.meshgrid(np.fft.rfftfreq(w, px), np.fft.fftfreq(h, px)))
            k[0, 0] = 1.0
            filt = k ** (-beta / 2) * np.exp(-(k * wl_short) ** 2) * (1 - np.exp(-(k * wl_long) ** 2))
            filt[0, 0] = 0.0
            n = np.fft.irfft2(np.fft.rfft2(white) * filt, (h, w))
            return n / n.std()

        def blur(a, sigma_m):
            k = np.hypot(*np.meshgrid(np.fft.rfftfreq(w + 64, px), np.fft.fftfreq(h + 64, px)))
            big = np.zeros((h + 64, w + 64))
            big[:h, :w] = a
            out = np.fft.irfft2(np.fft.rfft2(big) * np.exp(-2 * (math.pi * k * sigma_m) ** 2), big.shape)
            return out[:h, :w]

        def smoothstep(x, lo, hi):
            t = np.clip((x - lo) / (hi - lo), 0, 1)
            return t * t * (3 - 2 * t)

        relief = noise(60000, 2500, 3.5)                     # the plateau's broad undulation
        hills = noise(14000, 900, 3.0)
        ridges = blur((1 - np.abs(noise(16000, 1200, 3.0))) ** 2, 250.0)   # crests where the noise is 0
        # 峰丛: clusters of cone hills where a slow noise is high, scattered cones elsewhere
        cluster = smoothstep(noise(40000, 5000, 2.0), -0.3, 0.9)
        cones = np.zeros((h, w))
        for radius, per_km2, height in ((520.0, 3.5, 38.0), (850.0, 0.8, 55.0)):
            n = int(per_km2 * w * h * px * px / 1e6)
            iy, ix = rng.integers(0, h, n), rng.integers(0, w, n)
            keep = rng.random(n) < 0.02 + 0.98 * cluster[iy, ix] ** 1.5
            imp = np.zeros((h, w))
            np.add.at(imp, (iy[keep], ix[keep]), np.minimum(rng.gamma(2.5, height / 2.5, n), 2.2 * height)[keep])
            r = int(math.ceil(radius / px))
            yy, xx = np.mgrid[-r:r + 1, -r:r + 1] * px
            dd = np.minimum(np.hypot(xx, yy) / radius, 1.0)
            kern = 0.5 * (1 + np.cos(math.pi * dd))       # a rounded cone
            big = np.zeros((h + 2 * r + 1, w + 2 * r + 1))
            big[:h, :w] = imp
            kb = np.zeros_like(big)
            kb[:2 * r + 1, :2 * r + 1] = kern
            kb = np.roll(kb, (-r, -r), axis=(0, 1))
            cones += np.fft.irfft2(np.fft.rfft2(big) * np.fft.rfft2(kb), big.shape)[:h, :w]
        # the zones (built on the flatter land) and the river valleys are lower and smoother
        zone = np.clip(blur(self.rasterize(w, h, gt, [zd["geom"] for zd in self.b.zones.values()]), 700.0), 0, 1)
        river = self.rasterize(w, h, gt, [line_from_xy(xy).Buffer(120.0, 2) for _, xy in self.river_lines])
        valley = np.clip(blur(river, 1200.0) * 3.0, 0, 1)
        rough = (1 - 0.85 * zone) * (1 - 0.75 * valley)
        dem = 220 * relief + (90 * hills + 160 * ridges + cones) * rough - 120 * valley
        # Horn's slope and aspect, lit from HILLSHADE_AZIMUTH at HILLSHADE_ALTITUDE
        z = np.pad(dem * HILLSHADE_Z, 1, mode="edge")
        a, b_, c = z[:-2, :-2], z[:-2, 1:-1], z[:-2, 2:]
        d, f = z[1:-1, :-2], z[1:-1, 2:]
        g, hh, i = z[2:, :-2], z[2:, 1:-1], z[2:, 2:]
        dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * px)
        dzdy = ((g + 2 * hh + i) - (a + 2 * b_ + c)) / (8 * px)      # rows run south: + is southward
        slope = np.arctan(np.hypot(dzdx, dzdy))
        aspect = np.arctan2(dzdy, -dzdx)
        zen = math.radians(90.0 - HILLSHADE_ALTITUDE)
        azi = math.radians((360.0 - HILLSHADE_AZIMUTH + 90.0) % 360.0)
        shade = np.cos(zen) * np.cos(slope) + np.sin(zen) * np.sin(slope) * np.cos(azi - aspect)
        return np.clip(np.round(255.0 * shade), 1, 255).astype(np.uint8), gt

    @staticmethod
    def rasterize(w, h, gt, geoms):
        ds = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
        ds.SetGeoTransform(gt)
        vds = ogr.GetDriverByName("Memory").CreateDataSource("")
        lyr = vds.CreateLayer("g", srs(EPSG_ZONES), ogr.wkbUnknown)
        for geom in geoms:
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(geom)
            lyr.CreateFeature(f)
        gdal.RasterizeLayer(ds, [1], lyr, burn_values=[1])
        return ds.GetRasterBand(1).ReadAsArray().astype(float)


def write_context(b, out):
    """context.gpkg (roads_trunk, roads_primary, roads_secondary, rivers), hillshade.tif and styles/*.json."""
    cb = ContextBuilder(b).build()
    path = os.path.join(out, "context.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layers = [(f"roads_{cls}", cb.roads[cls], cls) for cls in ("trunk", "primary", "secondary")] + \
        [("rivers", cb.river_lines, None)]
    for lname, feats, cls in layers:
        what = f"SYNTHETIC {ROAD_CLASS_CN[cls]} ({cls}) roads" if cls else "SYNTHETIC rivers"
        lyr = ds.CreateLayer(lname, srs(EPSG_ZONES), ogr.wkbLineString,
                             ["FID=fid", "GEOMETRY_NAME=geom",
                              f"DESCRIPTION={what} of the ParkAtlas sample, invented by tools/gen_sample.py: not real"])
        create_fields(lyr, [("NAME", ogr.OFTString, 40, 0)] + ([("CLASS", ogr.OFTString, 10, 0)] if cls else []))
        fd = ogr.FieldDefn("SYNTHETIC", ogr.OFTInteger)
        fd.SetSubType(ogr.OFSTBoolean)
        lyr.CreateField(fd)
        ds.StartTransaction()
        for name, xy in feats:
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetField("NAME", name)
            if cls:
                f.SetField("CLASS", cls)
            f.SetField("SYNTHETIC", 1)
            f.SetGeometryDirectly(line_from_xy(np.round(xy, 3)))
            lyr.CreateFeature(f)
        ds.CommitTransaction()
    ds = None
    shade, gt = cb.hillshade()
    path = os.path.join(out, "hillshade.tif")
    r = gdal.GetDriverByName("GTiff").Create(path, shade.shape[1], shade.shape[0], 1, gdal.GDT_Byte,
                                             ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE",
                                              "PREDICTOR=2", "ZLEVEL=9"])
    r.SetGeoTransform(gt)
    r.SetProjection(srs(EPSG_ZONES).ExportToWkt())
    band = r.GetRasterBand(1)
    band.SetColorInterpretation(gdal.GCI_GrayIndex)
    band.WriteArray(shade)
    r.FlushCache()
    gdal.SetConfigOption("COMPRESS_OVERVIEW", "DEFLATE")
    gdal.SetConfigOption("PREDICTOR_OVERVIEW", "2")
    r.BuildOverviews("AVERAGE", [2, 4, 8, 16])
    gdal.SetConfigOption("COMPRESS_OVERVIEW", None)
    gdal.SetConfigOption("PREDICTOR_OVERVIEW", None)
    r = None
    sdir = os.path.join(out, "styles")
    os.makedirs(sdir, exist_ok=True)
    for lname, style in CONTEXT_STYLES.items():
        with open(os.path.join(sdir, lname + ".json"), "w", encoding="utf-8", newline="\n") as fh:
            json.dump(style, fh, ensure_ascii=False)
            fh.write("\n")
    # The whole context set in one file, for `parkatlas import -w WS --context gis-data/context.json` (tools/demo,
    # the viewer's own sample import): paths relative to this file; rivers first so that roads draw over them.
    context_set = {"layers": [
        {"reference": "context.gpkg::rivers", "name": "河流", "style": "styles/rivers.json"},
        {"reference": "context.gpkg::roads_secondary", "name": "次干路", "style": "styles/roads_secondary.json"},
        {"reference": "context.gpkg::roads_primary", "name": "主干路", "style": "styles/roads_primary.json"},
        {"reference": "context.gpkg::roads_trunk", "name": "主干道", "style": "styles/roads_trunk.json"},
        {"basemap": "hillshade.tif", "name": "地形晕渲(合成)", "opacity": 0.6},
    ]}
    with open(os.path.join(out, "context.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(context_set, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    cb.stats["hillshade_px"] = shade.shape
    return cb


# ----------------------------------------------------------------------------- output
def write_bundled(b, out):
    os.makedirs(out, exist_ok=True)
    for fn in os.listdir(out):
        if fn.startswith(("zones.", "parcels_guiyang.", "parcels_guian.", "projects.", "pipeline.", "context.",
                          "hillshade.")):
            os.remove(os.path.join(out, fn))
    for lname in CONTEXT_STYLES:
        if os.path.exists(os.path.join(out, "styles", lname + ".json")):
            os.remove(os.path.join(out, "styles", lname + ".json"))
    write_zones(os.path.join(out, "zones.shp"), b.zones)
    guian = [lt for lt in b.lots if lt["epsg"] == EPSG_GUIAN]
    guiyang = [lt for lt in b.lots if lt["epsg"] != EPSG_GUIAN]
    ds, lyr = parcel_writer(os.path.join(out, "parcels_guian.gpkg"), "parcels_guian", EPSG_GUIAN, True)
    write_parcels(ds, lyr, [dict(attrs=lt["attrs"], wkb=lt["wkb"]) for lt in guian], True)
    ds = None
    ds, lyr = parcel_writer(os.path.join(out, "parcels_guiyang.shp"), "parcels_guiyang", EPSG_ZONES, False)
    write_parcels(ds, lyr, [dict(attrs=lt["attrs"], wkb=lt["wkb"]) for lt in guiyang], False)
    ds = None
    write_xlsx(os.path.join(out, "projects.xlsx"), b.projects)
    write_csv(os.path.join(out, "projects.csv"), b.projects)
    write_xlsx(os.path.join(out, "pipeline.xlsx"), build_pipeline(b), PIPELINE_HEADERS, PIPELINE_NUMERIC, "项目库",
               pipeline_cells)
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(dict(seed=b.seed, defects=b.defects), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    ctx = write_context(b, out)
    write_readme(b, out, len(guian), len(guiyang), ctx)
    return ctx


def write_scale(b, out):
    os.makedirs(out, exist_ok=True)
    for fn in ("zones.shp", "zones.shx", "zones.dbf", "zones.prj", "zones.cpg", "parcels.gpkg", "projects.csv"):
        if os.path.exists(os.path.join(out, fn)):
            os.remove(os.path.join(out, fn))
    write_zones(os.path.join(out, "zones.shp"), b.zones)
    ds, lyr = parcel_writer(os.path.join(out, "parcels.gpkg"), "parcels", EPSG_ZONES, True)
    # One GeoPackage layer with 用地用海 field names (YDYHDM/YDYHMC) for every zone: the lots outside Gui'an carry
    # GB/T 21010 codes, which that scheme reads differently (0601 工业用地 would become agricultural), so they are
    # written with their 用地用海 equivalents.
    gb_to_yd = {v[0]: (v[2], v[3]) for v in LANDUSE.values()}

    def in_yd(a):
        yd = gb_to_yd.get(a.get("DLBM"))
        return dict(a, DLBM=yd[0], DLMC=yd[1]) if yd else a

    write_parcels(ds, lyr, [dict(attrs=in_yd(lt["attrs"]), wkb=lt["wkb"]) for lt in b.lots], True)
    ds = None
    write_csv(os.path.join(out, "projects.csv"), b.projects)


def write_readme(b, out, n_guian, n_guiyang, ctx=None):
    funds = sum(p[f"到位资金_{y}"] for p in b.projects for y in (2021, 2022, 2023))
    funds_ga = sum(p[f"到位资金_{y}"] for p in b.projects if p["_guian"] for y in (2021, 2022, 2023))
    funds_ind = sum(p[f"到位资金_{y}"] for p in b.projects if p["_ind"] for y in (2021, 2022, 2023))
    kinds = {}
    for d in b.defects:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    text = README_TEMPLATE.format(
        seed=b.seed, n_zones=len(b.zones), n_guian=n_guian, n_guiyang=n_guiyang, n_proj=len(b.projects),
        n_unplaced=sum(1 for p in b.projects if not p["lots"]), funds=funds / 1e4, funds_ga=funds_ga / 1e4,
        funds_ind=funds_ind / 1e4,
        defects="\n".join(f"| `{k}` | {v} |" for k, v in kinds.items()))
    if ctx is not None:
        st = ctx.stats
        text += CONTEXT_README_TEMPLATE.format(
            n_trunk=st["trunk"], n_primary=st["primary"], n_secondary=st["secondary"], n_rivers=st["rivers"],
            n_routes=len(TRUNK_ROUTES), trunk_names="、".join(n for n, _ in TRUNK_ROUTES),
            river_names="、".join(n for n, _ in RIVERS), seed_ctx=b.seed + CONTEXT_SEED_OFFSET,
            hs_w=st["hillshade_px"][1], hs_h=st["hillshade_px"][0], px=HILLSHADE_PX,
            margin=HILLSHADE_MARGIN_M / 1000, margin_s=HILLSHADE_MARGIN_SOUTH_M / 1000, az=HILLSHADE_AZIMUTH, alt=HILLSHADE_ALTITUDE, zf=HILLSHADE_Z,
            n_cut=st["grid_roads_cut"], n_hits=st["lots_on_grid_roads"],
            styles="\n".join(f"| `styles/{k}.json` | `{json.dumps(v, ensure_ascii=False)}` |"
                             for k, v in CONTEXT_STYLES.items()))
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


README_TEMPLATE = """# gis-data: ParkAtlas bundled sample data

**Synthetic and illustrative.** Zone names, host districts, levels and lead industries follow the real
development zones of Guiyang and Gui'an New Area (贵阳市, 贵安新区), but the real zone boundaries are not
public: every polygon, parcel, project, company, credit code and figure here is invented by
`tools/gen_sample.py`. Do not use them for anything but testing and demonstrating ParkAtlas.
The field contract is `docs/sample-data-contract.md`.

Generated with seed **{seed}**. Regenerate (byte-identical; needs Debian's `/usr/bin/python3` with the GDAL
bindings, numpy and pyproj):

    /usr/bin/python3 tools/gen_sample.py --out gis-data

`tests/tools/gen_sample_deterministic.sh REPO TMPDIR` regenerates into a temporary folder and compares every
file byte for byte. Scale mode for benchmarks (never committed):

    /usr/bin/python3 tools/gen_sample.py --scale 100000 --out /tmp/s100k

writes `zones.shp`, `parcels.gpkg` (layer `parcels`, all parcels in EPSG:4545, no planted defects) and
`projects.csv` (a matching ledger, about 0.6 projects per parcel, funds scaled with N). The zones stay the same,
so blocks, roads and lots shrink to make N parcels fit (at 100,000 parcels the median lot is about 1.4 亩).
`--layout tessellated` lays them out as a real cadastre is: no roads between blocks and every lot its whole cell,
so parcels share boundaries (and T-junctions) with 4-6 neighbours; about 1% are bow-ties (invalid).
CPU time on this project's 2-core Debian box: the bundled sample about 3 s, `--scale 100000` about 35 s,
`--scale 1000000` about 4-6 min (peak memory about 5 GB; the GeoPackage is about 450 MB).

## Files

| file | content | CRS | encoding |
|---|---|---|---|
| `zones.shp` (+ `.shx .dbf .prj .cpg`) | {n_zones} development zones, MultiPolygon | EPSG:4545 (CGCS2000 3° Gauss-Krüger CM 108°E, no zone prefix; axis order northing, easting in EPSG, shapefile stores x = easting) | DBF in GBK, `.cpg` = `CP936` |
| `parcels_guian.gpkg` | layer `parcels_guian`: {n_guian} parcels of 贵安新区 (GANA) and 贵安综合保税区 (GA-CBZ), Polygon | EPSG:4544 (CM 105°E, zone 35, no prefix) | UTF-8 (GeoPackage) |
| `parcels_guiyang.shp` (+ `.shx .dbf .prj .cpg`) | {n_guiyang} parcels of the ten other zones, Polygon | EPSG:4545 | DBF in GBK, `.cpg` = `CP936` |
| `projects.xlsx` | sheet `项目台账`: {n_proj} ledger rows, Chinese headers, numbers as numeric cells, dates as `YYYY-MM-DD` text | — | XLSX (shared strings) |
| `pipeline.xlsx` | sheet `项目库`: 300 pipeline projects for `parkatlas plan` (项目编号 … 央企, docs/planning.md); about 70% sized and priced for a vacant plot (several compete for the same plots), 10% below every threshold, 8% larger than any plot | — | XLSX (shared strings) |
| `projects.csv` | the same rows and headers | — | UTF-8 with BOM, CRLF |
| `manifest.json` | `{{"seed", "defects": [{{"kind", "layer", "id", "note"}}]}}`: the planted defects, exactly the ids the checks must report at warning/error | — | UTF-8 |

GDAL guesses whether row 1 of an XLSX sheet is a header; read it with `--config OGR_XLSX_HEADERS FORCE`
(e.g. `ogrinfo --config OGR_XLSX_HEADERS FORCE gis-data/projects.xlsx -al -so`): the text columns come back as
String, the money, area and count columns as Real / Integer.

### zones.shp
| field | meaning |
|---|---|
| CODE | zone code (`GANA`, `GA-CBZ`, `GY-ETDZ`, `GY-HTZ`, `GY-CBZ`, `SL-AEZ`, `QZ-EDZ`, `KY-EDZ`, `XF-EDZ`, `WD-EDZ`, `BY-EDZ`, `XW-EDZ`) |
| NAME / NAME_EN | Chinese / English name |
| LEVEL | `national_new_area`, `national`, `provincial` |
| THRESHOLD | industrial fixed-asset investment intensity threshold, 万元/亩 (500 national and new area, 300 provincial) |
| INDUSTRY | lead industries, `;`-separated |
| HOST | host districts, `;`-separated |
| PQMC | 片区名称, the parts' names of a zone in parts, one per polygon in order, `;`-separated (`马场;湖潮;党武`); empty for a zone of one part |

Zones do not overlap; 贵安综合保税区 is cut out of 贵安新区 (a hole in its 马场 part). 贵安新区 has three parts
(马场 in 平坝区, 湖潮 in 清镇市, 党武 in 花溪区), 贵阳高新区 two (金阳 in 观山湖区, 沙文 in 白云区). Each zone is drawn
around the land its parcels take, so that they cover about half of it (as in a largely built-out zone; roads and
the blocks' margins take much of the rest).

### Parcels (both deliveries)
| field | meaning, unit |
|---|---|
| ZDDM | parcel code, 19 characters: district adcode (6) + town (3) + 街坊 (3) + `GB` + serial (5) |
| ZL | location (坐落) |
| DLBM / DLMC | land-use code and name, GB/T 21010-2017 (`0601` 工业, `0604` 仓储, `0508` 物流仓储, `05H1` 商业服务业, `0810` 公园与绿地); in the GeoPackage `YDYHDM` / `YDYHMC` with 用地用海 codes (`1001`, `1101`, `0901`, `1401`) |
| ZDMJ | declared area, m², planar in the delivery's Gauss-Krüger CRS, 0.01 m² |
| RJL | plot ratio as built (0 when not built) |
| GYZT | supply status `储备`, `批而未供`, `已供应`, `在建`, `已投产`, `闲置` |
| PZRQ / CBRQ / GYRQ | approval / land-reserve / supply dates |
| GYFS | transfer method `标准地`, `招拍挂`, `协议` (empty when not supplied) |
| TDJG | land price, 万元 |
| YDKGRQ / YDJGRQ | contracted start / completion dates |
| BCKGRQ | start date moved by a supplementary agreement |
| MZYY | idle exemption reason (`政府原因`, `不可抗力`) |
| KFBL / TZBL | developed share of the area / share of the committed investment made, 0..1 |
| TGRQ | work-stopped date |
| BZD | standard land `是`/`否` |
| CNTZQD / CNCCQD / CNSSQD / CNRJL | committed investment intensity (万元/亩), output per 亩 (万元/亩/年), tax per 亩 (万元/亩/年), plot ratio; on vacant 标准地 the control indicators a project must meet |
| JHGDRQ | planned supply date (计划供地日期) of vacant land (储备, 批而未供) |

Parcels lie on road grids (roads 20-40 m) at least 5 m inside their zone; lots are 5-500 亩 with a few extra
vertices. Dates are Date fields, the sample's "today" is 2023-12-31: reserved parcels carry CBRQ, 批而未供 PZRQ,
supplied ones GYRQ (2018-2023), GYFS, TDJG and contracted dates 3-12 months after supply. Parcels supplied in
2018-2020 carry no ledger project; vacant parcels (储备, 批而未供) and green land carry none either. Vacant
parcels carry a planned supply date JHGDRQ (批而未供 2024-01..2025-06, 储备 2024-04..2026-12; 8 % not yet
scheduled), and 35 % of the vacant industrial ones are 标准地 (BZD 是) with their control indicators CNTZQD,
CNCCQD, CNSSQD and CNRJL: what the planner's supply-timing and standard-land rules check (docs/planning.md).

### projects.xlsx / projects.csv
Headers as in the contract. Money in 万元, 用地面积 in 亩 (the linked parcels' ellipsoidal CGCS2000 area,
split between projects sharing a parcel), 综合能耗 in tce, flags `是`/`否`. Projects were signed 2021-2023;
{n_unplaced} are not placed yet (blank 宗地编号). 项目阶段 and the dates agree with the parcels' status
(签约: supplied or idle parcel; 开工/建设: 在建; 投产/达产: 已投产). Fixed-asset investment intensity is spread
around the zone threshold (some projects below it). Funds in place 2021-2023 total {funds:,.0f} 亿元
(of which 贵安 {funds_ga:,.0f} 亿元, manufacturing {funds_ind:,.0f} 亿元), after the plan's 7,090 / 1,300 / 3,550 亿元.
The yearly 亩均 evaluation's columns (增加值, 营业收入 in 万元; 排放量 in t COD; 用电量 in 万千瓦时; 研发经费 in
万元; 规上企业 是/否 by 营业收入 ≥ 2,000 万元) are filled for producing projects (投产/达产) only, drawn with their
own random stream so the other columns do not change; some are blank on purpose (增加值 5 %, 排放量 4 %, 研发经费
4 %, 用电量 3 %) to exercise the evaluation's missing-indicator rule. They are synthetic.

## Planted defects (details and ids in manifest.json)
| kind | count |
|---|---|
{defects}

Everything else is clean: no other overlaps, parcels at least 5 m inside their zone, ZDMJ equal to the planar area,
ledger 用地面积 within 2% of the linked parcels, every project with 固定资产投资.
"""

CONTEXT_README_TEMPLATE = """
## Context layers: roads, rivers, hillshade (SYNTHETIC)

**Not real roads, rivers or terrain.** So that the sample map looks like a place, the generator also writes
context layers. They are invented like everything else here: the road names echo Guiyang's (some real names are
reused, most are made up), but no road, river or hill lies where these do. Never use them as a basemap for
anything real. Every feature carries `SYNTHETIC` = 1 and the GeoPackage layers say so in their description.
They are drawn from their own random stream (seed {seed_ctx}), after everything above: the files above are the
same with or without them. They add about 3 s to the bundled sample's CPU time; scale mode does not write them.

| file | content | CRS |
|---|---|---|
| `context.gpkg` | layer `roads_trunk`: {n_trunk} LineStrings, 主干道/快速路 linking the zones ({n_routes} routes: {trunk_names}) | EPSG:4545 (as `zones.shp`) |
| | layer `roads_primary`: {n_primary} LineStrings, 主干路 of the zones' road grids (about every 850 m) | EPSG:4545 |
| | layer `roads_secondary`: {n_secondary} LineStrings, 次干路: the other gaps between blocks | EPSG:4545 |
| | layer `rivers`: {n_rivers} LineStrings ({river_names}), meandering, clear of every parcel | EPSG:4545 |
| `hillshade.tif` | {hs_w} x {hs_h} px of {px:.0f} m, 8-bit grey, one band, tiled 256 x 256, DEFLATE, internal overviews 2-16: a hillshade (azimuth {az:.0f}°, altitude {alt:.0f}°, z x {zf}) of a made-up karst terrain (broad undulation, ridges and clusters of cone hills, flatter over the zones and along the rivers) covering every zone plus {margin:.0f} km ({margin_s:.0f} km to the south) | EPSG:4545 |
| `styles/*.json` | one style per layer for `parkatlas import --reference --style` | — |

Fields of the road layers: `NAME` (road name, text), `CLASS` (`trunk`, `primary` or `secondary`), `SYNTHETIC`
(Integer/Boolean, always 1); `rivers` has `NAME` and `SYNTHETIC`. A road is one straight run along a grid line
(a grid line may be cut into several runs, all with its name) or, for `roads_trunk`, one leg between two zones or
points, so several features share a name. 主干路 and 次干路 run on the centre lines of the 20-40 m gaps
between blocks that carry parcels (次干路 are named `<part>经N路` along the grid's north-south axis and
`<part>纬N路` along the other); trunk roads leave a zone where one of its 主干路 ends. No road or river runs
through a parcel: the few grid roads that met a parcel moved later (the planted `outside_zone` ones) were cut
there ({n_cut} roads cut, {n_hits} parcels met), and the generator checks that none is crossed.

| style file | content |
|---|---|
{styles}

Import them into a workspace (each `PATH::LAYER` is one reference layer; import the rivers first so that the
roads are drawn over them), and register the hillshade as the basemap:

    parkatlas import -w WS --reference gis-data/context.gpkg::rivers --name 河流 --style gis-data/styles/rivers.json
    parkatlas import -w WS --reference gis-data/context.gpkg::roads_secondary --name 次干路 --style gis-data/styles/roads_secondary.json
    parkatlas import -w WS --reference gis-data/context.gpkg::roads_primary --name 主干路 --style gis-data/styles/roads_primary.json
    parkatlas import -w WS --reference gis-data/context.gpkg::roads_trunk --name 主干道 --style gis-data/styles/roads_trunk.json
    parkatlas import -w WS --basemap gis-data/hillshade.tif

or all of them at once from `context.json` (the list above, with names, styles and the hillshade's opacity; what
`tools/demo` and the viewer's own sample import use):

    parkatlas import -w WS --context gis-data/context.json

or draw the hillshade under one map only: `parkatlas render -w WS --basemap gis-data/hillshade.tif
--basemap-opacity 0.5 --out map.png`.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="gis-data")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--scale", type=int, default=None, help="scale mode: number of parcels")
    ap.add_argument("--layout", choices=("roads", "tessellated"), default="roads",
                    help="scale mode: blocks separated by roads (default) or a tessellated cadastre")
    args = ap.parse_args()
    if args.layout == "tessellated":
        if not args.scale:
            ap.error("--layout tessellated needs --scale N")
        global TESSELLATED
        TESSELLATED = True
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE + "T00:00:00Z")
    gdal.SetConfigOption("DBF_DATE_LAST_UPDATE", FIXED_DATE)
    gdal.SetConfigOption("OGR_SQLITE_JOURNAL", "OFF")
    gdal.PushErrorHandler("CPLQuietErrorHandler")   # GEOS warns about the planted bow-ties; errors still raise
    t0 = time.time()
    b = Builder(args.seed, args.scale)
    b.build_parcels()
    b.cell_index = {(lt["block"], lt["row"], lt["idx"]): i for i, lt in enumerate(b.lots)}
    print(f"laid out {len(b.lots)} parcels in {time.time() - t0:.1f} s", file=sys.stderr)
    if not args.scale:
        b.plant_parcel_defects()
    for lt in b.lots:
        if "wkb" not in lt:
            b.finish_geometry(lt)
    b.build_ledger()
    if not args.scale:
        b.plant_ledger_defects()
    add_evaluation_figures(b)
    add_planning_attributes(b)
    b.finalise_parcels()
    if not args.scale:
        b.note_supplements()
        b.verify_bundled()
        ctx = write_bundled(b, args.out)
        print("context: " + ", ".join(f"{k} {v}" for k, v in ctx.stats.items()), file=sys.stderr)
    else:
        write_scale(b, args.out)
    print(f"wrote {args.out}: {len(b.lots)} parcels, {len(b.projects)} projects in {time.time() - t0:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()

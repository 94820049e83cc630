#include "render/i18n.hpp"
#include "core/evaluation/grade.hpp"

#include <cstring>
#include <map>
#include <string_view>

namespace pa::render {

namespace {

struct Entry {
    const char* zh;
    const char* en;
};

const std::map<std::string_view, Entry>& table() {
    static const std::map<std::string_view, Entry> t = {
        // map furniture and picture
        {"app.title", {"ParkAtlas 园区地图", "ParkAtlas park map"}},
        {"map.note.default", {"示意图 · 内部资料", "Sketch map · internal use"}},
        {"map.source", {"数据来源", "Data source"}},
        {"map.north", {"北", "N"}},
        {"map.parcels", {"宗", "parcels"}},
        {"map.mu", {"亩", "mu"}},
        {"map.zone_all", {"全部开发区", "All zones"}},
        {"legend.count", {"宗数", "Parcels"}},
        {"legend.area", {"面积(亩)", "Area (mu)"}},
        {"legend.total", {"合计", "Total"}},
        {"legend.projects", {"项目(按投资额)", "Projects (by investment)"}},
        {"legend.zone", {"开发区边界", "Zone boundary"}},
        {"legend.filtered", {"未入选", "Filtered out"}},
        // clustering, heat map, industry chains (ui/panel_cluster, panel_heatmap, panel_chains)
        {"menu.analysis", {"分析", "Analysis"}},
        {"panel.cluster", {"产业集聚", "Industry clusters"}},
        {"panel.heat", {"热力图", "Heat map"}},
        {"panel.chains", {"产业链", "Industry chains"}},
        {"cl.industry", {"产业", "Industries"}},
        {"cl.all", {"全部产业", "All industries"}},
        {"cl.n_industries", {"个产业", "industries"}},
        {"cl.industries", {"产业构成", "Industries"}},
        {"cl.per_industry", {"各产业分别聚类", "Each industry on its own"}},
        {"cl.eps", {"距离阈值", "Distance (eps)"}},
        {"cl.min_points", {"最少项目数", "Min points"}},
        {"cl.weight", {"按固定资产投资加权", "Weight by investment"}},
        {"cl.of.projects", {"项目", "Projects"}},
        {"cl.of.parcels", {"宗地", "Parcels"}},
        {"cl.metric.centroid", {"中心点距离", "Centroids"}},
        {"cl.metric.edge", {"地块边缘距离", "Parcel edges"}},
        {"cl.hull", {"集聚范围", "Hull"}},
        {"cl.hull.concave", {"凹包", "Concave hull"}},
        {"cl.hull.convex", {"凸包", "Convex hull"}},
        {"cl.ratio", {"凹度", "Ratio"}},
        {"cl.show_hulls", {"在地图上显示集聚范围", "Show hulls on the map"}},
        {"cl.computing", {"计算中…", "Computing…"}},
        {"cl.clusters", {"个集聚区", "clusters"}},
        {"cl.noise", {"离散点", "noise"}},
        {"cl.none",
         {"没有集聚区：加大距离阈值或减少最少项目数。",
          "No clusters: widen the distance or lower the minimum."}},
        {"cl.main", {"主导产业", "Main industry"}},
        {"cl.members", {"成员", "Members"}},
        {"cl.invest_yi", {"投资(亿元)", "Invest (100M CNY)"}},
        {"cl.card", {"集聚区", "Cluster"}},
        {"heat.on", {"显示热力图", "Show the heat map"}},
        {"heat.bandwidth", {"带宽", "Bandwidth"}},
        {"heat.weight", {"权重", "Weight"}},
        {"heat.w.invest", {"固定资产投资", "Fixed-asset investment"}},
        {"heat.w.output", {"年产值", "Annual output"}},
        {"heat.w.count", {"项目数", "Project count"}},
        {"heat.opacity", {"不透明度", "Opacity"}},
        {"heat.points", {"个点", "points"}},
        {"heat.low", {"低", "Low"}},
        {"heat.high", {"峰值", "Peak"}},
        {"heat.unit.wan", {"万元/平方公里", "10k CNY/km²"}},
        {"heat.unit.count", {"个/平方公里", "per km²"}},
        {"ch.distance", {"配套距离", "Link distance"}},
        {"ch.links", {"在地图上显示链接", "Show links on the map"}},
        {"ch.gaps_only", {"只看缺链(补链)", "Only gaps (补链)"}},
        {"ch.config", {"配置", "Config"}},
        {"ch.n_links", {"条链接", "links"}},
        {"ch.n_firms", {"家企业", "firms"}},
        {"ch.n_gaps", {"处缺链", "gaps"}},
        {"ch.zone", {"开发区", "Zone"}},
        {"ch.pair", {"上游 → 下游", "Upstream → downstream"}},
        {"ch.firms", {"上/下游", "Up / down"}},
        {"ch.linkcount", {"区内/跨区", "Local / cross"}},
        {"ch.status", {"状态", "Status"}},
        {"ch.present", {"已成链", "present"}},
        {"ch.nearby", {"邻区配套", "nearby"}},
        {"ch.distant", {"距离过远", "too far apart"}},
        {"ch.missing_downstream", {"缺下游 (补链)", "missing downstream"}},
        {"ch.missing_upstream", {"缺上游 (补链)", "missing upstream"}},
        // viewer panels
        {"menu.file", {"文件", "File"}},
        {"menu.open", {"打开工作区…", "Open workspace…"}},
        {"menu.export", {"导出 PNG", "Export PNG"}},
        {"menu.quit", {"退出", "Quit"}},
        {"menu.view", {"视图", "View"}},
        {"menu.home", {"全图", "Home view"}},
        {"menu.help", {"帮助", "Help"}},
        {"menu.language", {"English", "中文"}},
        {"panel.layers", {"图层与专题", "Layers & themes"}},
        {"panel.legend", {"图例", "Legend"}},
        {"panel.selection", {"宗地信息", "Parcel card"}},
        {"panel.filters", {"筛选与汇总", "Filters & summary"}},
        {"panel.zones", {"开发区列表", "Zones"}},
        {"panel.help", {"快捷键", "Shortcuts"}},
        {"panel.import", {"导入", "Import"}},
        {"panel.problems", {"数据问题", "Data problems"}},
        {"layer.zones", {"开发区", "Zones"}},
        {"layer.parcels", {"宗地", "Parcels"}},
        {"layer.projects", {"项目", "Projects"}},
        {"layer.outlines", {"宗地边线(放大时)", "Parcel outlines (zoomed in)"}},
        {"layer.labels", {"开发区名称", "Zone labels"}},
        {"theme.label", {"专题", "Theme"}},
        {"method.label", {"分级方法", "Classification"}},
        {"method.classes", {"分级数", "Classes"}},
        {"method.manual", {"手动断点(逗号分隔)", "Manual breaks (comma-separated)"}},
        {"filter.zone", {"开发区", "Zone"}},
        {"filter.industry", {"产业", "Industry"}},
        {"filter.stage", {"项目阶段", "Project stage"}},
        {"filter.supply", {"供地状态", "Supply status"}},
        {"filter.kind", {"企业类型", "Enterprise kind"}},
        {"filter.any", {"全部", "All"}},
        {"filter.reset", {"清除筛选", "Clear filters"}},
        {"summary.parcels", {"宗地数", "Parcels"}},
        {"summary.area", {"面积", "Area"}},
        {"summary.invest", {"固定资产投资", "Fixed-asset investment"}},
        {"summary.projects", {"项目数", "Projects"}},
        {"summary.meets", {"达门槛宗数", "Parcels meeting the threshold"}},
        {"summary.links", {"项目-宗地关联", "Project-parcel links"}},
        {"card.code", {"宗地编号", "Parcel code"}},
        {"card.zone", {"所属开发区", "Zone"}},
        {"card.area", {"面积", "Area"}},
        {"card.landuse", {"用地性质", "Land use"}},
        {"card.supply", {"供地状态", "Supply status"}},
        {"card.dates", {"批准/供地/约定开工", "Approved / supplied / contract start"}},
        {"card.projects", {"项目", "Projects"}},
        {"card.invest", {"固定资产投资", "Fixed-asset investment"}},
        {"card.output", {"年产值", "Annual output"}},
        {"card.tax", {"年税收", "Annual tax"}},
        {"card.intensity", {"投资强度", "Investment intensity"}},
        {"card.threshold", {"门槛", "threshold"}},
        {"card.meets", {"达门槛", "meets the threshold"}},
        {"card.short", {"未达门槛，差", "below the threshold by"}},
        {"card.nodata", {"无投资数据", "no investment data"}},
        {"card.none", {"点击地图选择宗地", "Click a parcel on the map"}},
        {"card.zoom", {"缩放到所选", "Zoom to selection"}},
        {"unit.wan", {"万元", "10k CNY"}},
        {"unit.wan_per_mu", {"万元/亩", "10k CNY/mu"}},
        {"unit.mu", {"亩", "mu"}},
        {"status.loading", {"正在打开工作区…", "Opening workspace…"}},
        {"status.importing", {"正在导入…", "Importing…"}},
        {"status.ready", {"就绪", "Ready"}},
        {"status.cursor", {"光标", "Cursor"}},
        {"status.gk", {"高斯-克吕格", "Gauss-Kruger"}},
        {"status.reading_view", {"正在读取视图…", "Reading the view…"}},
        {"status.by_view", {"按视图读取", "Read by view"}},
        {"status.by_view_parcels", {"宗", "parcels"}},
        {"status.by_view_level", {"细节级别", "level of detail"}},
        {"status.by_view_full", {"完整宗地", "every parcel"}},
        {"import.drop",
         {"把图层文件或项目台账拖到窗口即可导入",
          "Drop a layer file or a ledger on the window to import it"}},
        {"import.done", {"导入完成", "Import finished"}},
        {"import.failed", {"导入失败", "Import failed"}},
        {"help.pan", {"拖动：平移", "Drag: pan"}},
        {"help.zoom", {"滚轮：以光标为中心缩放", "Wheel: zoom at the cursor"}},
        {"help.click", {"单击：选择宗地", "Click: select a parcel"}},
        {"help.home", {"Home / H：全图", "Home / H: home view"}},
        {"help.keys_zoom", {"+ / -：放大 / 缩小", "+ / -: zoom in / out"}},
        {"help.arrows", {"方向键：平移", "Arrow keys: pan"}},
        {"help.theme", {"1-6：切换专题", "1-6: switch theme"}},
        {"help.lang", {"L：中文 / English", "L: Chinese / English"}},
        {"help.export", {"P：导出 PNG (2倍)", "P: export PNG (2x)"}},
        {"help.selection",
         {"Z：缩放到所选宗地；Esc：取消选择", "Z: zoom to selection; Esc: clear selection"}},
        {"help.f1", {"F1：快捷键", "F1: shortcuts"}},
        {"help.f11", {"F11：全屏 / 退出全屏", "F11: full screen on / off"}},
        {"help.tab",
         {"Tab：隐藏 / 显示全部面板（演示模式，图例画在地图上）",
          "Tab: hide / show all panels (presentation, legend on the map)"}},
        {"help.quit", {"Ctrl+Q：退出", "Ctrl+Q: quit"}},
        {"menu.fullscreen", {"全屏", "Full screen"}},
        {"menu.presentation", {"演示模式(隐藏面板)", "Presentation (hide panels)"}},
        {"menu.font_scale", {"字号", "Type size"}},
        // land supply, life cycle and targets (panel_timeline.cpp, panel_targets.cpp, panel_vacant.cpp)
        {"panel.timeline", {"供地时间轴", "Land timeline"}},
        {"panel.targets", {"三年倍增目标进度", "2021-2023 targets"}},
        {"panel.vacant", {"可供地查找", "Vacant-land finder"}},
        // planning mode (panel_plan.cpp)
        {"panel.plan", {"项目落地规划", "Plot planning"}},
        {"panel.grade", {"亩均效益评价", "Per-mu evaluation"}},
        {"gr.preset", {"评价办法", "Preset"}},
        {"gr.year", {"评价年度", "Year"}},
        {"gr.computing", {"正在评价…", "Evaluating…"}},
        {"gr.filter", {"显示等级", "Show grades"}},
        {"gr.by_zone", {"各园区等级分布（企业数）", "Grades by zone (enterprises)"}},
        {"gr.graded", {"已评级企业", "Graded enterprises"}},
        {"gr.not_graded", {"未评级", "Not graded"}},
        {"gr.card", {"亩均效益评价", "Per-mu evaluation"}},
        {"gr.score", {"得分", "Score"}},
        {"gr.rank", {"排名", "Rank"}},
        {"gr.group", {"分组", "Group"}},
        {"gr.imputed", {"缺项按组均值计", "missing: the group's mean"}},
        {"gr.use_theme", {"在地图上显示等级", "Show grades on the map"}},
        {"plan.scenario", {"方案", "Scenario"}},
        {"plan.pipeline", {"项目库文件", "Pipeline file"}},
        {"plan.suggest", {"建议方案（最优）", "Suggest (optimal)"}},
        {"plan.running", {"求解中…", "Solving…"}},
        {"plan.solved", {"已求解：", "Solved:"}},
        {"plan.saved", {"已保存方案", "Saved scenario"}},
        {"plan.save", {"保存方案", "Save scenario"}},
        {"plan.undo", {"撤销", "Undo"}},
        {"plan.redo", {"重做", "Redo"}},
        {"plan.placed", {"已落地", "Placed"}},
        {"plan.score", {"得分", "Score"}},
        {"plan.optimal", {"（已证最优）", " (proven optimal)"}},
        {"plan.edited", {"（已手工调整）", " (edited)"}},
        {"plan.fits", {"可落此宗地的项目：", "Projects that fit"}},
        {"plan.none_fits", {"没有项目符合此宗地的全部规则", "No project meets every rule on this parcel"}},
        {"plan.assign", {"落地", "Assign"}},
        {"plan.assignments", {"落地方案", "Assignments"}},
        {"plan.project", {"项目", "Project"}},
        {"plan.parcels", {"宗地", "Parcels"}},
        {"plan.unplaced", {"未落地项目", "Unplaced projects"}},
        {"plan.removed", {"已从方案中移除", "removed from the plan by hand"}},
        {"plan.reoptimise", {"保留锁定重新优化", "Re-optimise (keep locks)"}},
        {"plan.lock", {"锁定", "Lock"}},
        {"plan.not_planable", {"不是可规划的空闲宗地", "not vacant land that can be planned"}},
        {"plan.drag",
         {"把项目拖到地图上的宗地即可落地", "Drag a project onto a parcel of the map to place it"}},
        {"plan.stored", {"已存方案", "Stored"}},
        {"plan.load", {"加载方案", "Load scenario"}},
        {"plan.compare", {"方案对比（左右分屏）", "Compare scenarios (side by side)"}},
        {"shared.db", {"共享数据库", "Shared database"}},
        {"console.title", {"演示者控制台", "Presenter's console"}},
        {"console.step", {"第", "Step"}},
        {"console.not_presenting", {"未在演示", "not presenting"}},
        {"console.next", {"下一步：", "Next:"}},
        {"console.last", {"（最后一步）", "(the last step)"}},
        {"console.total", {"已用时", "Elapsed"}},
        {"console.this_step", {"本步", "this step"}},
        {"console.blanked", {"投影已黑屏（B 恢复）", "Projector blanked (B to show)"}},
        {"console.prev", {"◀ 上一步", "◀ Previous"}},
        {"console.next_button", {"下一步 ▶", "Next ▶"}},
        {"console.blank", {"黑屏 (B)", "Blank (B)"}},
        {"console.start", {"开始演示 (F5)", "Start (F5)"}},
        {"console.stop", {"结束 (Esc)", "End (Esc)"}},
        {"menu.console", {"演示者控制台（第二块屏幕）", "Presenter's console (second screen)"}},
        {"shared.online", {"在线，其他用户的更改会自动刷新", "online: other users' changes refresh the map"}},
        {"shared.offline", {"连接中断，只读显示，正在重连…", "connection lost: read-only, reconnecting…"}},
        {"shared.updated", {"已刷新：", "refreshed:"}},
        {"plan.compare_show", {"对比", "Compare"}},
        {"plan.compare_close", {"关闭对比", "Close"}},
        {"plan.compare_delta", {"差值 B−A", "Change B−A"}},
        {"plan.loaded", {"已加载方案中的落地：", "Loaded placements:"}},
        {"plan.gone", {"项已不再符合规则", "no longer fit"}},
        {"plan.filter", {"筛选（编号/名称/企业/产业）", "Filter (id, name, enterprise, industry)"}},
        {"plan.filter_mu", {"亩（用地范围，0 为不限）", "mu (land range, 0 = any)"}},
        {"plan.flag_standard", {"标准地", "Standard land"}},
        {"plan.flag_digital", {"数字经济", "Digital economy"}},
        {"plan.flag_hq", {"总部", "Headquarters"}},
        {"plan.flag_soe", {"央企", "Central SOE"}},
        {"plan.probe", {"检查项目编号", "Check project id"}},
        {"plan.probe_unknown", {"不在项目库中", "not in the pipeline"}},
        {"plan.probe_ok", {"该宗地单独满足全部规则", "this parcel alone meets every rule"}},
        {"plan.legend_row", {"规划地块（暂定）", "Planned plots (tentative)"}},
        {"plan.legend",
         {"蓝色边框：方案中拟落地的地块（暂定，非实际用地）",
          "Blue outline: plots the plan assigns (tentative, not actual land use)"}},
        {"timeline.as_of", {"截至", "As of"}},
        {"timeline.play", {"播放", "Play"}},
        {"timeline.pause", {"暂停", "Pause"}},
        {"timeline.speed", {"速度(月/秒)", "Speed (months/s)"}},
        {"timeline.signed", {"已签约项目", "Projects signed"}},
        {"timeline.signed_invest", {"签约总投资", "Investment signed"}},
        {"timeline.funds", {"到位资金(年度数按月平摊)", "Funds in place (yearly figures spread by month)"}},
        {"layer.references", {"参考图层(道路、河流等)", "Reference layers (roads, rivers…)"}},
        {"layer.basemaps", {"底图", "Basemaps"}},
        {"layer.unreachable", {"本机无法访问", "Not reachable from this machine"}},
        {"layer.basemap_opacity", {"底图不透明度", "Basemap opacity"}},
        {"layer.basemap_grey", {"灰度", "Grey"}},
        {"map.org", {"制图单位", "Map by"}},
        {"map.date", {"制图日期", "Date"}},
        {"menu.export_pdf", {"导出打印页 PDF (A3)", "Export print page PDF (A3)"}},
        {"menu.export_video", {"导出供地时间轴视频 (MP4)", "Export the replay as video (MP4)"}},
        {"menu.monitor", {"全屏显示到显示器", "Full screen on monitor"}},
        {"panel.story", {"演示脚本", "Storyboard"}},
        {"story.add", {"添加当前视图", "Add current view"}},
        {"story.play", {"从头播放 (F5)", "Present from start (F5)"}},
        {"story.play_here", {"从此处播放", "Present from here"}},
        {"story.auto", {"按设定秒数自动翻页", "Auto-advance after each step's seconds"}},
        {"story.keys",
         {"翻页：PageDown/→/空格 下一页，PageUp/← 上一页，B 黑屏，Esc 结束",
          "PageDown/→/Space next, PageUp/← previous, B blank, Esc end"}},
        {"story.delete", {"删除此视图", "Delete this view"}},
        {"story.name", {"名称", "Name"}},
        {"story.title", {"标题", "Title"}},
        {"story.subtitle", {"副标题", "Subtitle"}},
        {"story.seconds", {"自动翻页(秒, 0=手动)", "Auto-advance (s, 0 = by hand)"}},
        {"story.replace", {"用当前视图替换", "Replace by the current view"}},
        {"story.name_taken", {"名称为空或已被使用", "That name is empty or taken"}},
        {"story.empty", {"演示脚本为空：先添加视图", "The storyboard is empty: add a view first"}},
        {"story.view", {"视图", "View"}},
        {"anim.funds", {"到位资金", "Funds in place"}},
        {"anim.note",
         {"示意图 · 到位资金为年度数按月平摊 · 内部资料",
          "Schematic · yearly funds spread by month · internal"}},
        {"timeline.idle", {"闲置宗地(红框)", "Idle parcels (red outline)"}},
        {"timeline.vacant", {"可供地", "Vacant land"}},
        {"timeline.computing", {"正在计算各月土地状态…", "Computing the land state of each month…"}},
        {"timeline.show_idle", {"标出闲置宗地", "Outline idle parcels"}},
        {"targets.funds", {"到位资金", "Funds in place"}},
        {"targets.industrial", {"产业到位资金", "Industrial funds in place"}},
        {"targets.by_year", {"分年度到位资金(亿元)", "Funds in place by year (100M CNY)"}},
        {"targets.cumulative", {"累计到位资金 vs 目标(亿元)", "Cumulative funds vs target (100M CNY)"}},
        {"targets.by_zone", {"分开发区到位资金(亿元)", "Funds in place by zone (100M CNY)"}},
        {"targets.counts", {"企业与项目数量目标", "Firm and project targets"}},
        {"targets.whole", {"全市", "Whole city"}},
        {"targets.guian", {"贵安", "Gui'an"}},
        {"targets.target", {"目标", "Target"}},
        {"targets.actual", {"完成", "Actual"}},
        {"targets.progress", {"完成率", "Progress"}},
        {"targets.quality", {"优强企业", "Quality firms"}},
        {"targets.hq", {"总部企业", "Headquarters firms"}},
        {"targets.digital", {"数字经济项目", "Digital-economy projects"}},
        {"targets.soe", {"央企项目总投资(亿元)", "Central-SOE investment (100M CNY)"}},
        {"targets.growth", {"年增长", "Growth"}},
        {"targets.none", {"无台账数据", "No ledger data"}},
        {"unit.yi", {"亿元", "100M CNY"}},
        {"vacant.zone", {"开发区", "Zone"}},
        {"vacant.min_mu", {"最小面积(亩)", "Min area (mu)"}},
        {"vacant.max_mu", {"最大面积(亩)", "Max area (mu)"}},
        {"vacant.landuse", {"用地性质", "Land use"}},
        {"vacant.standard", {"标准地", "Standard land"}},
        {"vacant.any", {"不限", "Any"}},
        {"vacant.yes", {"是", "Yes"}},
        {"vacant.no", {"否", "No"}},
        {"vacant.search", {"查找", "Search"}},
        {"vacant.hits", {"宗可供地", "vacant parcels"}},
        {"vacant.zoom", {"缩放到结果", "Zoom to hits"}},
        {"vacant.highlight", {"在地图上标出", "Highlight on the map"}},
        {"vacant.export", {"导出", "Export"}},
        {"vacant.exported", {"已导出", "Exported"}},
        {"vacant.code", {"宗地编号", "Parcel"}},
        {"vacant.area", {"面积(亩)", "Area (mu)"}},
        {"vacant.stage", {"状态", "State"}},
        {"vacant.as_of", {"截至日期(时间轴)", "As of (timeline date)"}},
        {"landuse.industrial", {"工业", "Industrial"}},
        {"landuse.storage", {"仓储", "Storage"}},
        {"landuse.mining", {"采矿", "Mining"}},
        {"landuse.commercial", {"商服", "Commercial"}},
        {"landuse.other", {"其他", "Other"}},
        {"landuse.residential", {"住宅", "Residential"}},
        {"landuse.public", {"公共服务", "Public"}},
        {"landuse.green", {"绿地", "Green space"}},
        {"landuse.transport", {"交通", "Transport"}},
        {"landuse.agricultural", {"农用地", "Agricultural"}},
    };
    return t;
}

}  // namespace

Lang lang_from_string(const std::string& s) {
    return s == "en" ? Lang::En : Lang::Zh;
}

const char* tr(const char* key, Lang lang) {
    auto it = table().find(key);
    if (it == table().end()) return key;
    return lang == Lang::En ? it->second.en : it->second.zh;
}

std::string default_map_title(const std::vector<Zone>& zones, const std::string& zone_code, analysis::Theme t,
                              Lang lang) {
    std::string where = tr("map.zone_all", lang);
    for (const auto& z : zones)
        if (!zone_code.empty() && z.code == zone_code)
            where = lang == Lang::En && !z.name_en.empty() ? z.name_en : z.name_zh;
    return where + " · " + theme_title(t, lang);
}

const char* theme_title(analysis::Theme t, Lang l) {
    using analysis::Theme;
    const bool en = l == Lang::En;
    switch (t) {
        case Theme::InvestIntensity:
            return en ? "Fixed-asset investment intensity" : "固定资产投资强度";
        case Theme::OutputIntensity:
            return en ? "Output per mu" : "亩均产出";
        case Theme::TaxPerMu:
            return en ? "Tax per mu" : "亩均税收";
        case Theme::Compliance:
            return en ? "Compliance with the zone threshold" : "投资强度达标情况";
        case Theme::SupplyStatus:
            return en ? "Land supply status" : "土地供应状态";
        case Theme::Industry:
            return en ? "Industry" : "产业类别";
        case Theme::LandState:
            return en ? "Land state (as of a date)" : "土地状态(按日期)";
        case Theme::Grade:
            return en ? "Per-mu evaluation grade" : "亩均效益评价等级";
        case Theme::Fulfilment:
            return en ? "Land contract commitments (fulfilment)" : "供地承诺履约情况";
    }
    return "?";
}

const char* theme_unit(analysis::Theme t, Lang l) {
    return analysis::is_numeric(t) ? tr("unit.wan_per_mu", l) : "";
}

const char* method_title(analysis::Method m, Lang l) {
    using analysis::Method;
    const bool en = l == Lang::En;
    switch (m) {
        case Method::ZoneThreshold:
            return en ? "Zone thresholds (300 / 500)" : "开发区门槛 (300 / 500)";
        case Method::Quantile:
            return en ? "Quantiles" : "分位数";
        case Method::EqualInterval:
            return en ? "Equal interval" : "等间距";
        case Method::Jenks:
            return en ? "Jenks natural breaks" : "自然断点 (Jenks)";
        case Method::Manual:
            return en ? "Manual breaks" : "手动断点";
    }
    return "?";
}

std::vector<std::string> all_ui_strings() {
    std::vector<std::string> out;
    for (const auto& [k, e] : table()) {
        out.emplace_back(e.zh);
        out.emplace_back(e.en);
    }
    for (auto t : analysis::all_themes()) {
        out.emplace_back(theme_title(t, Lang::Zh));
        out.emplace_back(theme_title(t, Lang::En));
    }
    using analysis::Method;
    for (auto m :
         {Method::ZoneThreshold, Method::Quantile, Method::EqualInterval, Method::Jenks, Method::Manual}) {
        out.emplace_back(method_title(m, Lang::Zh));
        out.emplace_back(method_title(m, Lang::En));
    }
    // Category labels of the classification (compliance, supply status, numeric units).
    out.emplace_back("未达标达标无数据不适用储备批而未供已供应在建已投产闲置未知其他产业无项目全部≥–<");
    // Land-state classes (land_state_replay.hpp) and the idle/exempt words of the timeline panel.
    out.emplace_back(
        "可供地(空闲)"
        "储备批而未供供而未用用而未尽建而未投投而未达标达标未入库闲置可无偿收回免责计时中逾期未动工中止开发疑"
        "似可能（待认定）未到期");
    // The grade theme, panel and card (亩均效益评价).
    out.emplace_back("亩均效益评价等级类未评级无企业得分排名分组规上规下指标权重基准插补年度分布");
    out.emplace_back("投产(无数据)投产(非工业)逾期未建成");
    for (int i = 0; i < evaluation::kIndicatorCount; ++i)  // the evaluation card's score parts
        out.push_back(evaluation::indicator_label(static_cast<evaluation::Indicator>(i), false));
    // The card's 履约 section (ui/panel_grade.cpp) and the fulfilment theme.
    out.emplace_back(
        "供地承诺履约承诺指标承诺值实际值差距已履约未履约缺数据未到考核无承诺投资强度亩均产值税收容积率竣工达"
        "产");
    return out;
}

}  // namespace pa::render

#include "core/io/field_map.hpp"

#include <cctype>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/common/json_file.hpp"

#include "core/common/error.hpp"
#include "core/io/values.hpp"

namespace pa::io {

namespace {

std::string fold(const std::string& s) {
    std::string out = trim(to_half_width(s));
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const std::vector<FieldSpec> kZones = {
    {"code", {"CODE", "ZONE_CODE", "KFQDM", "开发区代码", "园区代码", "编码", "代码"}},
    {"name", {"NAME", "NAME_ZH", "KFQMC", "开发区名称", "园区名称", "名称", "zone_name"}},
    {"name_en", {"NAME_EN", "ENAME", "英文名称"}},
    {"level", {"LEVEL", "JB", "级别", "开发区级别", "园区级别"}},
    {"threshold", {"THRESHOLD", "TZQD", "投资强度", "投资强度门槛", "threshold_wan_per_mu"}},
    {"industries", {"INDUSTRY", "INDUSTRIES", "主导产业", "产业"}},
    {"host", {"HOST", "所在区县", "所在地"}},
    {"part", {"PART", "PART_NAME", "PQMC", "片区", "片区名称", "组团", "组团名称"}},
};

const std::vector<FieldSpec> kParcels = {
    {"code", {"ZDDM", "宗地编号", "宗地代码", "parcel_code", "code", "DKBH", "地块编号"}},
    {"code_survey", {"BSM", "标识码"}},  // fallback only (survey layers): a warning when used
    {"location", {"ZL", "坐落", "location"}},
    {"landuse_code_gbt", {"DLBM", "地类编码", "TDYT_DM"}},
    {"landuse_code_ydyh", {"YDYHDM", "YDYHFL", "YDYHFLDM", "用地用海代码", "用地用海分类代码"}},
    {"landuse_code", {"landuse_code", "用地类型代码", "YTDM", "土地用途代码"}},
    {"landuse_name", {"DLMC", "YDYHMC", "地类名称", "用地类型", "landuse_name", "YT", "土地用途"}},
    {"declared_area_planar", {"ZDMJ", "宗地面积", "declared_area_m2"}},
    {"declared_area_ellipsoidal", {"TBMJ", "图斑面积"}},
    {"plot_ratio", {"RJL", "容积率", "plot_ratio"}},
    {"supply_status", {"GYZT", "供应状态", "supply_status"}},
    {"approval_date", {"PZRQ", "批准日期", "approval_date"}},
    {"reserve_date", {"CBRQ", "收储日期", "reserve_date"}},
    {"supply_date", {"GYRQ", "供地日期", "supply_date"}},
    {"transfer_method", {"GYFS", "供应方式", "出让方式", "transfer_method"}},
    {"land_price_wan", {"TDJG", "土地价格", "成交价格", "land_price_wan"}},
    {"contract_start_date", {"YDKGRQ", "约定开工日期", "contract_start_date"}},
    {"contract_completion_date", {"YDJGRQ", "约定竣工日期", "contract_completion_date"}},
    {"supplement_start_date", {"BCKGRQ", "补充协议开工日期", "supplement_start_date"}},
    {"exempt_reason", {"MZYY", "免责原因", "exempt_reason"}},
    {"exempt_until", {"MZJZRQ", "免责截止日期", "免责原因消除日期", "exempt_until"}},
    {"planned_supply_date", {"JHGDRQ", "计划供地日期", "拟供地日期", "planned_supply_date"}},
    {"developed_share", {"KFBL", "开发比例", "developed_share"}},
    {"invested_share", {"TZBL", "投资比例", "invested_share"}},
    {"work_stopped_date", {"TGRQ", "停工日期", "work_stopped_date"}},
    {"standard_land", {"BZD", "标准地", "standard_land"}},
    {"committed_invest_wan_per_mu", {"CNTZQD", "承诺投资强度", "committed_invest_wan_per_mu"}},
    {"committed_output_wan_per_mu", {"CNCCQD", "承诺亩均产出", "committed_output_wan_per_mu"}},
    {"committed_tax_wan_per_mu", {"CNSSQD", "承诺亩均税收", "committed_tax_wan_per_mu"}},
    {"committed_plot_ratio", {"CNRJL", "承诺容积率", "committed_plot_ratio"}},
};

const std::vector<FieldSpec> kLedger = {
    {"project_id", {"项目编号", "project_id", "XMBH", "项目代码", "编号"}},
    {"name", {"项目名称", "project_name", "name", "XMMC"}},
    {"enterprise", {"企业名称", "enterprise", "company", "QYMC", "单位名称"}},
    {"credit_code", {"统一社会信用代码", "credit_code", "TYSHXYDM", "信用代码"}},
    {"zone_name", {"所属园区", "园区", "zone_name", "zone", "开发区", "所在园区"}},
    {"parcel_codes", {"宗地编号", "宗地代码", "ZDDM", "parcel_code", "parcel_codes", "地块编号"}},
    {"industry", {"产业类别", "industry", "行业类别", "所属产业", "产业"}},
    {"enterprise_kind", {"企业类型", "enterprise_kind", "企业性质"}},
    {"stage", {"项目阶段", "stage", "项目状态", "进展阶段"}},
    {"sign_date", {"签约日期", "sign_date", "签约时间"}},
    {"planned_start_date", {"计划开工日期", "planned_start_date"}},
    {"actual_start_date", {"实际开工日期", "actual_start_date", "开工日期"}},
    {"planned_production_date", {"计划投产日期", "planned_production_date"}},
    {"actual_production_date", {"实际投产日期", "actual_production_date", "投产日期"}},
    {"work_stopped_date", {"停工日期", "work_stopped_date"}},
    {"total_invest_wan", {"总投资", "计划总投资", "total_invest_wan", "总投资(万元)", "总投资（万元）"}},
    {"fixed_invest_wan", {"固定资产投资", "fixed_invest_wan", "固定资产投资(万元)", "固定资产投资（万元）"}},
    {"funds_2021_wan", {"到位资金_2021", "到位资金2021", "2021年到位资金", "funds_2021_wan"}},
    {"funds_2022_wan", {"到位资金_2022", "到位资金2022", "2022年到位资金", "funds_2022_wan"}},
    {"funds_2023_wan", {"到位资金_2023", "到位资金2023", "2023年到位资金", "funds_2023_wan"}},
    {"land_area_mu", {"用地面积", "land_area_mu", "用地面积(亩)", "用地面积（亩）", "占地面积"}},
    {"output_wan", {"年产值", "output_wan", "产值", "年产值(万元)", "年产值（万元）"}},
    {"tax_wan", {"年税收", "tax_wan", "税收", "年税收(万元)", "年税收（万元）"}},
    {"jobs", {"就业人数", "jobs", "从业人数", "从业人员", "用工人数", "从业人员(人)", "从业人员（人）"}},
    {"energy_tce", {"综合能耗", "energy_tce", "能耗", "综合能耗(吨标准煤)", "综合能耗（吨标准煤）"}},
    {"value_added_wan", {"增加值", "工业增加值", "value_added_wan", "增加值(万元)", "增加值（万元）"}},
    {"revenue_wan",
     {"营业收入", "主营业务收入", "销售收入", "revenue_wan", "营业收入(万元)", "营业收入（万元）"}},
    {"emission_t", {"排放量", "污染物排放量", "emission_t", "排放量(吨)", "排放量（吨）", "COD排放量"}},
    {"electricity_wan_kwh",
     {"用电量", "electricity_wan_kwh", "用电量(万千瓦时)", "用电量（万千瓦时）", "用电量(万kWh)"}},
    {"rd_wan", {"研发经费", "研发经费支出", "R&D经费", "rd_wan", "研发经费(万元)", "研发经费（万元）"}},
    {"floor_area_m2",
     {"建筑面积", "floor_area_m2", "建筑面积(平方米)", "建筑面积（平方米）", "建筑面积(㎡)"}},
    {"above_scale", {"规上企业", "规上", "规模以上", "above_scale"}},
    {"quality_firm", {"优强企业", "quality_firm"}},
    {"headquarters", {"总部企业", "headquarters"}},
    {"digital_economy", {"数字经济", "digital_economy"}},
    {"central_soe", {"央企", "central_soe", "央企项目"}},
    {"lon", {"lon", "lng", "longitude", "经度", "x"}},
    {"lat", {"lat", "latitude", "纬度", "y"}},
};

const std::vector<FieldSpec> kPipeline = {
    {"project_id", {"项目编号", "project_id", "XMBH", "项目代码", "编号"}},
    {"name", {"项目名称", "project_name", "name", "XMMC"}},
    {"enterprise", {"企业名称", "enterprise", "company", "QYMC"}},
    {"credit_code", {"统一社会信用代码", "credit_code", "TYSHXYDM"}},
    {"industry", {"产业类别", "industry", "所属产业", "产业"}},
    {"land_use", {"用地类型", "land_use", "用地性质", "landuse"}},
    {"min_area_mu", {"最小用地(亩)", "最小用地（亩）", "最小用地", "min_area_mu"}},
    {"max_area_mu", {"最大用地(亩)", "最大用地（亩）", "最大用地", "max_area_mu"}},
    {"fixed_invest_wan", {"固定资产投资(万元)", "固定资产投资（万元）", "固定资产投资", "fixed_invest_wan"}},
    {"output_wan", {"达产产值(万元)", "达产产值（万元）", "达产产值", "output_wan"}},
    {"tax_wan", {"达产税收(万元)", "达产税收（万元）", "达产税收", "tax_wan"}},
    {"energy_tce", {"综合能耗(吨标准煤/年)", "综合能耗（吨标准煤/年）", "综合能耗", "energy_tce"}},
    {"plot_ratio", {"容积率", "plot_ratio"}},
    {"preferred_zone", {"意向开发区", "意向园区", "preferred_zone"}},
    {"earliest_start", {"最早开工", "最早开工时间", "earliest_start"}},
    {"standard_land", {"标准地", "standard_land"}},
    {"digital_economy", {"数字经济", "digital_economy"}},
    {"headquarters", {"总部", "总部企业", "headquarters"}},
    {"central_soe", {"央企", "central_soe"}},
};

}  // namespace

const char* to_string(LayerKind k) {
    switch (k) {
        case LayerKind::Zones:
            return "zones";
        case LayerKind::Parcels:
            return "parcels";
        case LayerKind::Ledger:
            return "ledger";
        case LayerKind::Pipeline:
            return "pipeline";
    }
    return "parcels";
}

const std::vector<FieldSpec>& field_specs(LayerKind kind) {
    switch (kind) {
        case LayerKind::Zones:
            return kZones;
        case LayerKind::Parcels:
            return kParcels;
        case LayerKind::Ledger:
            return kLedger;
        case LayerKind::Pipeline:
            return kPipeline;
    }
    return kParcels;
}

std::vector<ResolvedField> resolve_fields(LayerKind kind, const std::vector<std::string>& source_fields,
                                          const std::string& mapping_file) {
    std::vector<std::string> folded;
    folded.reserve(source_fields.size());
    for (const auto& f : source_fields) folded.push_back(fold(f));
    auto find = [&](const std::string& name) -> int {
        const std::string f = fold(name);
        for (size_t i = 0; i < folded.size(); ++i)
            if (folded[i] == f) return static_cast<int>(i);
        return -1;
    };

    nlohmann::json overrides = nlohmann::json::object();
    if (!mapping_file.empty()) {
        const nlohmann::json j = read_json_file(mapping_file, "field mapping file '" + mapping_file + "'",
                                                "write it as {\"parcels\": {\"code\": \"MY_FIELD\"}}.");
        if (j.is_object() && j.contains(to_string(kind)) && j[to_string(kind)].is_object())
            overrides = j[to_string(kind)];
    }

    std::vector<ResolvedField> out;
    for (const FieldSpec& spec : field_specs(kind)) {
        ResolvedField r;
        r.canonical = spec.canonical;
        if (overrides.contains(spec.canonical) && overrides[spec.canonical].is_string()) {
            const std::string want = overrides[spec.canonical].get<std::string>();
            r.index = find(want);
            if (r.index < 0)
                throw InputError("The field mapping file '" + mapping_file + "' maps " + to_string(kind) +
                                 " field '" + spec.canonical + "' to '" + want +
                                 "', which the source does not have; correct the mapping.");
        } else {
            for (const char* a : spec.aliases) {
                r.index = find(a);
                if (r.index >= 0) break;
            }
        }
        if (r.index >= 0) r.source = source_fields[static_cast<size_t>(r.index)];
        out.push_back(std::move(r));
    }
    // A mapping key for "declared_area" is accepted as the planar declared area (ZDMJ-like).
    if (kind == LayerKind::Parcels && overrides.contains("declared_area") &&
        overrides["declared_area"].is_string()) {
        const std::string want = overrides["declared_area"].get<std::string>();
        const int idx = find(want);
        if (idx < 0)
            throw InputError("The field mapping file '" + mapping_file +
                             "' maps parcels field 'declared_area' to '" + want +
                             "', which the source does not have; correct the mapping.");
        for (auto& r : out)
            if (r.canonical == "declared_area_planar") {
                r.index = idx;
                r.source = want;
            }
    }
    return out;
}

int field_index(const std::vector<ResolvedField>& fields, const std::string& canonical) {
    for (const auto& f : fields)
        if (f.canonical == canonical) return f.index;
    return -1;
}

}  // namespace pa::io

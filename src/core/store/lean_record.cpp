#include "core/store/lean_record.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <thread>

#include "core/common/prefault.hpp"

namespace pa::store {

namespace {

constexpr uint32_t kMagic = 0x4c415041;  // "APAL"
constexpr uint32_t kVersion = 1;

// One parcel's fixed part (the strings as indices into the dictionary, the code in the code area).
struct Fixed {
    int64_t id;
    double area_m2, area_mu, centroid_lon, centroid_lat;
    double invest, output, tax, jobs, invest_mu, output_mu, tax_mu, jobs_mu, threshold;  // NaN: none
    double box[4];  // min lon, lat, max lon, lat
    int32_t project_count;
    uint32_t code_at, code_len;
    uint16_t zone, industry, stage, kind;  // dictionary indices
    uint8_t landuse, supply, compliance, has_box;
};

template <class T>
void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool get(std::string_view in, size_t& at, T& v) {
    if (at + sizeof v > in.size()) return false;
    std::memcpy(&v, in.data() + at, sizeof v);
    at += sizeof v;
    return true;
}

}  // namespace

LeanPieces serialize_lean_pieces(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes) {
    std::vector<std::string> dict;
    std::map<std::string, uint16_t> index;
    auto word = [&](const std::string& s) -> uint16_t {
        auto [it, fresh] = index.try_emplace(s, static_cast<uint16_t>(dict.size()));
        if (fresh) dict.push_back(s);
        return it->second;
    };
    LeanPieces out;
    std::string& codes = out.codes;
    size_t code_bytes = 0;
    for (const Parcel& p : parcels) code_bytes += p.code.size();
    codes.reserve(code_bytes);
    out.fixed.resize(parcels.size() * sizeof(Fixed));  // written record by record, never grown
    for (size_t i = 0; i < parcels.size(); ++i) {
        const Parcel& p = parcels[i];
        const ParcelStats& s = p.stats;
        Fixed f{p.id,
                p.area_m2,
                p.area_mu,
                p.centroid_lon,
                p.centroid_lat,
                *s.invest_wan,
                *s.output_wan,
                *s.tax_wan,
                *s.jobs,
                *s.invest_wan_per_mu,
                *s.output_wan_per_mu,
                *s.tax_wan_per_mu,
                *s.jobs_per_mu,
                s.threshold_wan_per_mu,
                {0, 0, 0, 0},
                s.project_count,
                static_cast<uint32_t>(codes.size()),
                static_cast<uint32_t>(p.code.size()),
                word(p.zone_code),
                word(s.industry),
                word(s.stage),
                word(s.enterprise_kind),
                static_cast<uint8_t>(p.landuse),
                static_cast<uint8_t>(p.supply_status),
                static_cast<uint8_t>(s.compliance),
                0};
        if (i < boxes.size() && !boxes[i].empty()) {
            f.box[0] = boxes[i].min_lon, f.box[1] = boxes[i].min_lat, f.box[2] = boxes[i].max_lon;
            f.box[3] = boxes[i].max_lat;
            f.has_box = 1;
        }
        std::memcpy(out.fixed.data() + i * sizeof(Fixed), &f, sizeof f);
        codes += p.code;
        if (dict.size() > 65000) return {};  // not a workspace this record is for: read the rows
    }
    std::string& head = out.head;
    put(head, kMagic);
    put(head, kVersion);
    put(head, static_cast<uint64_t>(parcels.size()));
    put(head, static_cast<uint32_t>(dict.size()));
    for (const auto& w : dict) {
        put(head, static_cast<uint32_t>(w.size()));
        head += w;
    }
    put(head, static_cast<uint64_t>(codes.size()));
    return out;
}

std::string serialize_lean(const std::vector<Parcel>& parcels, const std::vector<BBox>& boxes) {
    const LeanPieces p = serialize_lean_pieces(parcels, boxes);
    return p.head + p.codes + p.fixed;
}

bool deserialize_lean(std::string_view in, std::vector<Parcel>& parcels, std::vector<BBox>& boxes,
                      unsigned threads) {
    parcels.clear();
    boxes.clear();
    size_t at = 0;
    uint32_t magic = 0, version = 0, words = 0;
    uint64_t n = 0, code_bytes = 0;
    if (!get(in, at, magic) || magic != kMagic || !get(in, at, version) || version != kVersion ||
        !get(in, at, n) || !get(in, at, words))
        return false;
    std::vector<std::string> dict(words);
    for (auto& w : dict) {
        uint32_t len = 0;
        if (!get(in, at, len) || at + len > in.size()) return false;
        w.assign(in.data() + at, len);
        at += len;
    }
    if (!get(in, at, code_bytes) || at + code_bytes > in.size()) return false;
    const std::string_view codes = in.substr(at, code_bytes);
    at += code_bytes;
    if (in.size() - at != n * sizeof(Fixed)) return false;
    const char* fixed = in.data() + at;
    // a million Parcels are hundreds of MB: their pages faulted in from every thread first, as the row read
    // does
    parcels.reserve(n);
    prefault_pages(parcels.data(), n * sizeof(Parcel), std::clamp(threads, 1u, 8u));
    parcels.resize(n);
    boxes.assign(n, BBox{});
    bool ok = true;
    auto decode = [&](size_t from, size_t to, bool& good) {
        for (size_t i = from; i < to; ++i) {
            Fixed f;
            std::memcpy(&f, fixed + i * sizeof(Fixed), sizeof f);
            if (f.code_at + uint64_t(f.code_len) > codes.size() || f.zone >= words || f.industry >= words ||
                f.stage >= words || f.kind >= words) {
                good = false;
                return;
            }
            Parcel& p = parcels[i];
            ParcelStats& s = p.stats;
            p.id = f.id;
            p.code.assign(codes.data() + f.code_at, f.code_len);
            p.zone_code = dict[f.zone];
            p.landuse = static_cast<LandUse>(f.landuse);
            p.supply_status = static_cast<SupplyStatus>(f.supply);
            p.area_m2 = f.area_m2;
            p.area_mu = f.area_mu;
            p.centroid_lon = f.centroid_lon;
            p.centroid_lat = f.centroid_lat;
            s.project_count = f.project_count;
            s.invest_wan = f.invest, s.output_wan = f.output, s.tax_wan = f.tax, s.jobs = f.jobs;
            s.invest_wan_per_mu = f.invest_mu, s.output_wan_per_mu = f.output_mu;
            s.tax_wan_per_mu = f.tax_mu, s.jobs_per_mu = f.jobs_mu;
            s.threshold_wan_per_mu = f.threshold;
            s.compliance = static_cast<Compliance>(f.compliance);
            s.industry = dict[f.industry];
            s.stage = dict[f.stage];
            s.enterprise_kind = dict[f.kind];
            if (f.has_box) {
                boxes[i].expand(LonLat{f.box[0], f.box[1]});
                boxes[i].expand(LonLat{f.box[2], f.box[3]});
            }
        }
    };
    const size_t k = std::clamp<size_t>(threads, 1, 8);
    std::vector<char> good(k, 1);
    {
        std::vector<std::jthread> pool;
        for (size_t t = 1; t < k; ++t)
            pool.emplace_back([&, t] {
                bool g = true;
                decode(n * t / k, n * (t + 1) / k, g);
                good[t] = g;
            });
        bool g = true;
        decode(0, n / k, g);
        good[0] = g;
    }
    for (char g : good) ok = ok && g;
    if (!ok) {
        parcels.clear();
        boxes.clear();
    }
    return ok;
}

}  // namespace pa::store

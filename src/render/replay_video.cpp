#include "render/replay_video.hpp"

#include <chrono>

#include "core/analysis/date.hpp"
#include "core/analysis/land_state_replay.hpp"
#include "core/analysis/supply_index.hpp"
#include "core/common/error.hpp"
#include "core/evaluation/review.hpp"
#include "core/output/video.hpp"
#include "render/i18n.hpp"

namespace pa::render {

namespace {

std::string yi(double wan) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f", wan / 1e4);
    return buf;
}

}  // namespace

ReplayVideoResult write_replay_video(const MapData& d, const ReplayVideoRequest& req,
                                     const std::function<void(int, int)>& progress) {
    using analysis::Date;
    const auto theme = req.base.theme;
    if (theme != analysis::Theme::LandState && theme != analysis::Theme::Fulfilment)
        throw InputError("The replay shows a dated theme: --theme land_state or fulfilment.");
    if (req.last_month < req.first_month)
        throw InputError("The replay's --to month (" + Date::month_label(req.last_month) +
                         ") is before its --from month (" + Date::month_label(req.first_month) + ").");
    const int months = req.last_month - req.first_month + 1;
    if (months > 600) throw InputError("The replay covers at most 600 months (50 years).");
    const Lang L = req.base.lang;

    // The counters count the zone's projects only when the replay shows one zone.
    const auto ix = analysis::index_ledger(d.parcels, d.projects, d.links, d.zones);
    std::vector<Project> counted;
    for (size_t i = 0; i < d.projects.size(); ++i)
        if (req.base.zone_code.empty() || ix.project_zone[i] == req.base.zone_code)
            counted.push_back(d.projects[i]);

    std::string prefix = req.base.title;
    if (prefix.empty()) prefix = default_map_title(d.zones, req.base.zone_code, theme, L);
    const std::string unit_yi = tr("unit.yi", L);
    // Every text a frame shows, so the font atlas (built once) has its glyphs.
    const std::vector<std::string> glyphs = {prefix,
                                             "0123456789-.,·: ",
                                             tr("timeline.signed", L),
                                             tr("timeline.signed_invest", L),
                                             tr("anim.funds", L),
                                             unit_yi};

    RenderRequest base = req.base;
    if (base.note.empty()) base.note = tr("anim.note", L);
    output::VideoWriter video(req.out, req.base.width, req.base.height, req.fps, req.protected_paths);
    MapPicture picture(d, base, nullptr, glyphs);
    ReplayVideoResult res;
    res.codec = video.codec_name();
    for (int k = 0; k < months; ++k) {
        const int mi = req.first_month + k;
        const Date as_of = Date::month_end(mi);
        RenderRequest frame = base;
        if (theme == analysis::Theme::LandState) {
            const auto snap = analysis::land_state_snapshot(d.parcels, ix.projects_of_parcel, as_of);
            frame.classify.land_state_class = snap.classes();
            frame.highlight_parcels = req.outline_idle ? snap.idle_parcels() : std::vector<int>{};
        } else {
            frame.classify.fulfilment_class =
                evaluation::fulfilment_classes(d.zones, d.parcels, d.projects, d.links, as_of);
        }
        const auto tot = analysis::replay_totals_at(counted, as_of);
        frame.title = prefix + " · " + Date::month_label(mi);
        frame.subtitle = std::string(tr("timeline.signed", L)) + " " + std::to_string(tot.signed_projects) +
                         " · " + tr("timeline.signed_invest", L) + " " + yi(tot.signed_invest_wan) + " " +
                         unit_yi + " · " + tr("anim.funds", L) + " " + yi(tot.funds_in_place_wan) + " " +
                         unit_yi;
        const auto t0 = std::chrono::steady_clock::now();
        const auto pic = picture.draw(frame);
        const auto t1 = std::chrono::steady_clock::now();
        video.add_frame(pic.rgba);
        const auto t2 = std::chrono::steady_clock::now();
        res.render_ms += std::chrono::duration<double, std::milli>(t1 - t0).count();
        res.encode_ms += std::chrono::duration<double, std::milli>(t2 - t1).count();
        if (progress) progress(k + 1, months);
    }
    const auto t0 = std::chrono::steady_clock::now();
    video.finish();
    res.encode_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    res.frames = video.frame_count();
    return res;
}

}  // namespace pa::render

// Per-frame glue of the land-supply views: the worker build, the replay's clock, month-change uploads.
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "core/analysis/lifecycle.hpp"
#include "ui/supply_panels.hpp"

namespace pa::ui {

using render::tr;

namespace {

constexpr render::Rgba kIdleOutline{200, 20, 40, 255};  // idle / reclaimable parcels in the replay
constexpr render::Rgba kVacantOutline{170, 0, 200,
                                      255};  // vacant-finder hits (purple: apart from the classes)

std::shared_ptr<SupplyData> build_supply(std::shared_ptr<const render::MapData> data) {
    auto out = std::make_shared<SupplyData>();
    out->data = data;
    const auto& d = *data;
    // From the projects on each parcel the open already joined (no second join: 90 MB at a million parcels).
    analysis::LedgerIndex index;  // the project zones alone, what targets_progress reads
    index.project_zone = analysis::project_zones(d.parcels, d.projects, d.parcel_projects, d.zones);
    const auto [first, last] = analysis::default_replay_months(d.parcels, d.projects);
    out->replay = analysis::build_land_state_replay(d.parcels, d.parcel_projects, d.projects, first, last);
    // config/targets.json in the working folder when present (the CLI's rule), else the plan's figures.
    std::error_code ec;
    const auto cfg = std::filesystem::exists("config/targets.json", ec)
                         ? analysis::load_targets_config("config/targets.json")
                         : analysis::default_targets_config();
    out->targets = analysis::targets_progress(d.projects, index, cfg);
    for (size_t i = 0; i < out->targets.zones.size(); ++i) out->zone_order.push_back(static_cast<int>(i));
    std::stable_sort(out->zone_order.begin(), out->zone_order.end(), [&](int a, int b) {
        return out->targets.zones[size_t(a)].funds_total_wan > out->targets.zones[size_t(b)].funds_total_wan;
    });
    return out;
}

}  // namespace

bool supply_animating(const ViewerState& s) {
    return s.supply.timeline.playing;
}

void supply_frame(ViewerState& s, TaskQueue& tasks, render::SupplyLayers& layers) {
    auto& sp = s.supply;
    auto& tl = sp.timeline;
    if (!s.data) return;
    if (sp.computed_for != s.data.get()) {
        // A new workspace: drop what belonged to the old one and build the replay and targets on the worker.
        sp.computed_for = s.data.get();
        sp.ready.reset();
        sp.computing = true;
        sp.vacant.hits.clear();
        sp.vacant.searched = false;
        tl.uploaded_month = -1;
        tl.playing = false;
        layers.clear_highlight(0);
        layers.clear_highlight(1);
        layers.set_points_enabled(false);
        std::shared_ptr<const render::MapData> data = s.data;
        ViewerState* sv = &s;
        tasks.submit(
            tr("timeline.computing", s.lang),
            [data, sv]() -> TaskQueue::Continuation {
                auto out = build_supply(data);
                return [out, sv] {
                    if (sv->supply.computed_for != out->data.get())
                        return;  // another workspace was opened meanwhile
                    sv->supply.ready = out;
                    sv->supply.computing = false;
                    sv->supply.timeline.month = out->replay.last_month;
                    sv->supply.timeline.uploaded_month = -1;
                };
            },
            [sv](const std::string& e) {
                sv->supply.computing = false;
                sv->error = e;
            });
    }
    const bool land_state = s.theme.theme == analysis::Theme::LandState;
    if (!land_state) {
        if (tl.was_land_state) {
            layers.clear_highlight(0);
            layers.set_points_enabled(false);
            tl.uploaded_month = -1;
            tl.playing = false;
        }
        tl.was_land_state = false;
    }
    if (sp.vacant.highlight_dirty && sp.ready) {
        std::vector<int> idx;
        if (sp.vacant.highlight)
            for (const auto& h : sp.vacant.hits) idx.push_back(static_cast<int>(h.parcel_index));
        if (idx.empty())
            layers.clear_highlight(1);
        else
            layers.set_highlight(1, *s.data, idx, kVacantOutline, 3.0f);
        sp.vacant.highlight_dirty = false;
    }
    if (!land_state || !sp.ready) return;
    tl.was_land_state = true;
    const auto& rp = sp.ready->replay;
    if (tl.playing) {
        tl.play_accum += ImGui::GetIO().DeltaTime * tl.speed_months_per_s;
        while (tl.play_accum >= 1.0) {
            tl.play_accum -= 1.0;
            if (tl.month >= rp.last_month) {
                tl.playing = false;  // the end of the data: stop on the last month
                tl.play_accum = 0;
                break;
            }
            ++tl.month;
        }
    }
    tl.month = std::clamp(tl.month, rp.first_month, rp.last_month);
    if (tl.month == tl.uploaded_month) return;  // nothing changed: no work, no upload
    const auto snap_month = rp.at_month(tl.month);
    const auto& snap = *snap_month;
    s.theme.options.land_state_class = snap.classes();
    s.theme.dirty = true;  // the viewer re-classifies (O(parcels)) and uploads one colour per parcel
    if (tl.show_idle)
        layers.set_highlight(0, *s.data, snap.idle_parcels(), kIdleOutline, 2.5f);
    else
        layers.clear_highlight(0);
    std::vector<char> keep(s.data->projects.size(), 0);
    for (size_t i = 0; i < keep.size(); ++i)
        keep[i] = analysis::project_signed_by(s.data->projects[i], snap.as_of) ? 1 : 0;
    layers.set_project_points(render::project_points_where(*s.data, keep));
    layers.set_points_enabled(true);
    tl.uploaded_month = tl.month;
}

void draw_supply_panels(ViewerState& s, TaskQueue& tasks) {
    const auto L = s.lang;
    if (!s.story.presenting) draw_timeline_panel(s);  // a storyboard shows its steps' dates, not the slider
    if (s.panels.hidden) return;                      // presentation mode: only the replay's panel
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu(tr("panel.timeline", L))) {
            ImGui::MenuItem(tr("panel.timeline", L), nullptr, &s.supply.timeline.open);
            ImGui::MenuItem(tr("panel.targets", L), nullptr, &s.supply.targets.open);
            ImGui::MenuItem(tr("panel.vacant", L), nullptr, &s.supply.vacant.open);
            ImGui::EndMenu();
        }
        ImGui::EndMainMenuBar();
    }
    draw_targets_panel(s);
    draw_vacant_panel(s, tasks);
}

}  // namespace pa::ui

#include "ui/shared_db.hpp"

#include <ctime>
#include <iostream>

#include "core/store/pg.hpp"
#include "core/store/pg_listen.hpp"

namespace pa::ui {

SharedDbWatch::SharedDbWatch() = default;
SharedDbWatch::~SharedDbWatch() = default;

namespace {
std::string clock_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return buf;
}
}  // namespace

bool SharedDbWatch::poll(ViewerState& s, OpenContext& ctx, double now_s) {
    auto& sh = s.shared;
    if (!store::is_postgres_target(s.workspace_path) || !s.data) return false;
    bool changed = false;
    if (!listener_ && !tried_) {
        tried_ = true;
        sh.on = true;
        try {
            listener_ = std::make_unique<store::PgListener>(s.workspace_path);
            sh.who = listener_->who();
            sh.connected = true;
            std::cout << "shared database: listening as " << sh.who << std::endl;
        } catch (const std::exception& e) {
            sh.note = e.what();
        }
        changed = true;
    }
    if (!listener_) return changed;
    for (const auto& c : listener_->poll(now_s)) {
        reload_pending_ = true;
        pending_what_ = c.action == "reconnected" ? std::string("reconnected") : c.action + " by " + c.user;
    }
    if (sh.connected != listener_->connected()) {
        sh.connected = listener_->connected();
        changed = true;
    }
    // Reload once the worker is free (and the previous open is complete), keeping the view.
    if (reload_pending_ && !ctx.tasks.busy() && s.data->geometry_ready) {
        reload_pending_ = false;
        sh.last_change = pending_what_ + " " + clock_now();
        ++sh.reloads;
        std::cout << "shared database: reloading after " << pending_what_ << std::endl;
        open_workspace(ctx, s.workspace_path, true);
        changed = true;
    }
    return changed;
}

}  // namespace pa::ui

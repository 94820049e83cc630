#pragma once
// The viewer on a shared PostGIS workspace (docs/administration.md): the status bar says it is one (who,
// which schema, whether the change feed is connected); when another user commits (an import, a scenario, the
// storyboard…) the map is read again in the background, keeping the view; when the connection drops the map
// stays as it was (read-only) and the feed reconnects by itself.
#include <memory>

#include "ui/app_state.hpp"
#include "ui/workspace_open.hpp"

namespace pa::store {
class PgListener;
}

namespace pa::ui {

class SharedDbWatch {
  public:
    SharedDbWatch();
    ~SharedDbWatch();
    SharedDbWatch(const SharedDbWatch&) = delete;
    SharedDbWatch& operator=(const SharedDbWatch&) = delete;
    /// Once per frame loop turn (UI thread, never blocks): starts listening once a PostGIS workspace is open,
    /// reads the changes, and reopens the workspace (keeping the view) after another user's commit once the
    /// worker is free. True when the status changed (draw a frame).
    bool poll(ViewerState& s, OpenContext& ctx, double now_s);

  private:
    std::unique_ptr<store::PgListener> listener_;
    bool tried_ = false, reload_pending_ = false;
    std::string pending_what_;
};

}  // namespace pa::ui

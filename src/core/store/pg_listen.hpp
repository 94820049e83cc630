#pragma once
// Hearing another user's commits on a shared PostGIS workspace (docs/administration.md): every audited change
// (an import, a scenario, the storyboard, a context layer) sends NOTIFY on the channel parkatlas_<schema>
// with
// {"action", "user"} as it commits; a PgListener holds its own connection LISTENing there, polled without
// blocking (the viewer's frame loop). When the connection drops it says so and reconnects by itself, at most
// once per `retry_s`.
#include <memory>
#include <string>
#include <vector>

struct pg_conn;

namespace pa::store {

/// The NOTIFY channel of a workspace's schema.
std::string change_channel(const std::string& schema);

class PgListener {
  public:
    struct Change {
        std::string action, user;
    };
    /// Connects to `target` (a PG:… or postgresql://… workspace) and LISTENs; WorkspaceError when it cannot.
    explicit PgListener(const std::string& target, double retry_s = 5.0);
    /// The changes committed since the last call (none while disconnected); `now_s` is any monotonic clock in
    /// seconds, for the reconnection's pace.
    std::vector<Change> poll(double now_s);
    bool connected() const { return connected_; }
    /// Who and where, for the status bar: "user@dbname/schema".
    const std::string& who() const { return who_; }

  private:
    bool connect();
    std::string conninfo_, channel_, who_;
    std::unique_ptr<pg_conn, void (*)(pg_conn*)> c_;
    bool connected_ = false;
    double retry_s_, last_try_s_ = -1e300;
};

}  // namespace pa::store

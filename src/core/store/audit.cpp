// The audit table: who imported or changed what, and when (docs/administration.md). One row per change,
// written in the change's own transaction (so an import rolled back leaves no audit row either). On PostGIS
// the database user is the server's current_user and writers may insert rows but neither change nor delete
// them (admin init-roles); the operating-system user is recorded too, for desks that share a database login.
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/store/pg_listen.hpp"
#include "core/store/pg_workspace.hpp"
#include "core/store/scenario_codes.hpp"
#include "core/store/workspace.hpp"

namespace pa::store {

namespace {

constexpr const char* kSqliteAudit =
    "CREATE TABLE IF NOT EXISTS audit(id INTEGER PRIMARY KEY, time TEXT NOT NULL, db_user TEXT, os_user "
    "TEXT, "
    "action TEXT NOT NULL, object TEXT, detail TEXT)";

}  // namespace

std::string os_user() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
    const char* u = std::getenv("USER");
    return u ? u : "";
}

void Workspace::audit(const std::string& action, const std::string& object, const std::string& detail) {
    if (pg_) return pg_->audit(action, object, detail);
    db_.exec(kSqliteAudit);
    db_.prepare("INSERT INTO audit(time, db_user, os_user, action, object, detail) VALUES(?, '', ?, ?, ?, ?)")
        .bind(1, utc_timestamp())
        .bind(2, os_user())
        .bind(3, action)
        .bind(4, object)
        .bind(5, detail)
        .run();
}

std::vector<AuditRow> Workspace::audit_log(int64_t limit) {
    if (pg_) return pg_->audit_log(limit);
    std::vector<AuditRow> out;
    if (!db_.has_table("audit")) return out;
    auto st = db_.prepare(
        "SELECT id, time, db_user, os_user, action, object, detail FROM (SELECT * FROM audit ORDER BY id "
        "DESC "
        "LIMIT ?) ORDER BY id");
    st.bind(1, limit > 0 ? limit : int64_t(-1));
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    return out;
}

void PgStore::audit(const std::string& action, const std::string& object, const std::string& detail) {
    if (!has_audit_) return;  // a schema-2 workspace read as is: nothing is written to it anyway
    conn_.exec(
        "INSERT INTO audit(time, db_user, os_user, action, object, detail) VALUES($1, current_user, $2, $3, "
        "$4, "
        "$5)",
        {utc_timestamp(), os_user(), action, object, detail});
    // Heard by the viewers LISTENing on this schema (pg_listen.hpp) when the change commits, not before.
    conn_.exec("SELECT pg_notify($1, json_build_object('action', $2::text, 'user', current_user)::text)",
               {change_channel(schema_), action});
}

std::vector<AuditRow> PgStore::audit_log(int64_t limit) {
    std::vector<AuditRow> out;
    if (!has_audit_) return out;
    auto r = conn_.exec(
        "SELECT id, time, db_user, os_user, action, object, detail FROM (SELECT * FROM audit ORDER BY id "
        "DESC "
        "LIMIT $1) a ORDER BY id",
        {limit > 0 ? std::optional<std::string>(std::to_string(limit)) : std::nullopt});
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                       r.text(i, 6)});
    return out;
}

}  // namespace pa::store

#include "core/store/pg_listen.hpp"

#include <libpq-fe.h>

#include <nlohmann/json.hpp>

#include "core/common/error.hpp"
#include "core/store/pg.hpp"

namespace pa::store {

std::string change_channel(const std::string& schema) {
    return "parkatlas_" + schema;
}

PgListener::PgListener(const std::string& target, double retry_s)
    : conninfo_(pg_conninfo(target)),
      channel_(change_channel(pg_schema(target))),
      c_(nullptr, &PQfinish),
      retry_s_(retry_s) {
    if (!connect())
        throw WorkspaceError("Cannot listen for changes on " + pg_display(target) +
                             "; check that the server is reachable.");
}

bool PgListener::connect() {
    c_.reset(PQconnectdb(conninfo_.c_str()));
    connected_ = false;
    if (!c_ || PQstatus(c_.get()) != CONNECTION_OK) return false;
    char* ident = PQescapeIdentifier(c_.get(), channel_.c_str(), channel_.size());
    if (!ident) return false;
    const std::string sql = std::string("LISTEN ") + ident;
    PQfreemem(ident);
    PGresult* r = PQexec(c_.get(), sql.c_str());
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) return false;
    who_ = std::string(PQuser(c_.get())) + "@" + PQdb(c_.get()) + "/" + channel_.substr(10);
    connected_ = true;
    return true;
}

std::vector<PgListener::Change> PgListener::poll(double now_s) {
    std::vector<Change> out;
    if (connected_ && (PQconsumeInput(c_.get()) == 0 || PQstatus(c_.get()) != CONNECTION_OK))
        connected_ = false;  // the server went away: keep what is shown, try again below
    if (!connected_) {
        if (now_s - last_try_s_ < retry_s_) return out;
        last_try_s_ = now_s;
        if (!connect()) return out;
        out.push_back({"reconnected", ""});  // changes may have been missed meanwhile: read again
        return out;
    }
    while (PGnotify* n = PQnotifies(c_.get())) {
        const auto j = nlohmann::json::parse(n->extra ? n->extra : "", nullptr, false);
        Change ch;
        if (j.is_object()) {
            ch.action = j.value("action", std::string());
            ch.user = j.value("user", std::string());
        }
        out.push_back(std::move(ch));
        PQfreemem(n);
    }
    return out;
}

}  // namespace pa::store

#include "core/store/sqlite.hpp"

#include <sqlite3.h>

#include <cstdio>

#include "core/common/error.hpp"

namespace pa::store {

namespace {
// SQLite counts every allocation under one global mutex unless told not to; ParkAtlas never reads those
// counters. Set at load time, before anything (GDAL, PROJ, SpatiaLite) initialises SQLite; a no-op
// (SQLITE_MISUSE) if something already has.
[[maybe_unused]] const int kMemstatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

std::string errmsg(sqlite3* db) {
    return db ? sqlite3_errmsg(db) : "out of memory";
}

/// The error a failed SQLite call means to the user: the environment (disk full, read-only, damaged file) is
/// a WorkspaceError with what to do; anything else is a bug (InternalError) with SQLite's message and the
/// statement.
[[noreturn]] void fail(sqlite3* db, int rc, const std::string& path, const std::string& msg,
                       std::string_view sql) {
    const int primary = rc & 0xFF;
    const std::string ws = "The workspace '" + path + "'";
    switch (primary) {
        case SQLITE_FULL:
            throw WorkspaceError(
                "The disk holding the workspace '" + path +
                "' is full; free some space and run the command again (the workspace keeps what it "
                "had).");
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN:
            throw WorkspaceError(
                ws + " cannot be written (" + msg +
                "): the file or its folder is read-only to you (SQLite needs to create a journal "
                "file next to it); copy it somewhere writable or ask for write access.");
        case SQLITE_NOTADB:
            throw WorkspaceError("'" + path +
                                 "' is not a ParkAtlas workspace (not an SQLite database file); give "
                                 "the workspace file (.sqlite) written by parkatlas import.");
        case SQLITE_CORRUPT:
            throw WorkspaceError(
                ws + " is damaged (" + msg +
                "); restore it from a backup, or import the sources again into a new workspace.");
        case SQLITE_IOERR:
            throw WorkspaceError(
                "Reading or writing the workspace '" + path + "' failed (" + msg +
                ", disk full or removed?); the workspace keeps what it had before this command.");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw WorkspaceError(
                ws +
                " is busy: another ParkAtlas (or another program) is writing to it; wait for it "
                "to finish and run the command again.");
        default:
            break;
    }
    (void)db;
    throw InternalError("SQLite error in '" + path + "': " + msg + " [" + std::string(sql.substr(0, 160)) +
                        "]");
}
}  // namespace

Db::Db(const std::string& path, Mode mode, bool load_spatialite) : path_(path) {
    int flags = mode == Mode::ReadOnly || mode == Mode::Immutable ? SQLITE_OPEN_READONLY
                : mode == Mode::ReadWrite                         ? SQLITE_OPEN_READWRITE
                                          : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (mode == Mode::Immutable) {
        flags |= SQLITE_OPEN_URI;
        name = "file:";
        for (char c : path) {
            if (c == '?' || c == '#' || c == '%') {  // reserved in a URI: percent-encoded
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
                name += hex;
            } else {
                name += c;
            }
        }
        name += "?immutable=1";
    }
    if (sqlite3_open_v2(name.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = errmsg(db_);
        sqlite3_close(db_);
        db_ = nullptr;
        throw WorkspaceError("The workspace '" + path + "' cannot be opened (" + msg + ").");
    }
    sqlite3_busy_timeout(db_, 10000);
    if (load_spatialite) {
        sqlite3_enable_load_extension(db_, 1);
        char* err = nullptr;
        if (sqlite3_load_extension(db_, "mod_spatialite", nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            sqlite3_close(db_);
            db_ = nullptr;
            throw InternalError("SpatiaLite (mod_spatialite) could not be loaded: " + msg +
                                ". Install it with: apt-get install libsqlite3-mod-spatialite");
        }
        sqlite3_enable_load_extension(db_, 0);
    }
}

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

Db::Db(Db&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
    other.db_ = nullptr;
}

Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        other.db_ = nullptr;
    }
    return *this;
}

namespace {
[[noreturn]] void no_connection() {
    throw WorkspaceError(
        "This command is not available on a PostGIS workspace yet; copy the workspace to a SpatiaLite file "
        "with parkatlas workspace copy PG:… FILE.sqlite and run it there.");
}
}  // namespace

void Db::exec(std::string_view sql) {
    if (!db_) no_connection();
    char* err = nullptr;
    std::string s(sql);
    if (const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
        std::string msg = err ? err : errmsg(db_);
        sqlite3_free(err);
        fail(db_, sqlite3_extended_errcode(db_), path_, msg, s);
    }
}

Stmt Db::prepare(std::string_view sql) {
    return Stmt(*this, sql);
}
int64_t Db::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}
bool Db::has_table(std::string_view name) {
    auto st = prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, name);
    return st.step() && st.int64(0) > 0;
}

int Db::changes() const {
    return sqlite3_changes(db_);
}

void Db::checkpoint() {
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(&db) {
    if (!db.handle()) no_connection();
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK)
        fail(db.handle(), sqlite3_extended_errcode(db.handle()), db.path(), errmsg(db.handle()), sql);
}

Stmt::~Stmt() {
    sqlite3_finalize(st_);
}
Stmt::Stmt(Stmt&& other) noexcept : db_(other.db_), st_(other.st_) {
    other.st_ = nullptr;
}

Stmt& Stmt::bind(int i, std::nullptr_t) {
    sqlite3_bind_null(st_, i);
    return *this;
}
Stmt& Stmt::bind(int i, int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_blob(int i, const void* data, size_t size) {
    sqlite3_bind_blob(st_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
}

bool Stmt::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_->handle(), sqlite3_extended_errcode(db_->handle()), db_->path(), errmsg(db_->handle()),
         sqlite3_sql(st_));
}

void Stmt::run() {
    while (step()) {
    }
    reset();
}

void Stmt::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int col) const {
    return sqlite3_column_type(st_, col) == SQLITE_NULL;
}
int64_t Stmt::int64(int col) const {
    return sqlite3_column_int64(st_, col);
}
double Stmt::real(int col) const {
    return sqlite3_column_double(st_, col);
}
std::optional<double> Stmt::opt_real(int col) const {
    if (is_null(col)) return std::nullopt;
    return sqlite3_column_double(st_, col);
}
std::string Stmt::text(int col) const {
    const unsigned char* t = sqlite3_column_text(st_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(st_, col)) : std::string();
}
std::optional<std::string> Stmt::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}
std::string Stmt::blob(int col) const {
    const void* p = sqlite3_column_blob(st_, col);
    return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(st_, col)) : std::string();
}

std::string_view Stmt::blob_view(int col) const {
    const void* p = sqlite3_column_blob(st_, col);
    return p ? std::string_view(static_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string_view();
}

std::string_view Stmt::text_view(int col) const {
    const unsigned char* p = sqlite3_column_text(st_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string_view();
}

Transaction::Transaction(Db& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace pa::store

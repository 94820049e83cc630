#pragma once
// RAII around sqlite3* and sqlite3_stmt*, with SpatiaLite loaded as an extension.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/interned_string.hpp"
#include "core/common/opt_double.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace pa::store {

class Stmt;

/// An open SQLite connection. Throws WorkspaceError when the file cannot be opened.
class Db {
  public:
    /// Immutable: read-only without the -shm/-wal files (a WAL workspace in a folder the user cannot write).
    enum class Mode { ReadOnly, ReadWrite, Create, Immutable };
    Db(const std::string& path, Mode mode, bool load_spatialite = true);
    /// No connection (the Db of a PostGIS workspace): every statement throws a WorkspaceError saying the
    /// command is not available on PostGIS yet.
    Db() noexcept = default;
    ~Db();
    Db(Db&& other) noexcept;
    Db& operator=(Db&& other) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* handle() const noexcept { return db_; }
    const std::string& path() const noexcept { return path_; }
    /// Runs one or more statements without results; throws InternalError with SQLite's message.
    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql);
    int64_t last_insert_rowid() const;
    int changes() const;
    /// Whether the database has a table of that name.
    bool has_table(std::string_view name);
    /// Moves everything from the -wal file into the main file so the .sqlite alone is complete.
    void checkpoint();

  private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

/// A prepared statement. bind() indices start at 1, column() indices at 0.
class Stmt {
  public:
    Stmt(Db& db, std::string_view sql);
    ~Stmt();
    Stmt(Stmt&& other) noexcept;
    Stmt& operator=(Stmt&&) = delete;
    Stmt(const Stmt&) = delete;

    Stmt& bind(int i, std::nullptr_t);
    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const InternedString& v) { return bind(i, v.view()); }
    Stmt& bind_blob(int i, const void* data, size_t size);
    Stmt& bind(int i, const std::optional<double>& v) { return v ? bind(i, *v) : bind(i, nullptr); }
    Stmt& bind(int i, OptDouble v) { return v ? bind(i, *v) : bind(i, nullptr); }
    Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bind(i, nullptr); }

    /// Advances; true while a row is available.
    bool step();
    /// Steps to completion (for INSERT/UPDATE), then resets so the statement can be bound again.
    void run();
    void reset();

    bool is_null(int col) const;
    int64_t int64(int col) const;
    double real(int col) const;
    std::optional<double> opt_real(int col) const;
    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;
    std::string blob(int col) const;
    /// The column's bytes without a copy; valid until the next step(), reset() or column call on this column.
    std::string_view blob_view(int col) const;
    std::string_view text_view(int col) const;

  private:
    Db* db_;
    sqlite3_stmt* st_ = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT, rolled back if not committed (an exception leaves the file as it was).
class Transaction {
  public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Db& db_;
    bool done_ = false;
};

}  // namespace pa::store

#pragma once
// RAII around libpq's PGconn* and PGresult* (a PostGIS workspace, docs/administration.md). The password never
// passes through here: libpq reads it from PGPASSFILE, ~/.pgpass or PGPASSWORD itself, and connection strings
// are shown only with any password=… removed.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace pa::store {

/// True for a PostgreSQL workspace target: "PG:host=… dbname=…" or a "postgresql://…" / "postgres://…" URI.
bool is_postgres_target(std::string_view target);
/// The libpq connection string of a target ("PG:" and ParkAtlas's own schema=NAME removed; a URI as is but
/// for its schema= parameter).
std::string pg_conninfo(std::string_view target);
/// The schema a target names with schema=NAME ("PG:… schema=zone_a" or "postgresql://…?schema=zone_a"),
/// "parkatlas" by default. WorkspaceError when it is not a plain lower-case name.
std::string pg_schema(std::string_view target);
/// A short name for maps and titles: the database (and the schema when not parkatlas), e.g. "parkatlas
/// (PostGIS)" or "bureau/zone_a (PostGIS)"; never the host, user or password.
std::string pg_short_name(std::string_view target);
/// The target with any password removed (password=… or the URI's user:password@), for messages and logs.
std::string pg_display(std::string_view target);

/// One query result, in text format or (a binary cursor) PostgreSQL's binary one: int64()/real() decode
/// bigint, integer, smallint, boolean, double precision and real, bytea() the bytes; rows and columns from 0.
class PgResult {
  public:
    PgResult() = default;
    explicit PgResult(pg_result* r);
    int rows() const;
    int cols() const;
    bool is_null(int row, int col) const;
    std::string_view view(int row, int col) const;
    std::string text(int row, int col) const { return std::string(view(row, col)); }  // "" for NULL
    int64_t int64(int row, int col) const;                                            // 0 for NULL
    double real(int row, int col) const;                                              // 0 for NULL
    std::optional<double> opt_real(int row, int col) const;
    /// A bytea column (text format "\x…") decoded to its bytes.
    std::string bytea(int row, int col) const;

  private:
    std::unique_ptr<pg_result, void (*)(pg_result*)> r_{nullptr, nullptr};
};

/// An open connection. Throws WorkspaceError (with what to do) when it cannot connect. Every failed statement
/// throws: permission denied (SQLSTATE 42501) as a WorkspaceError naming the role `needed_role`, a lost
/// connection as a WorkspaceError, anything else as InternalError with the server's message.
class CopyRows;

class PgConn {
  public:
    explicit PgConn(const std::string& target);
    PgConn(PgConn&&) noexcept = default;
    PgConn& operator=(PgConn&&) noexcept = default;

    /// The role a permission error names (set by the caller before a write: parkatlas_editor, …).
    void set_needed_role(std::string role, std::string action) {
        needed_role_ = std::move(role);
        action_ = std::move(action);
    }
    const std::string& display() const { return display_; }
    std::string user() const;
    std::string dbname() const;

    PgResult exec(std::string_view sql);
    /// $1, $2 … bound as text (std::nullopt: NULL).
    PgResult exec(std::string_view sql, const std::vector<std::optional<std::string>>& params);
    /// Runs a SELECT through a cursor, calling `use` with each batch of up to `batch_rows` rows (inside the
    /// open transaction, or one of its own). `binary`: a BINARY cursor, values in PostgreSQL's own
    /// representation (numbers without printing and parsing, bytea without hex); PgResult's accessors read
    /// both.
    void for_each_batch(const std::string& select, const std::function<void(const PgResult&)>& use,
                        int batch_rows = 20000, bool binary = false);
    /// One bytea value ($1 a text parameter), read in binary (no hex doubling: a mesh of hundreds of MB);
    /// nullopt when there is no row or it is NULL.
    std::optional<std::string> read_bytes(std::string_view sql, const std::string& param);
    /// A statement with $1 (text) and $2 (bytea, sent in binary).
    void write_bytes(std::string_view sql, const std::string& param, std::string_view bytes);
    /// COPY … FROM STDIN with the text-format rows in `data` (tab-separated, \N for NULL, one row a line).
    void copy_in(std::string_view copy_sql, std::string_view data);
    /// COPY … FROM STDIN of rows built by CopyRows, in its format (binary rows get `WITH (FORMAT binary)`,
    /// the header and the trailer here).
    void copy_in(std::string_view copy_sql, const CopyRows& rows);
    /// A quoted identifier ("name").
    std::string ident(std::string_view name) const;
    /// Whether row-level security filters what this user reads and writes of `table` (cached per connection).
    bool row_security_applies(const std::string& table);

  private:
    void copy_pieces(std::string_view copy_sql, std::initializer_list<std::string_view> pieces);
    [[noreturn]] void fail(pg_result* r, std::string_view sql) const;
    std::map<std::string, bool> rls_;
    std::unique_ptr<pg_conn, void (*)(pg_conn*)> c_{nullptr, nullptr};
    std::string display_;
    std::string needed_role_ = "parkatlas_viewer", action_ = "reading the workspace";
};

/// BEGIN … COMMIT on a PgConn, rolled back unless committed.
class PgTransaction {
  public:
    explicit PgTransaction(PgConn& c, const char* begin = "BEGIN");
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit();

  private:
    PgConn& c_;
    bool done_ = false;
};

/// Builds COPY text-format rows: values separated by tabs, rows by newlines, NULL as \N, and backslash, tab,
/// newline and carriage return escaped. Doubles in their shortest exact form (NaN stored as NULL, as SQLite
/// does).
/// COPY's text format, or its binary one (PostgreSQL's own representation of each value: no printing and
/// parsing of numbers, geometry as raw EWKB instead of hex). A binary row's values must have the column's
/// exact type: add(int64_t) for bigint, add(double) for double precision, text for text, bytes for
/// geometry/bytea.
enum class CopyFormat { Text, Binary };

class CopyRows {
  public:
    explicit CopyRows(CopyFormat format = CopyFormat::Text) : format_(format) {}
    CopyFormat format() const { return format_; }
    CopyRows& null();
    CopyRows& add(int64_t v);
    CopyRows& add(int v) { return add(static_cast<int64_t>(v)); }
    CopyRows& add(double v);
    CopyRows& add(const std::optional<double>& v) { return v ? add(*v) : null(); }
    CopyRows& add(std::string_view v);
    CopyRows& add(const std::string& v) { return add(std::string_view(v)); }
    CopyRows& add(const char* v) { return add(std::string_view(v)); }
    CopyRows& text_or_null(const std::string& v) { return v.empty() ? null() : add(v); }
    /// Bytes as a hex literal (for geometry: hex EWKB; "" stores NULL).
    CopyRows& hex_or_null(std::string_view bytes);
    /// bytea's text form (\\x…).
    CopyRows& bytea(std::string_view bytes);
    void end_row();
    const std::string& data() const { return data_; }
    void clear() { data_.clear(); }

  private:
    void sep();
    void field(const void* bytes, uint32_t size);  // binary: length, then the bytes
    void field8(uint64_t bits);                    // binary: an 8-byte value in network order
    CopyFormat format_;
    std::string data_;
    bool row_open_ = false;
    size_t row_start_ = 0;  // binary: where the row's field count goes
    uint16_t fields_ = 0;
};

/// EWKB (little endian, with SRID) from ISO WKB: the SRID flag set in the type and the SRID after it.
std::string ewkb_from_wkb(std::string_view wkb, uint32_t srid);

}  // namespace pa::store

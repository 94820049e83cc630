#include "core/store/pg.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "core/common/error.hpp"

namespace pa::store {

bool is_postgres_target(std::string_view t) {
    return t.starts_with("PG:") || t.starts_with("pg:") || t.starts_with("postgresql://") ||
           t.starts_with("postgres://");
}

namespace {
// Splits the ParkAtlas keyword schema=NAME (keyword form) or ?schema=NAME / &schema=NAME (URI) off a target;
// libpq itself would refuse it. Returns the schema ("" when absent) and leaves the rest in `rest`.
std::string split_schema(std::string_view t, std::string& rest) {
    if (t.starts_with("PG:") || t.starts_with("pg:")) t.remove_prefix(3);
    std::string s(t), schema;
    if (s.starts_with("postgresql://") || s.starts_with("postgres://")) {
        const size_t q = s.find('?');
        if (q != std::string::npos) {
            std::string query, kept;
            query = s.substr(q + 1);
            size_t pos = 0;
            while (pos <= query.size()) {
                size_t amp = query.find('&', pos);
                if (amp == std::string::npos) amp = query.size();
                const std::string param = query.substr(pos, amp - pos);
                if (param.starts_with("schema="))
                    schema = param.substr(7);
                else if (!param.empty())
                    kept += (kept.empty() ? "" : "&") + param;
                pos = amp + 1;
            }
            s = s.substr(0, q) + (kept.empty() ? "" : "?" + kept);
        }
        rest = s;
        return schema;
    }
    std::string kept;
    size_t pos = 0;
    while (pos < s.size()) {  // whitespace-separated keyword=value pairs (a value may be quoted with ')
        while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
        size_t end = pos;
        bool quoted = false;
        while (end < s.size() && (quoted || !std::isspace(static_cast<unsigned char>(s[end])))) {
            if (s[end] == '\\' && end + 1 < s.size())
                ++end;
            else if (s[end] == '\'')
                quoted = !quoted;
            ++end;
        }
        const std::string token = s.substr(pos, end - pos);
        if (token.starts_with("schema="))
            schema = token.substr(7);
        else if (!token.empty())
            kept += (kept.empty() ? "" : " ") + token;
        pos = end;
    }
    rest = kept;
    return schema;
}
}  // namespace

std::string pg_conninfo(std::string_view t) {
    std::string rest;
    split_schema(t, rest);
    return rest;
}

std::string pg_schema(std::string_view t) {
    std::string rest;
    std::string schema = split_schema(t, rest);
    if (schema.empty()) return "parkatlas";
    const bool ok =
        std::all_of(schema.begin(), schema.end(),
                    [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }) &&
        !(schema[0] >= '0' && schema[0] <= '9');
    if (!ok)
        throw WorkspaceError(
            "The schema '" + schema +
            "' in the workspace connection is not a plain lower-case name (letters a-z, digits, _); "
            "choose one such as parkatlas or zone_gana.");
    return schema;
}

namespace {

// The parsed options of a connection string (keyword=value or URI); WorkspaceError when libpq refuses it.
std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> parse_conninfo(std::string_view target) {
    char* err = nullptr;
    PQconninfoOption* o = PQconninfoParse(pg_conninfo(target).c_str(), &err);
    if (!o) {
        std::string msg = err ? err : "out of memory";
        if (err) PQfreemem(err);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        throw WorkspaceError(
            "The workspace '" + std::string(target.substr(0, 3)) +
            "…' is not a PostgreSQL connection libpq understands (" + msg +
            "); write it as PG:\"host=… port=… dbname=… user=…\" or postgresql://user@host:port/"
            "dbname, with the password in ~/.pgpass or PGPASSWORD, never in the string.");
    }
    return {o, &PQconninfoFree};
}

void quiet_notices(void*, const char*) {}

}  // namespace

std::string pg_display(std::string_view target) {
    try {
        auto opts = parse_conninfo(target);
        std::string out = "PG:";
        for (const char* want : {"service", "host", "hostaddr", "port", "dbname", "user"})
            for (const PQconninfoOption* o = opts.get(); o->keyword; ++o)
                if (std::strcmp(o->keyword, want) == 0 && o->val && *o->val)
                    out += (out.size() > 3 ? " " : "") + std::string(want) + "=" + o->val;
        std::string rest;
        if (const std::string schema = split_schema(target, rest); !schema.empty())
            out += " schema=" + schema;
        return out;
    } catch (const WorkspaceError&) {
        return "PG:(unreadable connection string)";
    }
}

std::string pg_short_name(std::string_view target) {
    std::string db;
    try {
        auto opts = parse_conninfo(target);
        for (const PQconninfoOption* o = opts.get(); o->keyword; ++o)
            if (o->val && *o->val &&
                (std::strcmp(o->keyword, "dbname") == 0 ||
                 (db.empty() && std::strcmp(o->keyword, "user") == 0)))
                db = o->val;
        const std::string schema = pg_schema(target);
        if (schema != "parkatlas") db += "/" + schema;
    } catch (const WorkspaceError&) {
    }
    return (db.empty() ? std::string("?") : db) + " (PostGIS)";
}

// --- PgResult ---

PgResult::PgResult(pg_result* r) : r_(r, &PQclear) {}

int PgResult::rows() const {
    return r_ ? PQntuples(r_.get()) : 0;
}
int PgResult::cols() const {
    return r_ ? PQnfields(r_.get()) : 0;
}
bool PgResult::is_null(int row, int col) const {
    return PQgetisnull(r_.get(), row, col) != 0;
}
std::string_view PgResult::view(int row, int col) const {
    if (is_null(row, col)) return {};
    return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
}
namespace {
// PostgreSQL's type oids (pg_type.h) of the binary values read here.
constexpr unsigned kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
                   kFloat8Oid = 701;
uint64_t be(const char* p, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}
// A binary integer or float value as a double / an int64 (nullopt: not a number type).
std::optional<double> binary_number(pg_result* r, int row, int col) {
    const char* p = PQgetvalue(r, row, col);
    const int n = PQgetlength(r, row, col);
    switch (PQftype(r, col)) {
        case kFloat8Oid:
            if (n == 8) return std::bit_cast<double>(be(p, 8));
            break;
        case kFloat4Oid:
            if (n == 4) return static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(be(p, 4))));
            break;
        case kInt8Oid:
            if (n == 8) return static_cast<double>(static_cast<int64_t>(be(p, 8)));
            break;
        case kInt4Oid:
            if (n == 4) return static_cast<double>(static_cast<int32_t>(be(p, 4)));
            break;
        case kInt2Oid:
            if (n == 2) return static_cast<double>(static_cast<int16_t>(be(p, 2)));
            break;
        case kBoolOid:
            if (n == 1) return p[0] ? 1.0 : 0.0;
            break;
    }
    return std::nullopt;
}
}  // namespace

int64_t PgResult::int64(int row, int col) const {
    if (PQfformat(r_.get(), col) == 1 && !is_null(row, col)) {
        if (PQftype(r_.get(), col) == kInt8Oid && PQgetlength(r_.get(), row, col) == 8)
            return static_cast<int64_t>(be(PQgetvalue(r_.get(), row, col), 8));
        if (auto v = binary_number(r_.get(), row, col)) return static_cast<int64_t>(*v);
    }
    const std::string_view v = view(row, col);
    int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}
double PgResult::real(int row, int col) const {
    if (is_null(row, col)) return 0.0;
    if (PQfformat(r_.get(), col) == 1)
        if (auto v = binary_number(r_.get(), row, col)) return *v;
    // PostgreSQL prints float8 in its shortest exact form (extra_float_digits > 0), so strtod gives back the
    // stored double; "NaN" and "Infinity" parse too.
    return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
}
std::optional<double> PgResult::opt_real(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return real(row, col);
}
std::string PgResult::bytea(int row, int col) const {
    if (PQfformat(r_.get(), col) == 1) return std::string(view(row, col));  // a binary cursor: the bytes
    std::string_view v = view(row, col);
    if (v.starts_with("\\x")) v.remove_prefix(2);
    std::string out(v.size() / 2, '\0');
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(nibble(v[2 * i]) << 4 | nibble(v[2 * i + 1]));
    return out;
}

// --- PgConn ---

PgConn::PgConn(const std::string& target) : display_(pg_display(target)) {
    parse_conninfo(target);  // a string libpq cannot read is refused before connecting
    c_ = {PQconnectdb(pg_conninfo(target).c_str()), &PQfinish};
    if (!c_) throw WorkspaceError("Connecting to " + display_ + " failed: out of memory.");
    if (PQstatus(c_.get()) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c_.get());
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        for (char& ch : msg)
            if (ch == '\n') ch = ' ';
        const bool auth =
            msg.find("password") != std::string::npos || msg.find("authentication") != std::string::npos;
        throw WorkspaceError("Cannot connect to the PostgreSQL workspace " + display_ + " (" + msg + "); " +
                             (auth ? "put the password in ~/.pgpass (or PGPASSFILE / PGPASSWORD), never on "
                                     "the command line, and "
                                     "check the user name."
                                   : "check the host, port and database name, that the server is running and "
                                     "reachable from here, "
                                     "and that the database exists (docs/administration.md)."));
    }
    PQsetNoticeProcessor(c_.get(), &quiet_notices, nullptr);
    exec("SET extra_float_digits = 3; SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

std::string PgConn::user() const {
    return PQuser(c_.get());
}
std::string PgConn::dbname() const {
    return PQdb(c_.get());
}

void PgConn::fail(pg_result* r, std::string_view sql) const {
    PgResult owned(r);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;  // no "ERROR:  "
    std::string msg = primary ? primary : r ? PQresultErrorMessage(r) : PQerrorMessage(c_.get());
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    for (char& ch : msg)
        if (ch == '\n') ch = ' ';
    const std::string code = state ? state : "";
    if (code == "42501")
        throw WorkspaceError(fmt::format(
            "The database user '{}' may not do this on {} ({}): {} needs the role {}; ask an administrator "
            "to "
            "run GRANT {} TO {} (roles from parkatlas admin init-roles, see docs/administration.md).",
            user(), display_, msg, action_, needed_role_, needed_role_, user()));
    if (PQstatus(c_.get()) != CONNECTION_OK || code.starts_with("08") || code == "57P01")
        throw WorkspaceError("The connection to " + display_ + " was lost (" + msg +
                             "); the database keeps what it had before this command: run it again.");
    if (code.starts_with("53"))
        throw WorkspaceError("The PostgreSQL server of " + display_ + " is out of resources (" + msg +
                             "); the database keeps what it had before this command: ask its administrator.");
    throw InternalError("PostgreSQL error on " + display_ + ": " + msg + " [" +
                        std::string(sql.substr(0, 160)) + "]");
}

PgResult PgConn::exec(std::string_view sql) {
    pg_result* r = PQexec(c_.get(), std::string(sql).c_str());
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r, sql);
    return PgResult(r);
}

PgResult PgConn::exec(std::string_view sql, const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    pg_result* r = PQexecParams(c_.get(), std::string(sql).c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0);
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r, sql);
    return PgResult(r);
}

std::optional<std::string> PgConn::read_bytes(std::string_view sql, const std::string& param) {
    const char* values[1] = {param.c_str()};
    pg_result* r = PQexecParams(c_.get(), std::string(sql).c_str(), 1, nullptr, values, nullptr, nullptr, 1);
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) fail(r, sql);
    PgResult owned(r);
    if (PQntuples(r) == 0 || PQgetisnull(r, 0, 0)) return std::nullopt;
    return std::string(PQgetvalue(r, 0, 0), static_cast<size_t>(PQgetlength(r, 0, 0)));
}

void PgConn::write_bytes(std::string_view sql, const std::string& param, std::string_view bytes) {
    const char* values[2] = {param.c_str(), bytes.data()};
    const int lengths[2] = {0, static_cast<int>(bytes.size())};
    const int formats[2] = {0, 1};  // the key as text, the bytes as they are
    pg_result* r = PQexecParams(c_.get(), std::string(sql).c_str(), 2, nullptr, values, lengths, formats, 0);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, sql);
    PQclear(r);
}

void PgConn::for_each_batch(const std::string& select, const std::function<void(const PgResult&)>& use,
                            int batch_rows, bool binary) {
    std::optional<PgTransaction> own;  // a cursor lives in a transaction
    if (PQtransactionStatus(c_.get()) == PQTRANS_IDLE) own.emplace(*this);
    exec(std::string("DECLARE pa_batch ") + (binary ? "BINARY " : "") + "NO SCROLL CURSOR FOR " + select);
    const std::string fetch = "FETCH " + std::to_string(batch_rows) + " FROM pa_batch";
    for (;;) {
        PgResult r = exec(fetch);
        if (r.rows() == 0) break;
        use(r);
    }
    exec("CLOSE pa_batch");
    if (own) own->commit();
}

bool PgConn::row_security_applies(const std::string& table) {
    if (auto it = rls_.find(table); it != rls_.end()) return it->second;
    auto r = exec(
        "SELECT coalesce((SELECT c.relrowsecurity AND NOT pg_has_role(current_user, c.relowner, 'USAGE') "
        "FROM pg_class c WHERE c.oid = to_regclass($1)), false) AND NOT (SELECT rolsuper OR rolbypassrls "
        "FROM pg_roles WHERE rolname = current_user)",
        {table});
    const bool applies = r.rows() > 0 && r.text(0, 0) == "t";
    rls_[table] = applies;
    return applies;
}

void PgConn::copy_in(std::string_view copy_sql, const CopyRows& rows) {
    if (rows.format() == CopyFormat::Text) return copy_in(copy_sql, rows.data());
    // Signature, flags (no OIDs), no header extension; the rows; the trailer (a field count of -1). Sent as
    // three pieces: the rows (tens of MB) are not copied.
    static constexpr std::string_view kHeader("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
    static constexpr std::string_view kTrailer("\377\377", 2);
    copy_pieces(std::string(copy_sql) + " WITH (FORMAT binary)", {kHeader, rows.data(), kTrailer});
}

void PgConn::copy_in(std::string_view copy_sql, std::string_view data) {
    copy_pieces(copy_sql, {data});
}

void PgConn::copy_pieces(std::string_view copy_sql, std::initializer_list<std::string_view> pieces) {
    // PostgreSQL refuses COPY FROM into a table whose row-level security applies to this user (zone-level
    // rights, pg_zones.cpp): the rows then go through a temporary table and INSERT … SELECT, which the
    // policies check.
    const std::string sql(copy_sql);
    if (sql.rfind("COPY ", 0) == 0) {
        const size_t open = sql.find('('), close = sql.find(')');
        const std::string table = sql.substr(5, open == std::string::npos ? 0 : open - 5);
        if (open != std::string::npos && close != std::string::npos && row_security_applies(table)) {
            const std::string cols = sql.substr(open, close - open + 1);
            exec("CREATE TEMP TABLE IF NOT EXISTS pa_stage_" + table + " (LIKE " + table +
                 ") ON COMMIT DROP");
            exec("TRUNCATE pa_stage_" + table);
            copy_pieces("COPY pa_stage_" + table + cols + sql.substr(close + 1),
                        pieces);  // FROM STDIN [WITH]
            exec("INSERT INTO " + table + cols + " SELECT " + cols.substr(1, cols.size() - 2) +
                 " FROM pa_stage_" + table);
            return;
        }
    }
    pg_result* r = PQexec(c_.get(), sql.c_str());
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) fail(r, copy_sql);
    PQclear(r);
    constexpr size_t kChunk = 1 << 20;
    for (std::string_view data : pieces) {
        for (size_t off = 0; off < data.size(); off += kChunk) {
            const size_t n = std::min(kChunk, data.size() - off);
            if (PQputCopyData(c_.get(), data.data() + off, static_cast<int>(n)) != 1) {
                PQputCopyEnd(c_.get(), "write failed");
                fail(PQgetResult(c_.get()), copy_sql);
            }
        }
    }
    if (PQputCopyEnd(c_.get(), nullptr) != 1) fail(PQgetResult(c_.get()), copy_sql);
    pg_result* done = PQgetResult(c_.get());
    if (!done || PQresultStatus(done) != PGRES_COMMAND_OK) {
        while (pg_result* more = PQgetResult(c_.get())) PQclear(more);
        fail(done, copy_sql);
    }
    PQclear(done);
    while (pg_result* more = PQgetResult(c_.get())) PQclear(more);
}

std::string PgConn::ident(std::string_view name) const {
    char* q = PQescapeIdentifier(c_.get(), name.data(), name.size());
    if (!q) throw InternalError("PostgreSQL could not quote the name '" + std::string(name) + "'.");
    std::string out = q;
    PQfreemem(q);
    return out;
}

// --- PgTransaction ---

PgTransaction::PgTransaction(PgConn& c, const char* begin) : c_(c) {
    c_.exec(begin);
}
PgTransaction::~PgTransaction() {
    if (!done_) {
        try {
            c_.exec("ROLLBACK");
        } catch (...) {
            // a lost connection rolls back on the server by itself
        }
    }
}
void PgTransaction::commit() {
    c_.exec("COMMIT");
    done_ = true;
}

// --- CopyRows ---

namespace {
void put_be(std::string& out, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
}  // namespace

void CopyRows::sep() {
    if (format_ == CopyFormat::Binary) {
        if (!row_open_) {
            row_start_ = data_.size();
            data_ += std::string(2, '\0');  // the field count, set by end_row
            fields_ = 0;
        }
        ++fields_;
        row_open_ = true;
        return;
    }
    if (row_open_) data_ += '\t';
    row_open_ = true;
}
void CopyRows::field(const void* bytes, uint32_t size) {
    sep();
    put_be(data_, size, 4);
    data_.append(static_cast<const char*>(bytes), size);
}
void CopyRows::field8(uint64_t bits) {
    sep();
    put_be(data_, 8, 4);
    put_be(data_, bits, 8);
}
CopyRows& CopyRows::null() {
    sep();
    if (format_ == CopyFormat::Binary)
        put_be(data_, 0xFFFFFFFFu, 4);  // length -1
    else
        data_ += "\\N";
    return *this;
}
CopyRows& CopyRows::add(int64_t v) {
    if (format_ == CopyFormat::Binary) {  // bigint
        field8(static_cast<uint64_t>(v));
        return *this;
    }
    sep();
    data_ += fmt::format("{}", v);
    return *this;
}
CopyRows& CopyRows::add(double v) {
    if (std::isnan(v)) return null();     // SQLite stores a NaN as NULL; so does this
    if (format_ == CopyFormat::Binary) {  // double precision
        field8(std::bit_cast<uint64_t>(v));
        return *this;
    }
    sep();
    if (std::isinf(v))
        data_ += v > 0 ? "Infinity" : "-Infinity";
    else
        data_ += fmt::format("{}", v);  // shortest representation that reads back as the same double
    return *this;
}
CopyRows& CopyRows::add(std::string_view v) {
    if (format_ == CopyFormat::Binary) {
        field(v.data(), static_cast<uint32_t>(v.size()));
        return *this;
    }
    sep();
    for (char ch : v) {
        switch (ch) {
            case '\\':
                data_ += "\\\\";
                break;
            case '\t':
                data_ += "\\t";
                break;
            case '\n':
                data_ += "\\n";
                break;
            case '\r':
                data_ += "\\r";
                break;
            default:
                data_ += ch;
        }
    }
    return *this;
}
CopyRows& CopyRows::hex_or_null(std::string_view bytes) {
    if (bytes.empty()) return null();
    if (format_ == CopyFormat::Binary) {  // geometry's binary input is the EWKB itself
        field(bytes.data(), static_cast<uint32_t>(bytes.size()));
        return *this;
    }
    sep();
    static constexpr char kHex[] = "0123456789abcdef";
    const size_t at = data_.size();
    data_.resize(at + 2 * bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        data_[at + 2 * i] = kHex[b >> 4];
        data_[at + 2 * i + 1] = kHex[b & 15];
    }
    return *this;
}
CopyRows& CopyRows::bytea(std::string_view bytes) {
    if (format_ == CopyFormat::Binary) {
        field(bytes.data(), static_cast<uint32_t>(bytes.size()));
        return *this;
    }
    sep();
    data_ += "\\\\x";
    row_open_ = false;  // hex_or_null continues the same field
    if (bytes.empty()) {
        row_open_ = true;
        return *this;
    }
    return hex_or_null(bytes);
}
void CopyRows::end_row() {
    if (format_ == CopyFormat::Binary) {
        if (!row_open_) {  // an empty row: a field count of 0
            sep();
            fields_ = 0;
        }
        data_[row_start_] = static_cast<char>(fields_ >> 8);
        data_[row_start_ + 1] = static_cast<char>(fields_ & 0xFF);
        row_open_ = false;
        return;
    }
    data_ += '\n';
    row_open_ = false;
}

std::string ewkb_from_wkb(std::string_view wkb, uint32_t srid) {
    if (wkb.size() < 5 || wkb[0] != 1) throw InternalError("ewkb_from_wkb: not little-endian WKB");
    uint32_t type = 0;
    std::memcpy(&type, wkb.data() + 1, 4);
    type |= 0x20000000u;
    std::string out;
    out.reserve(wkb.size() + 4);
    out += wkb[0];
    out.append(reinterpret_cast<const char*>(&type), 4);
    out.append(reinterpret_cast<const char*>(&srid), 4);
    out.append(wkb.substr(5));
    return out;
}

}  // namespace pa::store

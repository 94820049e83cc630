#pragma once
// InternedString: a text of few distinct values (a zone code, a land-use class, a project stage…) in 8 bytes.
// A million parcels carry ten such columns each; as std::string each took 32 bytes (320 MB of the viewer's
// parcels at a million, most of it the same dozen values). Every distinct value is kept once, for the life of
// the program, in a process-wide pool (thread-safe; each thread keeps a lock-free cache of what it has seen),
// and an InternedString points at it: copying is a pointer copy, equality a pointer compare. Only for columns
// of few distinct values: a code unique per parcel would only add the pool's own cost.
//
// It reads like a const std::string (converts to `const std::string&`; empty, size, c_str, data, comparisons
// with std::string, string_view and C strings) and is assigned from any of them.
#include <compare>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace pa {

class InternedString {
  public:
    InternedString() noexcept : s_(empty_string()) {}
    InternedString(std::string_view v) : s_(intern(v)) {}  // NOLINT(google-explicit-constructor)
    InternedString(const std::string& v)                   // NOLINT(google-explicit-constructor)
        : InternedString(std::string_view(v)) {}
    InternedString(const char* v)
        : InternedString(std::string_view(v)) {}  // NOLINT(google-explicit-constructor)

    InternedString& operator=(std::string_view v) {
        s_ = intern(v);
        return *this;
    }
    InternedString& operator=(const std::string& v) { return *this = std::string_view(v); }
    InternedString& operator=(const char* v) { return *this = std::string_view(v); }

    const std::string& str() const noexcept { return *s_; }
    operator const std::string&() const noexcept { return *s_; }  // NOLINT(google-explicit-constructor)
    std::string_view view() const noexcept { return *s_; }

    bool empty() const noexcept { return s_->empty(); }
    size_t size() const noexcept { return s_->size(); }
    const char* c_str() const noexcept { return s_->c_str(); }
    const char* data() const noexcept { return s_->data(); }
    void clear() noexcept { s_ = empty_string(); }

    friend bool operator==(const InternedString& a, const InternedString& b) noexcept { return a.s_ == b.s_; }
    friend bool operator==(const InternedString& a, const std::string& b) noexcept { return *a.s_ == b; }
    friend bool operator==(const InternedString& a, std::string_view b) noexcept { return *a.s_ == b; }
    friend bool operator==(const InternedString& a, const char* b) noexcept { return *a.s_ == b; }
    friend std::strong_ordering operator<=>(const InternedString& a, const InternedString& b) noexcept {
        return a.s_ == b.s_ ? std::strong_ordering::equal : a.s_->compare(*b.s_) <=> 0;
    }
    friend std::strong_ordering operator<=>(const InternedString& a, const std::string& b) noexcept {
        return a.s_->compare(b) <=> 0;
    }

    friend std::string operator+(const std::string& a, const InternedString& b) { return a + *b.s_; }
    friend std::string operator+(const InternedString& a, const std::string& b) { return *a.s_ + b; }
    friend std::string operator+(const char* a, const InternedString& b) { return a + *b.s_; }
    friend std::string operator+(const InternedString& a, const char* b) { return *a.s_ + b; }
    friend std::ostream& operator<<(std::ostream& o, const InternedString& s) { return o << *s.s_; }

    /// How many distinct values the pool holds (tests, benchmarks).
    static size_t pool_size();

  private:
    static const std::string* empty_string() noexcept;
    static const std::string* intern(std::string_view v);
    const std::string* s_;
};

/// nlohmann::json (found by argument-dependent lookup): written as its text.
template <class Json>
void to_json(Json& j, const InternedString& s) {
    j = s.str();
}

}  // namespace pa

template <>
struct std::hash<pa::InternedString> {
    size_t operator()(const pa::InternedString& s) const noexcept {
        return std::hash<std::string>{}(s.str());
    }
};

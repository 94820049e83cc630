#pragma once
// OptDouble: an optional number in 8 bytes. std::optional<double> takes 16 (the flag is padded to 8); the
// model holds about 20 optional figures per parcel and project, a million parcels in a real cadastre, so the
// flag is folded into the value: NaN stands for "no value". No stored figure can be NaN (the readers refuse
// non-finite numbers), so the encoding loses nothing. It reads and assigns like std::optional<double> and
// converts to and from it.
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace pa {

class OptDouble {
  public:
    constexpr OptDouble() noexcept = default;
    constexpr OptDouble(std::nullopt_t) noexcept {}  // NOLINT(google-explicit-constructor): as std::optional
    constexpr OptDouble(double v) noexcept : v_(v) {}  // NOLINT(google-explicit-constructor); NaN: no value
    constexpr OptDouble(const std::optional<double>& v) noexcept  // NOLINT(google-explicit-constructor)
        : v_(v ? *v : kNone) {}
    operator std::optional<double>() const noexcept {  // NOLINT(google-explicit-constructor)
        return has_value() ? std::optional<double>(v_) : std::nullopt;
    }

    bool has_value() const noexcept { return !std::isnan(v_); }
    explicit operator bool() const noexcept { return has_value(); }
    /// The value; like std::optional, undefined (here: NaN) when there is none: test first.
    double operator*() const noexcept { return v_; }
    double value() const {
        if (!has_value()) throw std::bad_optional_access();
        return v_;
    }
    double value_or(double fallback) const noexcept { return has_value() ? v_ : fallback; }
    void reset() noexcept { v_ = kNone; }
    OptDouble& operator=(std::nullopt_t) noexcept {
        v_ = kNone;
        return *this;
    }

    friend bool operator==(const OptDouble& a, const OptDouble& b) noexcept {
        return a.has_value() == b.has_value() && (!a.has_value() || a.v_ == b.v_);
    }
    friend bool operator==(const OptDouble& a, std::nullopt_t) noexcept { return !a.has_value(); }

  private:
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    double v_ = kNone;
};

}  // namespace pa

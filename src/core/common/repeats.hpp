#pragma once
// Keys that occur more than once among n records (duplicate parcel codes, duplicate project ids): each with
// its first position and count, in order of first appearance. Keys are views into the records (no copy of a
// million codes); empty keys are never repeats.
#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pa {

struct Repeat {
    size_t first = 0;  // position of the key's first record
    size_t count = 0;  // how many records hold it (>= 2)
};

/// `key_of(i)` gives the key of record i as something a std::string_view is made from; it must outlive the
/// call.
template <class KeyOf>
std::vector<Repeat> repeated_keys(size_t n, KeyOf key_of) {
    std::unordered_map<std::string_view, Repeat> seen;
    seen.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string_view k = key_of(i);
        if (k.empty()) continue;
        auto [it, inserted] = seen.try_emplace(k, Repeat{i, 1});
        if (!inserted) ++it->second.count;
    }
    std::vector<Repeat> out;
    for (size_t i = 0; i < n; ++i) {
        const std::string_view k = key_of(i);
        if (k.empty()) continue;
        const Repeat& r = seen[k];  // present: every non-empty key was counted above
        if (r.first == i && r.count > 1) out.push_back(r);
    }
    return out;
}

}  // namespace pa

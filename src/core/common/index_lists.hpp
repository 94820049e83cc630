#pragma once
// IndexLists: a short list of indices per key (the projects on each parcel, the parcels in each grid cell),
// held in one array with an offset per key (compressed sparse rows). A million std::vector<int> cost a
// million allocations and 24 bytes of header each before their first entry; this costs 4 bytes per key.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace pa {

class IndexLists {
  public:
    IndexLists() = default;
    /// `keys` lists from (key, value) pairs (keys below `keys`; others are ignored); each list keeps the
    /// order of its pairs.
    static IndexLists from_pairs(size_t keys, const std::vector<std::pair<uint32_t, int>>& pairs) {
        IndexLists l;
        l.first_.assign(keys + 1, 0);
        for (const auto& [k, v] : pairs)
            if (k < keys) ++l.first_[k + 1];
        for (size_t k = 0; k < keys; ++k) l.first_[k + 1] += l.first_[k];
        l.values_.resize(l.first_[keys]);
        std::vector<uint32_t> next(l.first_.begin(), l.first_.end() - 1);
        for (const auto& [k, v] : pairs)
            if (k < keys) l.values_[next[k]++] = v;
        return l;
    }
    /// The list of `key` (precondition: key < size()).
    std::span<const int> operator[](size_t key) const {
        return {values_.data() + first_[key], values_.data() + first_[key + 1]};
    }
    size_t size() const { return first_.empty() ? 0 : first_.size() - 1; }
    bool empty() const { return size() == 0; }
    void clear() {
        first_.clear();
        values_.clear();
    }
    friend bool operator==(const IndexLists&, const IndexLists&) = default;

  private:
    std::vector<uint32_t> first_;  // per key, its first value; then the end (keys + 1 entries)
    std::vector<int> values_;
};

}  // namespace pa

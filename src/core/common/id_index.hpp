#pragma once
// Row id -> position in a vector of model records. The import numbers parcels and projects 1..N, so the usual
// case is a dense run of ids and the lookup is arithmetic; otherwise (ids from an edited workspace) a hash
// map. At a million parcels this replaces several million-entry unordered_maps in the join and the
// indicators.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace pa {

class IdIndex {
  public:
    template <class T>
    explicit IdIndex(const std::vector<T>& records) : size_(records.size()) {
        if (!records.empty()) first_ = records.front().id;
        for (size_t i = 0; i < records.size() && dense_; ++i)
            dense_ = records[i].id == first_ + static_cast<int64_t>(i);
        if (dense_) return;
        map_.reserve(records.size());
        for (size_t i = 0; i < records.size(); ++i) map_.emplace(records[i].id, i);  // first one wins
    }
    std::optional<size_t> find(int64_t id) const {
        if (dense_) {
            if (id < first_ || id - first_ >= static_cast<int64_t>(size_)) return std::nullopt;
            return static_cast<size_t>(id - first_);
        }
        auto it = map_.find(id);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }
    size_t at(int64_t id) const {
        if (auto i = find(id)) return *i;
        throw std::out_of_range("no record with id " + std::to_string(id));
    }

  private:
    size_t size_ = 0;
    int64_t first_ = 0;
    bool dense_ = true;
    std::unordered_map<int64_t, size_t> map_;
};

}  // namespace pa

#include "core/common/interned_string.hpp"

#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace pa {

namespace {
struct Pool {
    std::mutex mutex;
    std::unordered_set<std::string> values;  // node-based: a value's address never changes
};
Pool& pool() {
    static Pool* p = new Pool;  // never destroyed: values outlive every static that holds one
    return *p;
}
}  // namespace

const std::string* InternedString::empty_string() noexcept {
    static const std::string* e = new std::string;
    return e;
}

const std::string* InternedString::intern(std::string_view v) {
    if (v.empty()) return empty_string();
    // This thread's cache first (no lock): views into the pool's values, which never move or go.
    thread_local std::unordered_map<std::string_view, const std::string*> seen;
    if (auto it = seen.find(v); it != seen.end()) return it->second;
    Pool& p = pool();
    const std::string* s = nullptr;
    {
        const std::lock_guard lock(p.mutex);
        s = &*p.values.emplace(v).first;
    }
    seen.emplace(std::string_view(*s), s);
    return s;
}

size_t InternedString::pool_size() {
    Pool& p = pool();
    const std::lock_guard lock(p.mutex);
    return p.values.size();
}

}  // namespace pa

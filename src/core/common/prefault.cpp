#include "core/common/prefault.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace pa {

void prefault_pages(void* data, size_t bytes, unsigned threads) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    const long page_size = sysconf(_SC_PAGESIZE);
    const uintptr_t page = page_size > 0 ? static_cast<uintptr_t>(page_size) : 4096;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(page - 1);
    if (data == nullptr || end <= begin || bytes < (64u << 20)) return;  // small: not worth threads
    const uintptr_t pages = (end - begin) / page;
    threads = std::clamp<unsigned>(threads, 1, 16);
    std::vector<std::jthread> pool;
    for (unsigned k = 0; k < threads; ++k) {
        const uintptr_t a = begin + pages * k / threads * page, b = begin + pages * (k + 1) / threads * page;
        pool.emplace_back([a, b] { madvise(reinterpret_cast<void*>(a), b - a, MADV_POPULATE_WRITE); });
    }
#else
    (void)data;
    (void)bytes;
    (void)threads;
#endif
}

}  // namespace pa

#pragma once
// Data parallelism of the core: a loop split over a few threads, the thread count clamped, a failure rethrown
// on the caller's thread (the first one), thread creation failure degrading to fewer threads instead of
// aborting.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace pa {

/// Threads worth starting: `wanted` (0 = the machine's cores) clamped to [1, 64] and to the cores available.
inline unsigned thread_count(unsigned wanted = 0) {
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    if (wanted == 0) wanted = hw;
    return std::clamp(wanted, 1u, std::min(64u, hw));
}

/// Calls body(begin, end, worker) over [0, n) in chunks of `grain`, on up to `threads` threads (the caller's
/// included). Rethrows the first exception after all threads have stopped.
template <class Body>
void parallel_for(size_t n, size_t grain, Body body, unsigned threads = 0) {
    if (n == 0) return;
    grain = std::max<size_t>(1, grain);
    const unsigned nt =
        static_cast<unsigned>(std::min<size_t>(thread_count(threads), (n + grain - 1) / grain));
    std::atomic<size_t> next{0};
    std::exception_ptr error;
    std::mutex mu;
    auto worker = [&](unsigned w) {
        for (;;) {
            const size_t b = next.fetch_add(grain);
            if (b >= n) return;
            try {
                body(b, std::min(n, b + grain), w);
            } catch (...) {
                std::lock_guard lk(mu);
                if (!error) error = std::current_exception();
                next = n;
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < nt; ++t) {
        try {
            pool.emplace_back(worker, t);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones running share the work
        }
    }
    worker(0);
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace pa

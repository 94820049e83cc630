#pragma once
// Data parallelism of the core: a loop split over a few threads, the thread count clamped, a failure rethrown
// on the caller's thread (the first one), thread creation failure degrading to fewer threads instead of
// aborting.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <future>
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

/// A producer and a serial consumer over [0, n) in chunks of `chunk`: make(begin, end, buffer) prepares chunk
/// k+1 on a second thread while use(begin, end, buffer) consumes chunk k on the caller's (e.g. one SQLite
/// connection writing rows whose blobs take work to build). Two buffers of type Buf alternate. An exception
/// from either is rethrown on the caller's thread once the producer has stopped; without a second thread the
/// chunks are made on the caller's.
template <class Buf, class Make, class Use>
void pipeline_chunks(size_t n, size_t chunk, Make make, Use use) {
    chunk = std::max<size_t>(1, chunk);
    const size_t chunks = (n + chunk - 1) / chunk;
    if (chunks == 0) return;
    Buf bufs[2];
    auto run = [&](size_t k) { make(k * chunk, std::min(n, (k + 1) * chunk), bufs[k % 2]); };
    run(0);
    for (size_t k = 0; k < chunks; ++k) {
        std::future<void> next;  // declared after bufs: waited for (destroyed) before them
        if (k + 1 < chunks) {
            try {
                next = std::async(std::launch::async, run, k + 1);
            } catch (const std::system_error&) {
            }
        }
        use(k * chunk, std::min(n, (k + 1) * chunk), bufs[k % 2]);
        if (k + 1 < chunks) {
            if (next.valid())
                next.get();
            else
                run(k + 1);
        }
    }
}

}  // namespace pa

// core/common/parallel.hpp: the chunked producer/consumer used by the bulk writers.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "core/common/parallel.hpp"

namespace pa {
namespace {

TEST(PipelineChunks, ConsumesEveryChunkInOrderWithWhatWasMadeForIt) {
    const size_t n = 10'007;  // not a multiple of the chunk
    std::vector<size_t> consumed;
    std::vector<std::thread::id> makers;
    pipeline_chunks<std::vector<size_t>>(
        n, 1000,
        [&](size_t b, size_t e, std::vector<size_t>& buf) {
            buf.clear();
            for (size_t i = b; i < e; ++i) buf.push_back(i * 3);
        },
        [&](size_t b, size_t e, std::vector<size_t>& buf) {
            ASSERT_EQ(buf.size(), e - b);
            for (size_t i = b; i < e; ++i) {
                EXPECT_EQ(buf[i - b], i * 3);
                consumed.push_back(i);
            }
        });
    ASSERT_EQ(consumed.size(), n);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(consumed[i], i);
}

TEST(PipelineChunks, NothingToDoCallsNeither) {
    int calls = 0;
    pipeline_chunks<int>(
        0, 64, [&](size_t, size_t, int&) { ++calls; }, [&](size_t, size_t, int&) { ++calls; });
    EXPECT_EQ(calls, 0);
}

TEST(PipelineChunks, AFailingConsumerStopsAfterTheProducerFinishes) {
    size_t made = 0;  // written by the producer only; read after pipeline_chunks returned
    EXPECT_THROW(pipeline_chunks<int>(
                     100, 10, [&](size_t, size_t, int& v) { v = 1, ++made; },
                     [&](size_t b, size_t, int&) {
                         if (b == 30) throw std::runtime_error("disk full");
                     }),
                 std::runtime_error);
    EXPECT_LE(made, 5u);  // chunks 0..3 consumed or being made, never all ten
}

TEST(PipelineChunks, AFailingProducerIsRethrownOnTheCallersThread) {
    EXPECT_THROW(pipeline_chunks<int>(
                     100, 10,
                     [&](size_t b, size_t, int&) {
                         if (b == 50) throw std::invalid_argument("bad geometry");
                     },
                     [&](size_t, size_t, int&) {}),
                 std::invalid_argument);
}

}  // namespace
}  // namespace pa

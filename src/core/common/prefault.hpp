#pragma once
// Touching a large fresh allocation for the first time costs a page fault per 4 KiB page, zeroed by the
// kernel in the faulting thread: a million Parcel records (about 1 GB) took 0.44 s to construct on one core,
// most of it in faults. prefault_pages() faults the pages of [data, data + bytes) in from several threads
// first (madvise(MADV_POPULATE_WRITE), Linux 5.14+); elsewhere, or when the kernel refuses, it does nothing
// and the faults happen later as before.
#include <cstddef>

namespace pa {

void prefault_pages(void* data, size_t bytes, unsigned threads);

}  // namespace pa

// Global operator new/delete that keep a running total. Each block carries its
// size in a header in front of it (as large as the block's alignment, so the
// pointer handed out keeps that alignment).
#include "alloc_tracker.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<size_t> g_live{0};
std::atomic<size_t> g_peak{0};

void* allocate(size_t size, size_t align) {
  align = std::max<size_t>(align, alignof(std::max_align_t));
  const size_t header = align;  // >= sizeof(size_t) and keeps the alignment
  void* base = nullptr;
  if (posix_memalign(&base, align, header + size) != 0) throw std::bad_alloc();
  auto* p = static_cast<unsigned char*>(base) + header;
  reinterpret_cast<size_t*>(p)[-1] = size;
  reinterpret_cast<size_t*>(p)[-2] = header;
  const size_t live = g_live.fetch_add(size) + size;
  size_t peak = g_peak.load();
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
  }
  return p;
}

void release(void* ptr) {
  if (!ptr) return;
  auto* p = static_cast<unsigned char*>(ptr);
  const size_t size = reinterpret_cast<size_t*>(p)[-1];
  const size_t header = reinterpret_cast<size_t*>(p)[-2];
  g_live.fetch_sub(size);
  std::free(p - header);
}

}  // namespace

namespace alloc_tracker {
size_t live_bytes() { return g_live.load(); }
size_t peak_bytes() { return g_peak.load(); }
void reset_peak() { g_peak.store(g_live.load()); }
Watch::Watch() : start_((reset_peak(), live_bytes())) {}
size_t Watch::peak_growth() const { return peak_bytes() - start_; }
}  // namespace alloc_tracker

void* operator new(size_t n) { return allocate(n, 0); }
void* operator new[](size_t n) { return allocate(n, 0); }
void* operator new(size_t n, std::align_val_t a) { return allocate(n, static_cast<size_t>(a)); }
void* operator new[](size_t n, std::align_val_t a) { return allocate(n, static_cast<size_t>(a)); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n, 0);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n, 0);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, size_t) noexcept { release(p); }
void operator delete[](void* p, size_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }

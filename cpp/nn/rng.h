// Deterministic random numbers that give the same sequence on every platform.
// std::uniform_real_distribution is implementation-defined (libstdc++ natively,
// libc++ under Emscripten), so the native and WASM builds would not agree; this
// generator and its helpers are fully specified here.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

namespace nn {

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, passes BigCrush.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next_u64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * (1.0 / 9007199254740992.0); }

  /// Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

  /// Standard normal, truncated to [-2, 2] by rejection (as Keras'
  /// TruncatedNormal), by Box-Muller: the same numbers natively and in WASM.
  double truncated_normal() {
    for (;;) {
      const double u1 = 1.0 - uniform01(), u2 = uniform01();  // u1 in (0, 1]
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
      if (z >= -2.0 && z <= 2.0) return z;
    }
  }

  /// Unbiased integer in [0, n) by rejection.
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r;
    do r = next_u64();
    while (r >= limit);
    return r % n;
  }

  /// Fisher–Yates shuffle.
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(below(i));
      std::swap(v[i - 1], v[j]);
    }
  }

 private:
  uint64_t state_;
};

}  // namespace nn

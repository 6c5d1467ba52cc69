// Four-lane float vectors written once with GCC/Clang vector extensions: they
// compile to WASM SIMD with -msimd128, to SSE natively, and to scalar code when
// neither is available (the scalar WASM build). The few operations vector
// extensions lack (sqrt) have a per-target twin here.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nn::simd {

typedef float v4f __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));

inline v4f load(const float* p) {
  v4f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, v4f v) { std::memcpy(p, &v, sizeof v); }
inline v4f splat(float x) { return v4f{x, x, x, x}; }

/// mask ? a : b, lane by lane (mask lanes are all ones or all zeros, as comparisons give).
inline v4f select(v4i mask, v4f a, v4f b) { return (v4f)((mask & (v4i)a) | (~mask & (v4i)b)); }

/// Correctly rounded square root of each lane (same result as std::sqrt).
inline v4f sqrt(v4f v) {
#if defined(__wasm_simd128__)
  return (v4f)wasm_f32x4_sqrt((v128_t)v);
#elif defined(__SSE2__)
  return (v4f)_mm_sqrt_ps((__m128)v);
#else
  return v4f{std::sqrt(v[0]), std::sqrt(v[1]), std::sqrt(v[2]), std::sqrt(v[3])};
#endif
}

/// Lanes of a below b raised to b: a < b ? b : a, one instruction (WASM
/// f32x4.pmax, SSE maxps with its operands swapped). A NaN lane of a stays NaN.
inline v4f pmax(v4f a, v4f b) {
#if defined(__wasm_simd128__)
  return (v4f)wasm_f32x4_pmax((v128_t)a, (v128_t)b);
#elif defined(__SSE2__)
  return (v4f)_mm_max_ps((__m128)b, (__m128)a);
#else
  return v4f{a[0] < b[0] ? b[0] : a[0], a[1] < b[1] ? b[1] : a[1], a[2] < b[2] ? b[2] : a[2], a[3] < b[3] ? b[3] : a[3]};
#endif
}
/// Lanes of a above b lowered to b: b < a ? b : a. A NaN lane of a stays NaN.
inline v4f pmin(v4f a, v4f b) {
#if defined(__wasm_simd128__)
  return (v4f)wasm_f32x4_pmin((v128_t)a, (v128_t)b);
#elif defined(__SSE2__)
  return (v4f)_mm_min_ps((__m128)b, (__m128)a);
#else
  return v4f{b[0] < a[0] ? b[0] : a[0], b[1] < a[1] ? b[1] : a[1], b[2] < a[2] ? b[2] : a[2], b[3] < a[3] ? b[3] : a[3]};
#endif
}

/// Sum of the four lanes.
inline float sum(v4f v) { return (v[0] + v[1]) + (v[2] + v[3]); }

}  // namespace nn::simd

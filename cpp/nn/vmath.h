// Vector math over four float lanes: exp, expm1, log, log1p, tanh, sigmoid,
// softplus, erf and erfc, written once with the vector types of simd.h, so the
// same source compiles to WASM SIMD, to SSE natively and to scalar code (the
// scalar WASM build) - no libm call and no target-specific intrinsic.
//
// Method (as XNNPACK's and Cephes' float kernels): range reduction
// x = n ln2 + r with |r| <= ln2/2 (n rounded by adding 1.5 * 2^23), a short
// polynomial in r, and 2^n put back by integer arithmetic on the exponent bits.
// Every function is branch-free: both sides of a case are computed and one is
// selected per lane.
//
// Accuracy, measured by tests/cpp/test_vmath.cpp over 2^24 inputs on
// [-100, 100] plus 2^22 log-spaced ones near 0, against double libm:
//   exp, expm1, sigmoid, tanh, log, log1p, softplus   <= 4 ulp relative
//   erfc, erf                                         <= 9 ulp relative
// Handled range: every float. Results saturate to the right limits (exp: 0
// below ln(FLT_MIN) = -87.34 - flushed, so no denormal slow path - and +inf
// above ln(FLT_MAX) = 88.72; sigmoid 0/1, tanh and erf +-1, erfc 0/2), NaN in
// gives NaN out, infinities give their limits, and no lane ever computes an
// intermediate that overflows for a finite result.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

#include "simd.h"

namespace nn::vmath {

using simd::select;
using simd::splat;
using simd::v4f;
using simd::v4i;

inline v4i splati(int32_t k) { return v4i{k, k, k, k}; }
inline v4f abs(v4f x) { return (v4f)((v4i)x & splati(0x7fffffff)); }
/// |mag| with the sign of sgn.
inline v4f copysign(v4f mag, v4f sgn) {
  return (v4f)(((v4i)mag & splati(0x7fffffff)) | ((v4i)sgn & splati(INT32_MIN)));
}
/// min(x, c) that keeps NaN lanes NaN.
inline v4f min_keep_nan(v4f x, float c) { return select(x > splat(c), splat(c), x); }
/// Lanes of x outside [lo, hi] moved to the nearest end; NaN lanes become lo.
inline v4f clamp(v4f x, float lo, float hi) {
  const v4f a = select(x > splat(lo), x, splat(lo));
  return select(a < splat(hi), a, splat(hi));
}
/// x with its 12 low mantissa bits cleared: its square is exact in float.
inline v4f high_half(v4f x) { return (v4f)((v4i)x & splati(int32_t(0xfffff000u))); }

namespace detail {

constexpr float kMagic = 12582912.f;           // 1.5 * 2^23: x + kMagic rounds x to an integer
constexpr float kMagic127 = 12582912.f + 127;  // the same, with the exponent bias: bits << 23 are 2^n
constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693145751953125f;  // ln 2 in 15 bits: n * kLn2Hi is exact for |n| < 512
constexpr float kLn2Lo = 1.42860682030941723212e-6f;
constexpr float kLnMin = -87.33654475f;  // ln FLT_MIN: below it, exp is flushed to 0
constexpr float kLnMax = 88.72283906f;   // ln FLT_MAX

/// 2^n for integer n in [-126, 127], from the exponent bits.
inline v4f pow2(v4i n) { return (v4f)((n + splati(127)) << 23); }

/// p(r) = (e^r - 1)/r on |r| <= 0.354, degree 5 with p(0) = 1 exactly:
/// Chebyshev interpolation (build-scripts/fit-polynomials.py), 2.9e-8 relative.
inline v4f expm1_over_r(v4f r) {
  v4f q = splat(0.00139354519f);
  q = q * r + splat(0.00837059785f);
  q = q * r + splat(0.0416664481f);
  q = q * r + splat(0.166664913f);
  q = q * r + splat(0.5f);
  return q * r + splat(1.f);
}

/// hi + lo <= 88 (lo a small correction, or 0) reduced: 2^n (n in [-126, 127],
/// its exponent bits straight from the rounding constant), r and the
/// polynomial, so that e^(hi + lo) = s + (r s) p and e^(hi + lo) - 1 = (r s) p + (s - 1).
/// Lanes below ln FLT_MIN hold garbage (the callers select them away); NaN
/// lanes stay NaN through r.
struct FastReduced {
  v4f s, rs, p;
};
inline FastReduced reduce_fast(v4f hi, v4f lo) {
  const v4f t = (hi + lo) * splat(kLog2e) + splat(kMagic127);
  const v4f s = (v4f)((v4i)t << 23);
  const v4f n = t - splat(kMagic127);
  const v4f r = ((hi - n * splat(kLn2Hi)) - n * splat(kLn2Lo)) + lo;
  return {s, r * s, expm1_over_r(r)};
}

}  // namespace detail

/// e^(hi + lo) for hi + lo <= 88 (or NaN, or -inf), lo a small correction to
/// hi (for arguments known as an exact sum, such as -x^2 split into an exact
/// square and a remainder). Flushed to 0 below ln FLT_MIN. The fast path the
/// activations use: they pass -|x| (never overflows) or min(x, 10).
inline v4f exp_sum_fast(v4f hi, v4f lo) {
  const auto q = detail::reduce_fast(hi, lo);
  return select(hi + lo < splat(detail::kLnMin), splat(0.f), q.s + q.rs * q.p);
}
inline v4f exp_fast(v4f z) { return exp_sum_fast(z, splat(0.f)); }
/// e^z - 1 for z <= 88, accurate near 0; -1 below ln FLT_MIN.
inline v4f expm1_fast(v4f z) {
  const auto q = detail::reduce_fast(z, splat(0.f));
  return select(z < splat(detail::kLnMin), splat(-1.f), q.rs * q.p + (q.s - splat(1.f)));
}

/// e^z and e^z - 1 from one reduction, for z <= 88 (0 and -1 below ln FLT_MIN).
struct ExpPair {
  v4f e, em;
};
inline ExpPair exp_pair_fast(v4f z) {
  const auto q = detail::reduce_fast(z, splat(0.f));
  const v4i under = z < splat(detail::kLnMin);
  return {select(under, splat(0.f), q.s + q.rs * q.p), select(under, splat(-1.f), q.rs * q.p + (q.s - splat(1.f)))};
}

/// e^x for any x: 0 below ln FLT_MIN (flushed: no denormals), +inf above
/// ln FLT_MAX, NaN for NaN. 2^n is applied as two factors so n = 128 fits.
inline v4f exp(v4f x) {
  const v4f xc = clamp(x, -100.f, 100.f);
  const v4f t = xc * splat(detail::kLog2e) + splat(detail::kMagic);
  const v4f n = t - splat(detail::kMagic);
  const v4i ni = (v4i)t - (v4i)splat(detail::kMagic), n1 = ni >> 1;
  const v4f r = (xc - n * splat(detail::kLn2Hi)) - n * splat(detail::kLn2Lo);
  v4f y = (splat(1.f) + r * detail::expm1_over_r(r)) * detail::pow2(n1) * detail::pow2(ni - n1);
  y = select(x < splat(detail::kLnMin), splat(0.f), y);
  y = select(x > splat(detail::kLnMax), splat(std::numeric_limits<float>::infinity()), y);
  return select(x != x, x, y);
}

/// e^x - 1 for any x, accurate near 0.
inline v4f expm1(v4f x) {
  const v4f y = expm1_fast(min_keep_nan(x, 88.f));
  return select(x > splat(88.f), exp(x), y);
}

namespace detail {
/// log(1 + u) = 2 atanh s, s = u / (2 + u), for u in [0, 1] (s <= 1/3):
/// 2s (1 + z g(z)), z = s^2, g degree 3 (Chebyshev, 7.6e-9 relative).
inline v4f log1p_unit(v4f u) {
  const v4f s = u / (u + splat(2.f)), z = s * s;
  v4f g = splat(0.140788898f);
  g = g * z + splat(0.139825791f);
  g = g * z + splat(0.200122982f);
  g = g * z + splat(0.333331615f);
  const v4f s2 = s + s;
  return s2 + (s2 * z) * g;
}
}  // namespace detail

/// Natural logarithm: -inf at 0, NaN below 0, +inf at +inf; denormals handled.
inline v4f log(v4f x) {
  const v4i tiny = x < splat(std::numeric_limits<float>::min());
  const v4f xs = select(tiny, x * splat(33554432.f), x);  // * 2^25
  const v4i bits = (v4i)xs;
  v4i e = ((bits >> 23) & splati(0xff)) - splati(127) - (tiny & splati(25));
  v4f m = (v4f)((bits & splati(0x7fffff)) | splati(0x3f800000));  // [1, 2)
  const v4i big = m > splat(1.41421356f);
  m = select(big, m * splat(0.5f), m);  // [sqrt 1/2, sqrt 2)
  e = e - big;                          // big lanes are -1: e + 1
  // log m = 2 atanh s = 2s + s z (2/3 + 2/5 z + 2/7 z^2 + 2/9 z^3), s = (m - 1)/(m + 1), z = s^2 <= 0.0295
  const v4f s = (m - splat(1.f)) / (m + splat(1.f)), z = s * s;
  v4f p = splat(2.f / 11);
  p = p * z + splat(2.f / 9);
  p = p * z + splat(2.f / 7);
  p = p * z + splat(2.f / 5);
  p = p * z + splat(2.f / 3);
  const v4f logm = (s + s) + (s * z) * p;
  const v4f ef = (v4f)((v4i)splat(detail::kMagic) + e) - splat(detail::kMagic);
  v4f y = ef * splat(detail::kLn2Hi) + (logm + ef * splat(detail::kLn2Lo));
  const float inf = std::numeric_limits<float>::infinity();
  y = select(x == splat(inf), splat(inf), y);
  y = select(x == splat(0.f), splat(-inf), y);
  y = select(x < splat(0.f), splat(std::numeric_limits<float>::quiet_NaN()), y);
  return select(x != x, x, y);
}

/// log(1 + u), accurate for small u: the unit-interval series on [0, 1],
/// log(w) u / (w - 1) with w = 1 + u (Kahan) elsewhere.
inline v4f log1p(v4f u) {
  const v4f w = u + splat(1.f);
  const v4f kahan = select(w == splat(1.f), u, log(w) * (u / (w - splat(1.f))));
  const v4i unit = (u >= splat(0.f)) & (u <= splat(1.f));
  const v4f y = select(unit, detail::log1p_unit(u), kahan);
  return select(u == splat(std::numeric_limits<float>::infinity()), u, y);
}

/// The logistic function 1 / (1 + e^-x) and, from the same exp, its derivative.
struct SigmoidAndSlope {
  v4f s, ds;
};
inline SigmoidAndSlope sigmoid_and_slope(v4f x) {
  const v4f e = exp_fast(-abs(x));  // (0, 1]: never overflows
  const v4f r = splat(1.f) / (splat(1.f) + e);
  const v4f er = e * r;
  return {select(x >= splat(0.f), r, er), er * r};
}
inline v4f sigmoid(v4f x) {
  const v4f e = exp_fast(-abs(x));
  const v4f r = splat(1.f) / (splat(1.f) + e);
  return select(x >= splat(0.f), r, e * r);
}
/// sigma'(x) = e^-|x| / (1 + e^-|x|)^2, accurate far out on both tails.
inline v4f sigmoid_slope(v4f x) {
  const v4f e = exp_fast(-abs(x));
  const v4f d = splat(1.f) + e;
  return e / (d * d);
}

/// tanh x = -expm1(-2|x|) / (2 + expm1(-2|x|)), with the sign of x.
inline v4f tanh(v4f x) {
  const v4f em = expm1_fast(splat(-2.f) * abs(x));
  return copysign(-em / (splat(2.f) + em), x);
}
/// tanh'(x) = 1 - tanh^2 x = 4 e / (1 + e)^2, e = e^-2|x| (no cancellation far out).
inline v4f tanh_slope(v4f x) {
  const v4f e = exp_fast(splat(-2.f) * abs(x));
  const v4f d = splat(1.f) + e;
  return splat(4.f) * e / (d * d);
}

/// softplus x = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), without overflow.
inline v4f softplus(v4f x) {
  const v4f pos = select(x > splat(0.f), x, splat(0.f));
  return select(x != x, x, pos + detail::log1p_unit(exp_fast(-abs(x))));
}

namespace detail {
/// erf(z) / z as a polynomial in u = z^2 for |z| <= 1 (Chebyshev, degree 5, 5.5e-8 relative).
inline v4f erf_near0(v4f z) {
  const v4f u = z * z;
  v4f p = splat(-0.000564805989f);
  p = p * u + splat(0.00492176181f);
  p = p * u + splat(-0.0267150551f);
  p = p * u + splat(0.112803169f);
  p = p * u + splat(-0.376123428f);
  p = p * u + splat(1.12837911f);
  return z * p;
}
/// P(t) = erfc(a) e^(a^2) / t with t = 1 / (1 + a/2), a >= 0: smooth on t in
/// (0, 1] (Chebyshev, degree 10, 5.2e-8 relative); erfc(a) = t e^(-a^2) P(t),
/// with no cancellation anywhere (P(1) = 1 at a = 0, P(0) = 1/(2 sqrt pi)).
inline v4f erfc_scaled(v4f t) {
  v4f p = splat(0.0453513451f);
  p = p * t + splat(-0.245580077f);
  p = p * t + splat(0.516899645f);
  p = p * t + splat(-0.482474893f);
  p = p * t + splat(0.151885286f);
  p = p * t + splat(-0.0679583251f);
  p = p * t + splat(0.0958272144f);
  p = p * t + splat(0.174948588f);
  p = p * t + splat(0.246913567f);
  p = p * t + splat(0.282092869f);
  return p * t + splat(0.282094806f);
}
}  // namespace detail

/// erfc(|z|) and e^(-z^2), for the erfc and the normal density of the same z,
/// with z given both as itself and as x with z^2 = x^2 * z2_per_x2, so that
/// -z^2 is split exactly from x (x^2 = xh^2 + xl (x + xh), xh^2 exact).
struct ErfcParts {
  v4f erfc_abs;  ///< erfc(|z|)
  v4f gauss;     ///< e^(-z^2)
};
inline ErfcParts erfc_parts(v4f z, v4f x, float z2_per_x2) {
  const v4f t = splat(1.f) / (splat(1.f) + splat(0.5f) * abs(z));
  // |x| capped at 30, where e^-z^2 is 0 in float for both callers (z2_per_x2 = 1 or 1/2).
  const v4f xa = min_keep_nan(abs(x), 30.f);
  const v4f xh = high_half(xa), xl = xa - xh;
  const v4f gauss = exp_sum_fast(-(xh * xh) * splat(z2_per_x2), -(xl * (xa + xh)) * splat(z2_per_x2));
  return {t * gauss * detail::erfc_scaled(t), gauss};
}

/// erfc z: 2 - erfc(-z) for z < 0.
inline v4f erfc(v4f z) {
  const v4f e = erfc_parts(z, z, 1.f).erfc_abs;
  return select(z < splat(0.f), splat(2.f) - e, e);
}

/// erf z: a polynomial for |z| < 1 (relative accuracy near 0), 1 - erfc(|z|)
/// with the sign of z above.
inline v4f erf(v4f z) {
  const v4f far = copysign(splat(1.f) - erfc_parts(z, z, 1.f).erfc_abs, z);
  return select(abs(z) < splat(1.f), detail::erf_near0(z), far);
}

/// The standard normal distribution at x: Phi(x) (GELU's weight) and
/// phi(x) = e^(-x^2/2) / sqrt(2 pi). Phi = erfc(|x|/sqrt 2)/2 below 0 and 1 -
/// that above: relative accuracy on the lower tail, where Phi is tiny.
struct Normal {
  v4f cdf, density;
};
inline Normal normal(v4f x) {
  const auto e = erfc_parts(x * splat(0.70710678118654752f), x, 0.5f);
  const v4f half = splat(0.5f) * e.erfc_abs;
  return {select(x > splat(0.f), splat(1.f) - half, half), e.gauss * splat(0.3989422804014327f)};
}
/// phi(x) alone: one exp of the exactly split -x^2/2.
inline v4f normal_density(v4f x) {
  const v4f xa = min_keep_nan(abs(x), 30.f);
  const v4f xh = high_half(xa), xl = xa - xh;
  return exp_sum_fast(-(xh * xh) * splat(0.5f), -(xl * (xa + xh)) * splat(0.5f)) * splat(0.3989422804014327f);
}

}  // namespace nn::vmath

// Vector math over four float lanes: exp, expm1, log, log1p, tanh, sigmoid,
// softplus, erf and erfc, and the normal distribution's Phi and phi (GELU),
// written once with the vector types of simd.h, so the same source compiles to
// WASM SIMD, to SSE natively and to scalar code (the scalar WASM build) - no
// libm call; the only target-specific instructions are simd.h's few twins.
//
// Method (as XNNPACK's and Cephes' float kernels): range reduction
// x = n ln2 + r with |r| <= ln2/2 (n rounded by adding 1.5 * 2^23, Cody-Waite
// with two constants), a short polynomial in r, and 2^n put back by integer
// arithmetic on the exponent bits. Every function is branch-free: both sides
// of a case are computed and one is selected per lane; limits are clamps (one
// pmin/pmax each) where a clamp gives the right limit by itself.
//
// Accuracy, measured by tests/cpp/test_vmath.cpp over 2^24 inputs on
// [-100, 100] plus 2^21 log-spaced ones near 0, against double libm, in ulp
// of the result (2^-24 relative; the test's bounds sit just above):
//   exp 1.7, expm1 2.5, exp_fast 3.2, exp_base2 63 (see there), expm1_fast 2.0,
//   log 2.3, log1p 6.3,
//   tanh 3.2, tanh' 6.0, sigmoid 4.9, sigmoid' 6.2, softplus 7.8,
//   erf 2.9, erfc 6.4.
// Handled range: every float. Results saturate to the right limits (exp: 0
// below ln(FLT_MIN) = -87.34 - flushed, so no denormal slow path - and +inf
// above ln(FLT_MAX) = 88.72; the fast paths flush below -87.68 and may give a
// denormal between the two; sigmoid 0/1, tanh and erf +-1, erfc 0/2), NaN in
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
/// min(x, c) and max(x, c) that keep NaN lanes NaN: one instruction each.
inline v4f min_keep_nan(v4f x, float c) { return simd::pmin(x, splat(c)); }
inline v4f max_keep_nan(v4f x, float c) { return simd::pmax(x, splat(c)); }
/// Lanes of x outside [lo, hi] moved to the nearest end; NaN lanes stay NaN.
inline v4f clamp(v4f x, float lo, float hi) { return min_keep_nan(max_keep_nan(x, lo), hi); }
/// -|x|: the sign bit set (one instruction).
inline v4f neg_abs(v4f x) { return (v4f)((v4i)x | splati(INT32_MIN)); }
/// x with its 12 low mantissa bits cleared: its square is exact in float.
inline v4f high_half(v4f x) { return (v4f)((v4i)x & splati(int32_t(0xfffff000u))); }

namespace detail {

constexpr float kMagic = 12582912.f;           // 1.5 * 2^23: x + kMagic rounds x to an integer
constexpr float kMagic127 = 12582912.f + 127;  // the same, with the exponent bias: bits << 23 are 2^n
constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693145751953125f;  // ln 2 in 15 bits: n * kLn2Hi is exact for |n| < 512
constexpr float kLn2Lo = 1.42860682030941723212e-6f;
constexpr float kLnMin = -87.33654475f;  // ln FLT_MIN
constexpr float kLnMax = 88.72283906f;   // ln FLT_MAX
/// The floor the fast paths clamp to (one pmax, no compare and select): here
/// n = -127, whose exponent bits are those of +0, so e^z is exactly 0; -inf
/// lands here too. (Between -87.68 and ln FLT_MIN, n = -126 and the result is
/// a denormal; below, 0.)
constexpr float kExpFloor = -88.f;

/// 2^n for integer n in [-126, 127], from the exponent bits.
inline v4f pow2(v4i n) { return (v4f)((n + splati(127)) << 23); }

/// e^r on |r| <= 0.347 as 1 + r + r^2 (c2 + c3 r + c4 r^2 + c5 r^3): degree
/// 5, minimax for relative error (build-scripts/fit-polynomials.py), 1.1e-7
/// (1.8e-7 evaluated in float).
inline v4f exp_poly(v4f r) {
  v4f q = splat(0.00831247773f);
  q = q * r + splat(0.0418905504f);
  q = q * r + splat(0.166671157f);
  q = q * r + splat(0.499992281f);
  q = q * r + splat(1.f);
  return q * r + splat(1.f);
}

/// p(r) = (e^r - 1)/r on |r| <= 0.354, degree 5 with p(0) = 1 exactly:
/// Chebyshev interpolation (build-scripts/fit-polynomials.py), 8.8e-8 relative evaluated in float.
/// For e^r - 1 = r p(r) near 0, where 1 + ... would cancel.
inline v4f expm1_over_r(v4f r) {
  v4f q = splat(0.00139354519f);
  q = q * r + splat(0.00837059785f);
  q = q * r + splat(0.0416664481f);
  q = q * r + splat(0.166664913f);
  q = q * r + splat(0.5f);
  return q * r + splat(1.f);
}

/// z = n ln2 + r for z in [kExpFloor, 88] (or NaN): s = 2^n straight from the
/// rounding constant's bits (+0 for n = -127), r by Cody-Waite (two
/// constants). NaN lanes stay NaN through r.
struct Reduced {
  v4f s, r;
};
inline Reduced reduce(v4f z) {
  const v4f t = z * splat(kLog2e) + splat(kMagic127);
  const v4f n = t - splat(kMagic127);
  return {(v4f)((v4i)t << 23), (z - n * splat(kLn2Hi)) - n * splat(kLn2Lo)};
}

}  // namespace detail

/// e^z for z <= 88 (or NaN, or -inf): the fast path the activations use (they
/// pass -|x|, -2|x|, -x^2/2 or min(x, 10), which never overflow). 0 below
/// -87.68 (see kExpFloor), 2^n times a degree-5 polynomial: <= 4 ulp.
inline v4f exp_fast(v4f z) {
  const auto q = detail::reduce(max_keep_nan(z, detail::kExpFloor));
  return q.s * detail::exp_poly(q.r);
}
namespace detail {
/// 2^f on |f| <= 1/2, degree 5 with p(0) = 1, minimax for relative error:
/// 1.9e-7 evaluated in float (build-scripts/fit-polynomials.py).
inline v4f exp2_poly(v4f f) {
  v4f q = splat(0.00132645911f);
  q = q * f + splat(0.00967161916f);
  q = q * f + splat(0.0555073507f);
  q = q * f + splat(0.240222409f);
  q = q * f + splat(0.693147004f);
  return q * f + splat(1.f);
}
}  // namespace detail

/// e^z for z <= 88 through base 2: w = z log2(e) rounded once, 2^n from the
/// exponent bits and 2^(w - n) by a polynomial. Two multiplies and an add fewer
/// than exp_fast (no Cody-Waite), but the rounding of w adds about
/// |z| 2^-24 relative: 3.7e-6 (63 ulp) at worst, near z = -72 (the sweep). For
/// callers whose result needs relative accuracy only for small |z| (softplus:
/// its f and f' are below 1e-7 wherever |x| > 16). 0 below -87.68, as exp_fast.
inline v4f exp_base2(v4f z) {
  const v4f w = max_keep_nan(z, detail::kExpFloor) * splat(detail::kLog2e);
  const v4f t = w + splat(detail::kMagic127);
  return (v4f)((v4i)t << 23) * detail::exp2_poly(w - (t - splat(detail::kMagic127)));
}

/// e^(hi + lo) for hi + lo <= 88, lo a small correction to hi (such as -x^2
/// split into an exact square and a remainder): the expm1 form, for erfc's
/// few ulp. 0 below -87.68, as exp_fast.
inline v4f exp_sum_fast(v4f hi, v4f lo) {
  const v4f t = max_keep_nan(hi + lo, detail::kExpFloor) * splat(detail::kLog2e) + splat(detail::kMagic127);
  const v4f n = t - splat(detail::kMagic127), s = (v4f)((v4i)t << 23);
  // Below the floor s is +0 and r, however far out, finite: the result is 0.
  const v4f r = ((hi - n * splat(detail::kLn2Hi)) - n * splat(detail::kLn2Lo)) + lo;
  return s + (r * s) * detail::expm1_over_r(r);
}

/// e^z and e^z - 1 from one reduction, for z <= 88 (0 and -1 from -87.68 down):
/// e^z - 1 = (r s) p + (s - 1), accurate near 0 (relative), p = (e^r - 1)/r.
struct ExpPair {
  v4f e, em;
};
inline ExpPair exp_pair_fast(v4f z) {
  const auto q = detail::reduce(max_keep_nan(z, detail::kExpFloor));
  const v4f rsp = (q.r * q.s) * detail::expm1_over_r(q.r);
  return {q.s + rsp, rsp + (q.s - splat(1.f))};
}
/// e^z - 1 for z <= 88, accurate near 0; -1 below -87.68.
inline v4f expm1_fast(v4f z) { return exp_pair_fast(z).em; }

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
/// s G(z), z = s^2, G = 2 + z g(z), g degree 2 (minimax, 2.5e-7 relative
/// evaluated in float; build-scripts/fit-polynomials.py).
inline v4f log1p_unit(v4f u) {
  const v4f s = u / (u + splat(2.f)), z = s * s;
  v4f g = splat(0.339835554f);
  g = g * z + splat(0.396359712f);
  g = g * z + splat(0.666734815f);
  return s * (g * z + splat(2.f));
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
  const v4f e = exp_fast(neg_abs(x));  // (0, 1]: never overflows
  const v4f r = splat(1.f) / (splat(1.f) + e);
  const v4f er = e * r;
  return {select(x >= splat(0.f), r, er), er * r};
}
inline v4f sigmoid(v4f x) {
  const v4f e = exp_fast(neg_abs(x));
  const v4f r = splat(1.f) / (splat(1.f) + e);
  return select(x >= splat(0.f), r, e * r);
}
/// sigma'(x) = e^-|x| / (1 + e^-|x|)^2, accurate far out on both tails.
inline v4f sigmoid_slope(v4f x) {
  const v4f e = exp_fast(neg_abs(x));
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
  return max_keep_nan(x, 0.f) + detail::log1p_unit(exp_fast(neg_abs(x)));  // NaN in: NaN out
}

namespace detail {
/// erf(z) / z as a polynomial in u = z^2 for |z| <= 1 (Chebyshev, degree 5, 1.2e-7 relative in float).
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
/// (0, 1] (Chebyshev, degree 10, 1.9e-7 relative in float); erfc(a) = t e^(-a^2) P(t),
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

/// erfc(|z|) and e^(-z^2), with -z^2 split exactly (z^2 = zh^2 + zl (z + zh),
/// zh^2 exact).
struct ErfcParts {
  v4f erfc_abs;  ///< erfc(|z|)
  v4f gauss;     ///< e^(-z^2)
};
inline ErfcParts erfc_parts(v4f z) {
  const v4f za = abs(z);
  const v4f t = splat(1.f) / (splat(1.f) + splat(0.5f) * za);
  const v4f zc = min_keep_nan(za, 30.f);  // e^-z^2 is 0 in float long before
  const v4f zh = high_half(zc), zl = zc - zh;
  const v4f gauss = exp_sum_fast(-(zh * zh), -(zl * (zc + zh)));
  return {t * gauss * detail::erfc_scaled(t), gauss};
}

/// erfc z: 2 - erfc(-z) for z < 0.
inline v4f erfc(v4f z) {
  const v4f e = erfc_parts(z).erfc_abs;
  return select(z < splat(0.f), splat(2.f) - e, e);
}

/// erf z: a polynomial for |z| < 1 (relative accuracy near 0), 1 - erfc(|z|)
/// with the sign of z above.
inline v4f erf(v4f z) {
  const v4f far = copysign(splat(1.f) - erfc_parts(z).erfc_abs, z);
  return select(abs(z) < splat(1.f), detail::erf_near0(z), far);
}

namespace detail {
/// M(t) = Q(a) e^(a^2/2) / t with t = 1 / (1 + 0.3 a), a >= 0, Q the normal
/// upper tail: Q(a) = t e^(-a^2/2) M(t), with no cancellation anywhere (M(1) =
/// 1/2 at a = 0). Degree 7 in t - 0.6, minimax for relative error over a <=
/// 13.3 (every a whose e^(-a^2/2) is a normal float): 3.3e-7 evaluated in
/// float, 8.6e-8 on a in [0.3, 1.6], where GELU's f' cancels and the fit is
/// weighted 20x (build-scripts/fit-polynomials.py).
inline v4f normal_tail_scaled(v4f t) {
  const v4f u = t - splat(0.600200415f);  // centred on [0.2, 1]: smaller terms, less rounding
  v4f p = splat(0.0370441191f);
  p = p * u + splat(-0.00697733229f);
  p = p * u + splat(-0.0902288631f);
  p = p * u + splat(-0.0139858993f);
  p = p * u + splat(0.225309759f);
  p = p * u + splat(0.413883895f);
  p = p * u + splat(0.405303001f);
  return p * u + splat(0.258653849f);
}
}  // namespace detail

/// The standard normal distribution at x: Phi(x) (GELU's weight) and
/// phi(x) = e^(-x^2/2) / sqrt(2 pi), from one exp. Phi(-|x|) = t e^(-x^2/2) M(t)
/// (relative accuracy on the lower tail, where Phi is tiny) and 1 - that above
/// 0. Relative error <= 6e-7 + x^2 2^-25 (the rounding of x^2, none where it
/// is exact): 1.4e-6 at |x| = 5, 3.6e-6 at |x| = 10 (where Phi(x) ~ 1e-23).
/// 0 and 1 from |x| = 13.3 (e^(-x^2/2) below FLT_MIN).
struct Normal {
  v4f cdf, density;
  v4f tail;  ///< Phi(-|x|)
};
inline Normal normal(v4f x) {
  const v4f t = splat(1.f) / (splat(1.f) + splat(0.3f) * abs(x));
  const v4f gauss = exp_fast((x * x) * splat(-0.5f));
  const v4f tail = (t * gauss) * detail::normal_tail_scaled(t);
  return {select(x > splat(0.f), splat(1.f) - tail, tail), gauss * splat(0.3989422804014327f), tail};
}
/// phi(x) alone (the same exp).
inline v4f normal_density(v4f x) { return exp_fast((x * x) * splat(-0.5f)) * splat(0.3989422804014327f); }

}  // namespace nn::vmath

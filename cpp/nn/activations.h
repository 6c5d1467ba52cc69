// The activation table: the one place that defines each activation of the study
// note. Everything else (layers, the Embind export, the page's dropdown, formulas,
// curves, URL state and docs) reads this table. Adding an activation touches
// only this file.
//
// Conventions
// - f(x) and its derivative sit side by side in one struct. The derivative is
//   given both x (the pre-activation) and y = f(x), so sigmoid can use y(1-y).
// - Derivatives at kinks follow TensorFlow/Keras: relu'(0) = 0, leaky'(0) = slope,
//   elu'(0) = 1 (the x > 0 branch is strict, so at 0 it is y + alpha = alpha).
// - flows(x) says whether f'(x) is non-zero in exact arithmetic: a unit whose
//   every probe input has flows() false passes no gradient at all ("dead"),
//   whatever float rounding does to f' far out on a tail (that is "saturated").
// - Everything is templated on the scalar type so the gradient checks run the
//   very same code in double.
// - Beside f and df, vf and vdf are the same math over four float lanes, which
//   the layers run (activation_kernels.cpp). The piecewise-linear ones compute
//   exactly what f and df compute (kExact: bit-identical, tested); the smooth
//   ones use the vector math of vmath.h, checked against f and df in double
//   over 2^24 inputs. vdf gets y = vf(x) too, and uses it where that keeps the
//   bound (sigmoid's y (1 - y); GELU's Phi = y / x); elsewhere f' is computed
//   from x (1 - y^2 or y + alpha would lose the accuracy where curves saturate).
#pragma once
#include <cmath>
#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "formula.h"
#include "simd.h"
#include "text.h"
#include "vmath.h"

namespace nn {

/// Index into the table; also stable on-disk ids in weights files (append only).
enum class Activation : int {
  linear = 0,
  sigmoid,
  tanh,
  relu,
  leaky_relu,
  prelu,
  elu,
  maxout,
  // After the note (appended: ids stay stable in files and URLs).
  gelu,
  silu,
  mish,
  selu,
  softplus,
  custom,  ///< the learner's own formula (formula.h), compiled per network
};

/// How a hidden layer with this activation is built.
enum class LayerKind { elementwise, prelu, maxout };

/// A parameter of an activation, with its default and valid range.
struct ActivationParam {
  const char* id;
  const char* name;
  double default_value;
  double min;
  double max;
  bool integer;
  const char* help;
  const char* name_ko;  ///< the name and help in Korean (the blog's language)
  const char* help_ko;
};

/// Resolved parameter values, in the order of the entry's `params`; for
/// `custom`, the compiled formula.
struct ActParams {
  double v[2] = {0, 0};
  std::shared_ptr<const Formula> formula;
};

// ---------------------------------------------------------------------------
// Math: forward and backward side by side.

using simd::v4f;
using simd::v4i;
inline v4f vsplat(double v) { return simd::splat(static_cast<float>(v)); }
inline v4f vselect_pos(v4f x, v4f a, v4f b) { return simd::select(x > simd::splat(0.f), a, b); }
/// min(x, 0), NaN kept: the argument of an exp used only below 0.
inline v4f vneg_part(v4f x) { return vmath::min_keep_nan(x, 0.f); }

/// linear: f(x) = x (a control: a network of linear layers is linear)
struct LinearFn {
  template <class T>
  static T f(T x, const ActParams&) {
    return x;
  }
  template <class T>
  static T df(T, T, const ActParams&) {
    return T(1);
  }
  static constexpr bool kExact = true;
  static v4f vf(v4f x, const ActParams&) { return x; }
  static v4f vdf(v4f, v4f, const ActParams&) { return simd::splat(1.f); }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return true;
  }
};

/// sigmoid: f(x) = 1 / (1 + e^-x), computed without overflow for any finite x
struct SigmoidFn {
  template <class T>
  static T f(T x, const ActParams&) {
    if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
    const T e = std::exp(x);
    return e / (T(1) + e);
  }
  template <class T>
  static T df(T, T y, const ActParams&) {
    return y * (T(1) - y);
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams&) { return vmath::sigmoid(x); }
  /// y (1 - y), as df: y is sigmoid's own float output (1 - y is exact for y >= 1/2),
  /// within the bound of the sweep with no second exp.
  static v4f vdf(v4f, v4f y, const ActParams&) { return y * (simd::splat(1.f) - y); }
  /// f and f' from one exp: the forward keeps f' for the backward.
  static v4f vfd(v4f x, const ActParams&, v4f& d) {
    const auto s = vmath::sigmoid_and_slope(x);
    d = s.ds;
    return s.s;
  }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return true;  // sigma'(x) > 0 everywhere; it only saturates
  }
};

/// tanh: f(x) = (e^x - e^-x) / (e^x + e^-x) = 2 sigmoid(2x) - 1
struct TanhFn {
  template <class T>
  static T f(T x, const ActParams&) {
    return std::tanh(x);
  }
  template <class T>
  static T df(T, T y, const ActParams&) {
    return T(1) - y * y;
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams&) { return vmath::tanh(x); }
  static v4f vdf(v4f x, v4f, const ActParams&) { return vmath::tanh_slope(x); }
  /// f = -em / (1 + e) and f' = 4 e / (1 + e)^2 from one reduction (e = e^-2|x|, em = e - 1).
  static v4f vfd(v4f x, const ActParams&, v4f& d) {
    const auto q = vmath::exp_pair_fast(simd::splat(-2.f) * vmath::abs(x));
    const v4f r = simd::splat(1.f) / (simd::splat(1.f) + q.e);
    d = simd::splat(4.f) * q.e * (r * r);
    return vmath::copysign(-q.em * r, x);
  }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return true;
  }
};

/// relu: f(x) = max(0, x)
struct ReluFn {
  template <class T>
  static T f(T x, const ActParams&) {
    return x > T(0) ? x : T(0);
  }
  template <class T>
  static T df(T x, T, const ActParams&) {
    return x > T(0) ? T(1) : T(0);
  }
  static constexpr bool kExact = true;
  static v4f vf(v4f x, const ActParams&) { return vselect_pos(x, x, simd::splat(0.f)); }
  static v4f vdf(v4f x, v4f, const ActParams&) { return vselect_pos(x, simd::splat(1.f), simd::splat(0.f)); }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return x > T(0);
  }
};

/// leaky_relu: f(x) = max(slope * x, x), slope = p.v[0]
struct LeakyReluFn {
  template <class T>
  static T f(T x, const ActParams& p) {
    return x > T(0) ? x : T(p.v[0]) * x;
  }
  template <class T>
  static T df(T x, T, const ActParams& p) {
    return x > T(0) ? T(1) : T(p.v[0]);
  }
  static constexpr bool kExact = true;
  static v4f vf(v4f x, const ActParams& p) { return vselect_pos(x, x, vsplat(p.v[0]) * x); }
  static v4f vdf(v4f x, v4f, const ActParams& p) { return vselect_pos(x, simd::splat(1.f), vsplat(p.v[0])); }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return x > T(0) || p.v[0] != 0;
  }
};

/// prelu: f(x) = max(alpha * x, x) with alpha learned per unit; for curves,
/// alpha = p.v[0] (its initial value), so the math is Leaky ReLU's. The layer
/// (PReLULayer) uses its own per-unit alpha.
struct PreluFn : LeakyReluFn {};

/// elu: f(x) = x if x > 0 else alpha (e^x - 1), alpha = p.v[0]
struct EluFn {
  template <class T>
  static T f(T x, const ActParams& p) {
    return x > T(0) ? x : T(p.v[0]) * std::expm1(x);
  }
  template <class T>
  static T df(T x, T y, const ActParams& p) {
    return x > T(0) ? T(1) : y + T(p.v[0]);
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams& p) { return vselect_pos(x, x, vsplat(p.v[0]) * vmath::expm1_fast(vneg_part(x))); }
  /// alpha e^x below 0 (y + alpha cancels far out: alpha e^x is the same in exact arithmetic)
  static v4f vdf(v4f x, v4f, const ActParams& p) {
    return vselect_pos(x, simd::splat(1.f), vsplat(p.v[0]) * vmath::exp_fast(vneg_part(x)));
  }
  static v4f vfd(v4f x, const ActParams& p, v4f& d) {
    const auto q = vmath::exp_pair_fast(vneg_part(x));
    d = vselect_pos(x, simd::splat(1.f), vsplat(p.v[0]) * q.e);
    return vselect_pos(x, x, vsplat(p.v[0]) * q.em);
  }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return x > T(0) || p.v[0] != 0;  // alpha e^x > 0
  }
};

/// maxout: f(x) = max_i (w_i x + b_i) over k pieces. In a network the pieces are
/// k learned Dense outputs per unit; as a curve of one input it is drawn with k
/// illustrative slopes spread evenly over [-0.5, 1] (k = 2 gives max(-0.5x, x)).
struct MaxoutFn {
  template <class T>
  static T slope(int i, int k) {
    return k <= 1 ? T(1) : T(-0.5) + T(1.5) * T(i) / T(k - 1);
  }
  template <class T>
  static T f(T x, const ActParams& p) {
    const int k = static_cast<int>(p.v[0]);
    T best = slope<T>(0, k) * x;
    for (int i = 1; i < k; ++i) best = std::max(best, slope<T>(i, k) * x);
    return best;
  }
  template <class T>
  static T df(T x, T, const ActParams& p) {
    const int k = static_cast<int>(p.v[0]);
    int arg = 0;
    T best = slope<T>(0, k) * x;
    for (int i = 1; i < k; ++i)
      if (slope<T>(i, k) * x > best) {
        best = slope<T>(i, k) * x;
        arg = i;
      }
    return slope<T>(arg, k);
  }
  template <class T>
  static bool flows(T x, const ActParams& p) {
    (void)x;
    (void)p;
    return true;  // the winning piece always passes the gradient
  }
};

/// sigmoid(x) for any finite x (no overflow), shared by the smooth activations.
template <class T>
T stable_sigmoid(T x) {
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

/// softplus(x) = log(1 + e^x) for any finite x: x + log1p(e^-x) above 0.
template <class T>
T stable_softplus(T x) {
  return x > T(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

/// gelu: f(x) = x Phi(x) (Hendrycks & Gimpel 2016), Phi the normal CDF, computed
/// as x erfc(-x/sqrt 2)/2 (no cancellation for x < 0); p.v[0] = 1 switches to
/// the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))) (Keras'
/// approximate=True). Beyond |x| > 10 both are x or 0 to double precision.
struct GeluFn {
  static constexpr double kC = 0.7978845608028654;  // sqrt(2/pi)
  static constexpr double kA = 0.044715;
  template <class T>
  static T f(T x, const ActParams& p) {
    if (p.v[0] != 0) {
      // 0.5 (1 + tanh u) = sigmoid(2u): no cancellation for x < 0.
      if (std::fabs(x) > T(10)) return x > T(0) ? x : T(0) * x;
      return x * stable_sigmoid(T(2 * kC) * (x + T(kA) * x * x * x));
    }
    return T(0.5) * x * std::erfc(-x * T(0.7071067811865476));
  }
  template <class T>
  static T df(T x, T, const ActParams& p) {
    if (std::fabs(x) > T(10) && p.v[0] != 0) return x > T(0) ? T(1) : T(0);
    if (p.v[0] != 0) {
      const T s = stable_sigmoid(T(2 * kC) * (x + T(kA) * x * x * x));
      return s + x * s * (T(1) - s) * T(2 * kC) * (T(1) + T(3 * kA) * x * x);
    }
    // Phi(x) + x phi(x); phi underflows to 0 far out, where x phi -> 0 too.
    const T phi = std::fabs(x) > T(40) ? T(0) : std::exp(T(-0.5) * x * x) * T(0.3989422804014327);
    return T(0.5) * std::erfc(-x * T(0.7071067811865476)) + x * phi;
  }
  static constexpr bool kExact = false;
  /// The tanh form: f = x s, s = sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3); beyond
  /// |x| > 10, the scalar form's cut-off, f is x or 0 and f' 1 or 0.
  static v4f vf(v4f x, const ActParams& p) {
    if (p.v[0] == 0) return x * vmath::normal(x).cdf;  // exact: x Phi(x)
    const v4f s = vmath::sigmoid(vsplat(2 * kC) * (x + vsplat(kA) * x * x * x));
    return simd::select(vmath::abs(x) > simd::splat(10.f), vselect_pos(x, x, simd::splat(0.f) * x), x * s);
  }
  /// Exact: Phi(x) + x phi(x), with Phi = y / x from the forward output (accurate to
  /// y's few ulp; 1/2 near 0), so only phi costs an exp.
  static v4f vdf(v4f x, v4f y, const ActParams& p) {
    const v4f one = simd::splat(1.f);
    if (p.v[0] == 0) {
      const v4f cdf = simd::select(vmath::abs(x) < simd::splat(1e-30f), simd::splat(0.5f), y / x);
      return cdf + x * vmath::normal_density(x);
    }
    const v4f x2 = x * x;
    const auto s = vmath::sigmoid_and_slope(vsplat(2 * kC) * (x + vsplat(kA) * x2 * x));
    return simd::select(vmath::abs(x) > simd::splat(10.f), vselect_pos(x, one, simd::splat(0.f)),
                        s.s + x * s.ds * vsplat(2 * kC) * (one + vsplat(3 * kA) * x2));
  }
  static v4f vfd(v4f x, const ActParams& p, v4f& d) {
    if (p.v[0] == 0) {
      // f = x Phi(x) = max(x, 0) - |x| Phi(-|x|): no select (NaN stays NaN).
      const auto n = vmath::normal(x);
      d = n.cdf + x * n.density;
      return vmath::max_keep_nan(x, 0.f) - vmath::abs(x) * n.tail;
    }
    const v4f one = simd::splat(1.f), x2 = x * x;
    const auto s = vmath::sigmoid_and_slope(vsplat(2 * kC) * (x + vsplat(kA) * x2 * x));
    const v4i far = vmath::abs(x) > simd::splat(10.f);
    d = simd::select(far, vselect_pos(x, one, simd::splat(0.f)),
                     s.s + x * s.ds * vsplat(2 * kC) * (one + vsplat(3 * kA) * x2));
    return simd::select(far, vselect_pos(x, x, simd::splat(0.f) * x), x * s.s);
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;  // f' = 0 only at an isolated point (x = -0.75)
  }
};

/// silu (Swish): f(x) = x sigmoid(beta x), beta = p.v[0] (Ramachandran et al. 2017; Elfwing et al. 2017)
struct SiluFn {
  template <class T>
  static T f(T x, const ActParams& p) {
    return x * stable_sigmoid(T(p.v[0]) * x);
  }
  template <class T>
  static T df(T x, T, const ActParams& p) {
    const T b = T(p.v[0]), s = stable_sigmoid(b * x);
    return s + b * x * s * (T(1) - s);
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams& p) { return x * vmath::sigmoid(vsplat(p.v[0]) * x); }
  static v4f vdf(v4f x, v4f, const ActParams& p) {
    const v4f bx = vsplat(p.v[0]) * x;
    const auto s = vmath::sigmoid_and_slope(bx);
    return s.s + vmath::clamp(bx, -100.f, 100.f) * s.ds;  // ds is 0 beyond 88: no inf * 0
  }
  static v4f vfd(v4f x, const ActParams& p, v4f& d) {
    const v4f bx = vsplat(p.v[0]) * x;
    const auto s = vmath::sigmoid_and_slope(bx);
    d = s.s + vmath::clamp(bx, -100.f, 100.f) * s.ds;
    return x * s.s;
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;
  }
};

/// mish: f(x) = x tanh(softplus(x)) (Misra 2019)
struct MishFn {
  template <class T>
  static T f(T x, const ActParams&) {
    return x * std::tanh(stable_softplus(x));
  }
  template <class T>
  static T df(T x, T, const ActParams&) {
    const T t = std::tanh(stable_softplus(x));
    return t + x * (T(1) - t * t) * stable_sigmoid(x);
  }
  static constexpr bool kExact = false;
  /// With e = e^x and n = e (e + 2): tanh(softplus x) = n / (n + 2), 1 - that^2 =
  /// 4 (n + 1) / (n + 2)^2 and sigmoid x = e / (1 + e): one exp, no cancellation.
  /// Above x = 10 the tanh is 1 in float (f = x, f' = 1 to 1e-7).
  struct Parts {
    v4f t, sech2_sig;
  };
  /// (n + 1 = (1 + e)^2, so the product of the last two is 4 e (1 + e) / (n + 2)^2: one division.)
  static Parts parts(v4f x) {
    const v4f one = simd::splat(1.f), two = simd::splat(2.f);
    const v4f e = vmath::exp_fast(vmath::min_keep_nan(x, 10.f));  // -inf: 0
    const v4f n = e * (e + two), r = one / (n + two);
    return {n * r, simd::splat(4.f) * e * (one + e) * (r * r)};
  }
  static v4f vf(v4f x, const ActParams&) {
    return simd::select(x > simd::splat(10.f), x, x * parts(x).t);
  }
  static v4f vdf(v4f x, v4f, const ActParams&) {
    const Parts q = parts(x);
    return simd::select(x > simd::splat(10.f), simd::splat(1.f), q.t + x * q.sech2_sig);
  }
  static v4f vfd(v4f x, const ActParams&, v4f& d) {
    const Parts q = parts(x);
    const v4i far = x > simd::splat(10.f);
    d = simd::select(far, simd::splat(1.f), q.t + x * q.sech2_sig);
    return simd::select(far, x, x * q.t);
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;
  }
};

/// selu: f(x) = lambda (x if x > 0 else alpha (e^x - 1)) with Klambauer et al.'s
/// fixed lambda and alpha (2017), which self-normalise with lecun_normal weights.
struct SeluFn {
  static constexpr double kLambda = 1.0507009873554805;
  static constexpr double kAlpha = 1.6732632423543772;
  template <class T>
  static T f(T x, const ActParams&) {
    return x > T(0) ? T(kLambda) * x : T(kLambda * kAlpha) * std::expm1(x);
  }
  template <class T>
  static T df(T x, T, const ActParams&) {
    return x > T(0) ? T(kLambda) : T(kLambda * kAlpha) * std::exp(x);
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams&) {
    return vselect_pos(x, vsplat(kLambda) * x, vsplat(kLambda * kAlpha) * vmath::expm1_fast(vneg_part(x)));
  }
  static v4f vdf(v4f x, v4f, const ActParams&) {
    return vselect_pos(x, vsplat(kLambda), vsplat(kLambda * kAlpha) * vmath::exp_fast(vneg_part(x)));
  }
  static v4f vfd(v4f x, const ActParams&, v4f& d) {
    const auto q = vmath::exp_pair_fast(vneg_part(x));
    d = vselect_pos(x, vsplat(kLambda), vsplat(kLambda * kAlpha) * q.e);
    return vselect_pos(x, vsplat(kLambda) * x, vsplat(kLambda * kAlpha) * q.em);
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;
  }
};

/// softplus: f(x) = log(1 + e^x), without overflow; f'(x) = sigmoid(x)
struct SoftplusFn {
  template <class T>
  static T f(T x, const ActParams&) {
    return stable_softplus(x);
  }
  template <class T>
  static T df(T x, T, const ActParams&) {
    return stable_sigmoid(x);
  }
  static constexpr bool kExact = false;
  static v4f vf(v4f x, const ActParams&) { return vmath::softplus(x); }
  static v4f vdf(v4f x, v4f, const ActParams&) { return vmath::sigmoid(x); }
  /// softplus and its slope (the sigmoid) from one exp, e = e^-|x| (through
  /// base 2: both are below 1e-7 wherever that exp loses relative accuracy).
  static v4f vfd(v4f x, const ActParams&, v4f& d) {
    const v4f e = vmath::exp_base2(vmath::neg_abs(x));
    const v4f r = simd::splat(1.f) / (simd::splat(1.f) + e);
    d = simd::select(x >= simd::splat(0.f), r, e * r);
    return vmath::max_keep_nan(x, 0.f) + vmath::detail::log1p_unit(e);  // NaN in: NaN out
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;
  }
};

/// custom: the learner's formula; f and f' come compiled from formula.h (the
/// float block programs are used by the layers; this scalar form by curves and
/// the double-precision checks).
struct CustomFn {
  template <class T>
  static T f(T x, const ActParams& p) {
    return p.formula ? static_cast<T>(p.formula->f(static_cast<double>(x))) : x;
  }
  template <class T>
  static T df(T x, T, const ActParams& p) {
    return p.formula ? static_cast<T>(p.formula->df(static_cast<double>(x))) : T(1);
  }
  template <class T>
  static bool flows(T, const ActParams&) {
    return true;  // not known in general: "dead" needs f' = 0 exactly, which a formula may hide
  }
};

// ---------------------------------------------------------------------------
// The table.

/// One row of the table.
struct ActivationInfo {
  Activation kind;
  const char* id;          ///< machine name used in specs, URLs, files
  const char* name;        ///< display name
  const char* formula;     ///< LaTeX for f
  const char* derivative;  ///< LaTeX for f'
  std::vector<ActivationParam> params;
  LayerKind layer;
  bool in_note;            ///< one of the study note's seven (the default comparison)
  const char* summary;     ///< the study note's claim (or the paper's), in one sentence
  const char* summary_ko;  ///< the same, in Korean (the blog's language)
};

inline const std::vector<ActivationInfo>& activation_table() {
  static const std::vector<ActivationInfo> table = {
      {Activation::linear,
       "linear",
       "Linear",
       R"(f(x) = x)",
       R"(f'(x) = 1)",
       {},
       LayerKind::elementwise,
       false,
       "A control: without a non-linearity, stacked layers collapse into one linear map.",
       u8"비교용: 비선형성이 없으면 층을 여러 개 쌓아도 하나의 선형 변환과 같습니다."},
      {Activation::sigmoid,
       "sigmoid",
       "Sigmoid",
       R"(\sigma(x) = \frac{1}{1 + e^{-x}})",
       R"(\sigma'(x) = \sigma(x)\,(1 - \sigma(x)))",
       {},
       LayerKind::elementwise,
       true,
       "Outputs lie in (0, 1) and are centred on 1/2, not 0; the gradient is at most 1/4 and "
       "vanishes for large |x|; each unit costs an exp.",
       u8"출력이 0~1 사이이고 중심이 0이 아닌 1/2입니다. 기울기는 최대 1/4이고 |x|가 크면 사라집니다(Gradient "
       u8"Vanishing). exp 계산 비용이 듭니다."},
      {Activation::tanh,
       "tanh",
       "Tanh",
       R"(\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1)",
       R"(\tanh'(x) = 1 - \tanh^2(x))",
       {},
       LayerKind::elementwise,
       true,
       "Zero-centred, so optimisation is faster than with sigmoid, but gradients still vanish "
       "when units saturate.",
       u8"tanh(x) = 2σ(2x) − 1. 중심이 0이라 sigmoid보다 최적화가 빠르지만, 포화되면 여전히 기울기가 사라집니다."},
      {Activation::relu,
       "relu",
       "ReLU",
       R"(f(x) = \max(0, x))",
       R"(f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases})",
       {},
       LayerKind::elementwise,
       true,
       "Learns faster than sigmoid and tanh and costs almost nothing, but a unit whose input "
       "stays negative gets no gradient and can die.",
       u8"sigmoid, tanh보다 빠르게 학습하고 계산이 거의 들지 않지만, 입력이 계속 음수인 뉴런은 기울기를 받지 못해 죽을 "
       u8"수 있습니다(Dying ReLU)."},
      {Activation::leaky_relu,
       "leaky_relu",
       "Leaky ReLU",
       R"(f(x) = \max(a x, x))",
       R"(f'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases})",
       {{"slope", "Negative slope a", 0.01, 0.0, 1.0, false,
         "Slope for x < 0. The study note uses 0.01; Keras' LeakyReLU layer defaults to 0.3.", u8"음수 쪽 기울기 a",
         u8"x < 0에서의 기울기. 공부 노트는 0.01을 쓰고, Keras의 LeakyReLU 층은 기본값이 0.3입니다."}},
       LayerKind::elementwise,
       true,
       "A small slope for x < 0 keeps a gradient flowing, which fixes dying ReLU.",
       u8"x < 0에서 작은 기울기를 두어 기울기가 계속 흐르게 하므로 Dying ReLU를 해결합니다. 0.01 대신 다른 작은 값도 "
       u8"쓸 수 있습니다."},
      {Activation::prelu,
       "prelu",
       "PReLU",
       R"(f(x) = \max(\alpha x, x),\ \alpha \text{ learned})",
       R"(f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases},\quad \frac{\partial f}{\partial \alpha} = \min(0, x))",
       {{"alpha_init", "Initial alpha", 0.0, -1.0, 1.0, false,
         "Starting value of the learned per-unit slope (Keras initialises it to 0).", u8"초기 알파",
         u8"유닛마다 학습하는 기울기의 시작값 (Keras는 0으로 초기화합니다)."}},
       LayerKind::prelu,
       true,
       "Like Leaky ReLU, but the negative slope alpha is learned, one per unit.",
       u8"Leaky ReLU와 같지만 음수 쪽 기울기 α를 유닛마다 학습합니다."},
      {Activation::elu,
       "elu",
       "ELU",
       R"(f(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases})",
       R"(f'(x) = \begin{cases} 1 & x > 0 \\ f(x) + \alpha & x \le 0 \end{cases})",
       {{"alpha", "Alpha", 1.0, 0.0, 10.0, false, "Saturation value -alpha for x -> -inf (Keras default 1).", u8"알파",
         u8"x → −∞일 때 수렴하는 값 −α (Keras 기본값 1)."}},
       LayerKind::elementwise,
       true,
       "No dying units and mean outputs near 0, at the cost of an exp for negative inputs.",
       u8"뉴런이 죽지 않고 출력 평균이 0에 가깝지만, 음수 입력에 exp 계산 비용이 듭니다."},
      {Activation::maxout,
       "maxout",
       "Maxout",
       R"(f(x) = \max_{i=1..k} (w_i^\top x + b_i))",
       R"(\frac{\partial f}{\partial (w_i^\top x + b_i)} = \begin{cases} 1 & i = \arg\max \\ 0 & \text{otherwise} \end{cases})",
       {{"k", "Pieces k", 2.0, 2.0, 8.0, true, "Number of linear pieces per unit (k times the weights).", u8"조각 수 k",
         u8"유닛마다 선형 함수의 개수 (가중치가 k배가 됩니다)."}},
       LayerKind::maxout,
       true,
       "Generalises ReLU and Leaky ReLU and never dies, but needs k times the parameters and work.",
       u8"k개의 선형 함수 중 최댓값. ReLU와 Leaky ReLU를 일반화하고 죽지 않지만, 파라미터와 계산이 k배입니다."},
      {Activation::gelu,
       "gelu",
       "GELU",
       R"(f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right))",
       R"(f'(x) = \Phi(x) + x\,\varphi(x))",
       {{"approximate", "Tanh approximation", 0.0, 0.0, 1.0, true,
         "1: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), Keras' approximate=True; 0: the exact erf form (default).",
         u8"tanh 근사",
         u8"1: 0.5x(1 + tanh(sqrt(2/π)(x + 0.044715x³))), Keras의 approximate=True; 0: 정확한 erf 식 (기본값)."}},
       LayerKind::elementwise,
       false,
       "Weights each input by how likely it is to be positive under a standard normal, x Phi(x): smooth, "
       "slightly negative just below 0; what BERT and GPT use (Hendrycks & Gimpel 2016).",
       u8"표준 정규분포에서 입력이 양수일 확률로 입력에 가중치를 줍니다 (x Φ(x)). 매끄럽고 0 바로 아래에서 조금 음수가 "
       u8"되며, BERT와 GPT가 씁니다 (Hendrycks & Gimpel 2016)."},
      {Activation::silu,
       "silu",
       "SiLU (Swish)",
       R"(f(x) = x\,\sigma(\beta x))",
       R"(f'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)\,(1 - \sigma(\beta x)))",
       {{"beta", "Beta", 1.0, 0.0, 10.0, false,
         "Sharpness: beta -> infinity gives ReLU, beta = 0 gives x/2 (Keras' swish: 1).", u8"베타",
         u8"날카로움: β → ∞이면 ReLU, β = 0이면 x/2가 됩니다 (Keras의 swish: 1)."}},
       LayerKind::elementwise,
       false,
       "x sigmoid(x), found by an automated search, matched or beat ReLU on deep networks: smooth and "
       "non-monotonic just below 0 (Ramachandran et al. 2017; Elfwing et al. 2017).",
       u8"x·sigmoid(x). 자동 탐색으로 찾은 함수로, 깊은 신경망에서 ReLU와 같거나 더 좋았습니다. 매끄럽고 0 바로 "
       u8"아래에서 단조롭지 않습니다 (Ramachandran 외 2017; Elfwing 외 2017)."},
      {Activation::mish,
       "mish",
       "Mish",
       R"(f(x) = x \tanh(\ln(1 + e^{x})))",
       R"(f'(x) = \tanh(s) + x\,(1 - \tanh^2 s)\,\sigma(x),\ s = \ln(1 + e^{x}))",
       {},
       LayerKind::elementwise,
       false,
       "x tanh(softplus(x)): smooth, unbounded above, bounded below, non-monotonic; reported slightly "
       "better than Swish on image tasks (Misra 2019).",
       u8"x·tanh(softplus(x)). 매끄럽고 위로는 무한, 아래로는 유계이며 단조롭지 않습니다. 이미지 작업에서 Swish보다 "
       u8"조금 낫다고 보고되었습니다 (Misra 2019)."},
      {Activation::selu,
       "selu",
       "SELU",
       R"(f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases})",
       R"(f'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases},\ \lambda \approx 1.0507,\ \alpha \approx 1.6733)",
       {},
       LayerKind::elementwise,
       false,
       "With lecun_normal weights, activations keep mean 0 and variance 1 through many layers by "
       "themselves: self-normalising networks (Klambauer et al. 2017).",
       u8"lecun_normal 가중치와 함께 쓰면 여러 층을 지나도 활성화의 평균 0, 분산 1이 저절로 유지됩니다: 자기 정규화 "
       u8"신경망 (Klambauer 외 2017)."},
      {Activation::softplus,
       "softplus",
       "Softplus",
       R"(f(x) = \ln(1 + e^{x}))",
       R"(f'(x) = \sigma(x))",
       {},
       LayerKind::elementwise,
       false,
       "A smooth ReLU whose derivative is the sigmoid: never exactly zero, so never dead, but it costs "
       "an exp and a log.",
       u8"도함수가 sigmoid인 매끄러운 ReLU. 기울기가 정확히 0이 되지 않아 죽지 않지만, exp와 log 비용이 듭니다."},
      {Activation::custom,
       "custom",
       "Your own",
       R"(f(x) = \text{your formula})",
       R"(f'(x) = \text{derived by the engine})",
       {},
       LayerKind::elementwise,
       false,
       "Any formula in x: the engine parses it, derives f' and compiles both.",
       u8"x에 대한 어떤 식이든: 엔진이 식을 해석하고 f′을 유도해 둘 다 컴파일합니다."},
  };
  return table;
}

/// The row for `kind`.
inline const ActivationInfo& activation_info(Activation kind) {
  return activation_table().at(static_cast<size_t>(kind));
}

/// The row whose id is `id`; throws std::invalid_argument listing the valid ids.
inline const ActivationInfo& activation_info(const std::string& id) {
  std::string all;
  for (const auto& a : activation_table()) {
    if (id == a.id) return a;
    all += all.empty() ? "" : ", ";
    all += a.id;
  }
  throw std::invalid_argument("unknown activation '" + printable(id) + "' (expected one of: " + all + ")");
}

/// Checks `values` (param id -> value) against the table and fills in defaults.
/// Throws std::invalid_argument for unknown names, NaN or out-of-range values.
inline ActParams resolve_params(const ActivationInfo& info, const std::map<std::string, double>& values) {
  ActParams out;
  for (const auto& kv : values) {
    bool known = false;
    for (const auto& p : info.params) known = known || kv.first == p.id;
    if (!known) {
      std::string names;
      for (const auto& p : info.params) names += (names.empty() ? "" : ", ") + std::string(p.id);
      throw std::invalid_argument("activation '" + std::string(info.id) + "' has no parameter '" + printable(kv.first) +
                                  "'" + (names.empty() ? " (it takes none)" : " (it takes: " + names + ")"));
    }
  }
  for (size_t i = 0; i < info.params.size(); ++i) {
    const auto& p = info.params[i];
    auto it = values.find(p.id);
    double v = it == values.end() ? p.default_value : it->second;
    if (!std::isfinite(v) || v < p.min || v > p.max || (p.integer && v != std::floor(v)))
      throw std::invalid_argument(std::string(info.id) + " parameter " + p.id + " must be " +
                                  (p.integer ? "a whole number " : "") + "in [" + std::to_string(p.min) + ", " +
                                  std::to_string(p.max) + "], got " + std::to_string(v));
    out.v[i] = v;
  }
  return out;
}

/// Calls fn(Fn{}) with the math struct Fn of `kind` (the one switch over kinds).
template <class Visitor>
decltype(auto) visit_activation(Activation kind, Visitor&& fn) {
  switch (kind) {
    case Activation::linear:
      return fn(LinearFn{});
    case Activation::sigmoid:
      return fn(SigmoidFn{});
    case Activation::tanh:
      return fn(TanhFn{});
    case Activation::relu:
      return fn(ReluFn{});
    case Activation::leaky_relu:
      return fn(LeakyReluFn{});
    case Activation::prelu:
      return fn(PreluFn{});
    case Activation::elu:
      return fn(EluFn{});
    case Activation::maxout:
      return fn(MaxoutFn{});
    case Activation::gelu:
      return fn(GeluFn{});
    case Activation::silu:
      return fn(SiluFn{});
    case Activation::mish:
      return fn(MishFn{});
    case Activation::selu:
      return fn(SeluFn{});
    case Activation::softplus:
      return fn(SoftplusFn{});
    case Activation::custom:
      return fn(CustomFn{});
  }
  throw std::invalid_argument("bad activation kind");
}

/// y[i] = f(x[i]) for n elements: the reference loop, any scalar type.
template <class T>
void activation_forward_generic(Activation kind, const ActParams& p, const T* x, T* y, size_t n) {
  visit_activation(kind, [&](auto fn) {
    using Fn = decltype(fn);
    for (size_t i = 0; i < n; ++i) y[i] = Fn::f(x[i], p);
  });
}

/// dx[i] = dy[i] * f'(x[i]) (assigns, does not accumulate): the reference loop.
template <class T>
void activation_backward_generic(Activation kind, const ActParams& p, const T* x, const T* y, const T* dy, T* dx,
                                 size_t n) {
  visit_activation(kind, [&](auto fn) {
    using Fn = decltype(fn);
    for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * Fn::df(x[i], y[i], p);
  });
}

/// Whether Fn has the four-lane forms vf and vdf (all but Maxout's curve and
/// the learner's formula, which has its own compiled block programs).
template <class Fn, class = void>
struct HasVectorForm : std::false_type {};
template <class Fn>
struct HasVectorForm<Fn, std::void_t<decltype(Fn::vf(v4f{}, ActParams{}))>> : std::true_type {};

/// Whether Fn computes f and f' together (vfd: the smooth kinds, whose f' shares
/// f's exp): a layer's forward then keeps f' and its backward only multiplies.
template <class Fn, class = void>
struct HasFusedSlope : std::false_type {};
template <class Fn>
struct HasFusedSlope<Fn, std::void_t<decltype(Fn::vfd(v4f{}, ActParams{}, std::declval<v4f&>()))>> : std::true_type {};

/// y = f(x) and d = f'(x) in one pass, for the kinds with vfd (and the vector
/// kernels on); returns false, touching nothing, for the others.
bool activation_forward_slope(Activation kind, const ActParams& p, const float* x, float* y, float* d, size_t n);
template <class T>
bool activation_forward_slope(Activation, const ActParams&, const T*, T*, T*, size_t) {
  return false;  // double (the gradient checks): the reference loops
}
/// dx = dy * d over n values (the backward of a layer that kept its slopes).
void scale_by_slopes(const float* dy, const float* d, float* dx, size_t n);
template <class T>
void scale_by_slopes(const T* dy, const T* d, T* dx, size_t n) {
  for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * d[i];
}
/// Whether the kind's layer keeps f' in its forward (for the memory estimate).
inline bool keeps_slopes(Activation kind) {
  return visit_activation(kind, [](auto fn) { return HasFusedSlope<decltype(fn)>::value; });
}

/// Float versions over four lanes (activation_kernels.cpp): each kind's vf and
/// vdf, or the reference loop for kinds without them. Piecewise-linear kinds
/// are bit-identical to the reference loops; the smooth ones agree with the
/// double references to 2e-6 relative (1e-7 absolute near 0) - the tests check
/// both. set_float_kernels(reference) switches every float loop (and formula
/// program) back to the scalar libm loops, for the benchmark's "before" column
/// and the training-trajectory test.
void activation_forward(Activation kind, const ActParams& p, const float* x, float* y, size_t n);
void activation_backward(Activation kind, const ActParams& p, const float* x, const float* y, const float* dy,
                         float* dx, size_t n);

/// Any other scalar type (double, for the gradient checks) uses the reference loops.
template <class T>
void activation_forward(Activation kind, const ActParams& p, const T* x, T* y, size_t n) {
  activation_forward_generic(kind, p, x, y, n);
}
template <class T>
void activation_backward(Activation kind, const ActParams& p, const T* x, const T* y, const T* dy, T* dx, size_t n) {
  activation_backward_generic(kind, p, x, y, dy, dx, n);
}

/// f and f' over xs, for plots (uses the curve conventions of PReLU and Maxout):
/// the very loops a layer runs, so a curve shows the values training uses.
template <class T>
void activation_curve(Activation kind, const ActParams& p, const T* xs, T* y, T* dy, size_t n) {
  activation_forward(kind, p, xs, y, n);
  const std::vector<T> ones(n, T(1));
  activation_backward(kind, p, xs, y, ones.data(), dy, n);
}

}  // namespace nn

// The vector math (vmath.h) and the activations that use it, against double
// references, over a sweep of 2^24 evenly spaced floats on [-100, 100], 2^21
// log-spaced ones on 1e-30 < |x| < 1, and the special values. The same test
// runs natively (SSE) and under Node in the WASM SIMD and scalar builds.
//
// The bound for every activation's f and f': |error| <= 2e-6 |ref| or
// <= 1e-7 (near 0). The functions themselves are held to a relative bound with
// an absolute floor at the smallest normal float (results below it are
// flushed to 0 by design).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "nn/activations.h"
#include "nn/kernels.h"
#include "nn/vmath.h"

namespace {

using nn::simd::v4f;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kMax = std::numeric_limits<float>::max();
constexpr float kMin = std::numeric_limits<float>::min();

/// The sweep, in blocks (a multiple of 4 values each), so no 16M-value array is held at once.
constexpr size_t kEven = size_t(1) << 24, kNear0 = size_t(1) << 21, kBlock = size_t(1) << 16;

void sweep(const std::function<void(const float*, size_t)>& block) {
  std::vector<float> x(kBlock);
  for (size_t at = 0; at < kEven; at += kBlock) {
    for (size_t i = 0; i < kBlock; ++i)
      x[i] = static_cast<float>(-100.0 + 200.0 * (static_cast<double>(at + i) + 0.5) / kEven);
    block(x.data(), kBlock);
  }
  for (size_t at = 0; at < kNear0; at += kBlock) {
    for (size_t i = 0; i < kBlock; ++i) {
      const size_t k = at + i;
      const double mag = std::pow(10.0, -30.0 + 30.0 * static_cast<double>(k / 2) / (kNear0 / 2));
      x[i] = static_cast<float>(k % 2 ? -mag : mag);
    }
    block(x.data(), kBlock);
  }
  const float denorm = std::numeric_limits<float>::denorm_min();
  std::vector<float> special = {0.f,  -0.f,  kInf,  -kInf, std::numeric_limits<float>::quiet_NaN(),
                                kMax, -kMax, kMin,  -kMin, denorm,
                                -denorm, 88.7f, -87.4f, 1e30f, -1e30f, 16.f};
  block(special.data(), special.size());
}

/// Worst error seen, and how many values missed the bound.
struct Tally {
  double worst_rel = 0, worst_at = 0, worst_abs = 0;
  size_t misses = 0, checked = 0;
  std::string first_miss;
  void miss(const std::string& what) {
    if (misses++ == 0) first_miss = what;
  }
};

/// got against ref: NaN for NaN, infinities and overflow to inf exactly,
/// otherwise |got - ref| <= max(rel |ref|, floor).
bool close(float got, double ref, double rel, double floor) {
  if (std::isnan(ref)) return std::isnan(got);
  if (std::fabs(ref) > kMax) return (std::isinf(got) && (got > 0) == (ref > 0)) || std::fabs(got) >= kMax * (1 - 1e-7);
  return std::fabs(static_cast<double>(got) - ref) <= std::max(rel * std::fabs(ref), floor);
}

void compare(Tally& t, float x, float got, double ref, double rel, double floor) {
  ++t.checked;
  if (!close(got, ref, rel, floor)) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "x = %.9g: got %.9g, reference %.17g", x, got, ref);
    t.miss(buf);
  }
  if (std::isnan(ref) || std::fabs(ref) > kMax) return;
  const double err = std::fabs(static_cast<double>(got) - ref);
  if (rel * std::fabs(ref) >= floor) {  // where the relative bound is the one that applies
    const double r = err / std::fabs(ref);
    if (r > t.worst_rel) {
      t.worst_rel = r;
      t.worst_at = x;
    }
  } else {
    t.worst_abs = std::max(t.worst_abs, err);
  }
}

void report(const std::string& name, const Tally& t) {
  std::printf("  %-26s worst relative error %.2e (%.1f ulp) at x = %.9g, absolute %.1e near 0; %zu values\n",
              name.c_str(), t.worst_rel, t.worst_rel / 5.96e-8, t.worst_at, t.worst_abs, t.checked);
  EXPECT_EQ(t.misses, 0u) << name << ": " << t.misses << " values miss; first: " << t.first_miss;
  EXPECT_GE(t.checked, kEven + kNear0);
}

/// A vmath function over an array (lengths here are multiples of 4, or padded).
template <class Fn>
void each4(Fn fn, const float* x, float* y, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) nn::simd::store(y + i, fn(nn::simd::load(x + i)));
  if (i < n) {
    float px[4] = {0, 0, 0, 0}, py[4];
    std::copy(x + i, x + n, px);
    nn::simd::store(py, fn(nn::simd::load(px)));
    std::copy(py, py + (n - i), y + i);
  }
}

/// A vmath function over arrays. (v4f never crosses a std::function: under
/// Emscripten with exceptions an indirect call goes through JS, which has no v128.)
using ArrayFn = std::function<void(const float*, float*, size_t)>;
template <class Fn>
ArrayFn over_arrays(Fn fn) {
  return [fn](const float* x, float* y, size_t n) { each4(fn, x, y, n); };
}

struct Function {
  const char* name;
  ArrayFn vec;
  std::function<double(double)> ref;
  double rel;
};

double ref_sigmoid(double x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }
double ref_softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// Each function's bound, a little above the worst error measured in all three builds.
const std::vector<Function>& functions() {
  static const std::vector<Function> fs = {
      {"exp", over_arrays([](v4f v) { return nn::vmath::exp(v); }), [](double x) { return std::exp(x); }, 3e-7},
      {"expm1", over_arrays([](v4f v) { return nn::vmath::expm1(v); }), [](double x) { return std::expm1(x); }, 3e-7},
      {"exp_fast(-|x|)", over_arrays([](v4f v) { return nn::vmath::exp_fast(-nn::vmath::abs(v)); }),
       [](double x) { return std::exp(-std::fabs(x)); }, 3e-7},
      {"exp_base2(-|x|)", over_arrays([](v4f v) { return nn::vmath::exp_base2(-nn::vmath::abs(v)); }),
       [](double x) { return std::exp(-std::fabs(x)); }, 4.5e-6},
      {"expm1_fast(-|x|)", over_arrays([](v4f v) { return nn::vmath::expm1_fast(-nn::vmath::abs(v)); }),
       [](double x) { return std::expm1(-std::fabs(x)); }, 3e-7},
      {"log", over_arrays([](v4f v) { return nn::vmath::log(v); }), [](double x) { return std::log(x); }, 3e-7},
      {"log1p", over_arrays([](v4f v) { return nn::vmath::log1p(v); }), [](double x) { return std::log1p(x); }, 4.5e-7},
      {"tanh", over_arrays([](v4f v) { return nn::vmath::tanh(v); }), [](double x) { return std::tanh(x); }, 3e-7},
      {"tanh'", over_arrays([](v4f v) { return nn::vmath::tanh_slope(v); }),
       [](double x) { return std::isinf(x) ? 0.0 : 1 / (std::cosh(x) * std::cosh(x)); }, 5e-7},
      {"sigmoid", over_arrays([](v4f v) { return nn::vmath::sigmoid(v); }), ref_sigmoid, 3.5e-7},
      {"sigmoid'", over_arrays([](v4f v) { return nn::vmath::sigmoid_slope(v); }),
       [](double x) { return ref_sigmoid(x) * ref_sigmoid(-x); }, 5e-7},
      {"softplus", over_arrays([](v4f v) { return nn::vmath::softplus(v); }), ref_softplus, 5.5e-7},
      {"erf", over_arrays([](v4f v) { return nn::vmath::erf(v); }), [](double x) { return std::erf(x); }, 3e-7},
      {"erfc", over_arrays([](v4f v) { return nn::vmath::erfc(v); }), [](double x) { return std::erfc(x); }, 5e-7},
  };
  return fs;
}

}  // namespace

TEST(VectorMath, EveryFunctionOverTheSweep) {
  for (const Function& fn : functions()) {
    Tally t;
    std::vector<float> y(kBlock);
    sweep([&](const float* x, size_t n) {
      fn.vec(x, y.data(), n);
      for (size_t i = 0; i < n; ++i) {
        const double ref = fn.ref(static_cast<double>(x[i]));
        // Near the smallest normal float results are flushed to 0 (no denormals).
        compare(t, x[i], y[i], ref, fn.rel, 1e-37);
      }
    });
    report(fn.name, t);
  }
}

TEST(VectorMath, LimitsAndSpecialValues) {
// Direct calls only: under Emscripten with exceptions an indirect call may go through JS, which has no v128.
#define AT(f, x) (nn::vmath::f(nn::simd::splat(x))[0])
  EXPECT_EQ(AT(exp, -kInf), 0.f);
  EXPECT_EQ(AT(exp, kInf), kInf);
  EXPECT_EQ(AT(exp, 89.f), kInf);
  EXPECT_EQ(AT(exp, -88.f), 0.f);  // below FLT_MIN: flushed, no denormal
  EXPECT_EQ(AT(exp, 0.f), 1.f);
  EXPECT_EQ(AT(expm1, -kInf), -1.f);
  EXPECT_EQ(AT(expm1, 0.f), 0.f);
  EXPECT_EQ(AT(log, 0.f), -kInf);
  EXPECT_TRUE(std::isnan(AT(log, -1.f)));
  EXPECT_EQ(AT(log, kInf), kInf);
  EXPECT_EQ(AT(log, 1.f), 0.f);
  EXPECT_NEAR(AT(log, std::numeric_limits<float>::denorm_min()), -103.27893f, 1e-4);
  EXPECT_EQ(AT(log1p, -1.f), -kInf);
  EXPECT_EQ(AT(log1p, kInf), kInf);
  EXPECT_EQ(AT(tanh, kInf), 1.f);
  EXPECT_EQ(AT(tanh, -kInf), -1.f);
  EXPECT_EQ(AT(tanh, 20.f), 1.f);
  EXPECT_EQ(AT(sigmoid, kInf), 1.f);
  EXPECT_EQ(AT(sigmoid, -kInf), 0.f);
  EXPECT_EQ(AT(sigmoid, 0.f), 0.5f);
  EXPECT_EQ(AT(softplus, -kInf), 0.f);
  EXPECT_EQ(AT(softplus, kInf), kInf);
  EXPECT_EQ(AT(erf, kInf), 1.f);
  EXPECT_EQ(AT(erf, -kInf), -1.f);
  EXPECT_EQ(AT(erfc, kInf), 0.f);
  EXPECT_EQ(AT(erfc, -kInf), 2.f);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (float y : {AT(exp, nan), AT(expm1, nan), AT(log, nan), AT(log1p, nan), AT(tanh, nan), AT(sigmoid, nan),
                  AT(softplus, nan), AT(erf, nan), AT(erfc, nan), AT(tanh_slope, nan), AT(sigmoid_slope, nan),
                  AT(exp_fast, nan), AT(expm1_fast, nan)})
    EXPECT_TRUE(std::isnan(y));
}
#undef AT

namespace {

/// The parameter settings a row is swept with: its defaults, and each parameter at its ends.
std::vector<nn::ActParams> settings(const nn::ActivationInfo& info) {
  std::vector<nn::ActParams> out = {nn::resolve_params(info, {})};
  for (const auto& p : info.params)
    for (double v : {p.min, p.max})
      if (v != p.default_value) out.push_back(nn::resolve_params(info, {{p.id, v}}));
  return out;
}

}  // namespace

// Every activation with vector forms, f and f' against its own double f and
// df (the very functions the gradient checks and the reference values test):
// the full sweep at the defaults, a sixteenth of it at each parameter's ends.
TEST(VectorMath, EveryActivationAndDerivativeOverTheSweep) {
  for (const auto& info : nn::activation_table()) {
    const bool vector = nn::visit_activation(info.kind, [](auto fn) { return nn::HasVectorForm<decltype(fn)>::value; });
    if (!vector || info.kind == nn::Activation::custom) continue;
    const auto all = settings(info);
    for (size_t s = 0; s < all.size(); ++s) {
      const nn::ActParams& p = all[s];
      // The kinds with a fused forward (f and f' together, as a training layer
      // runs them) are checked twice: that path, and vf/vdf (curves, inference).
      const bool fused = nn::keeps_slopes(info.kind);
      for (int pass = 0; pass < (fused ? 2 : 1); ++pass) {
      Tally tf, tdf;
      std::vector<float> y(kBlock), d(kBlock), ones(kBlock, 1.f);
      size_t blocks = 0;
      sweep([&](const float* x, size_t n) {
        if (s > 0 && blocks++ % 16 != 0 && n == kBlock) return;
        if (pass == 1) {
          ASSERT_TRUE(nn::activation_forward_slope(info.kind, p, x, y.data(), d.data(), n));
        } else {
          nn::activation_forward(info.kind, p, x, y.data(), n);
          nn::activation_backward(info.kind, p, x, y.data(), ones.data(), d.data(), n);
        }
        nn::visit_activation(info.kind, [&](auto fn) {
          using Fn = decltype(fn);
          for (size_t i = 0; i < n; ++i) {
            const double xd = x[i], yd = Fn::f(xd, p), dyd = Fn::df(xd, yd, p);
            if (std::isinf(xd) && (std::isnan(yd) || std::isnan(dyd))) {
              // The double formula meets 0 * inf at an infinite input; the vector
              // form may give NaN too, or the limit (the double value at 1e300).
              const double xl = xd > 0 ? 1e300 : -1e300, yl = Fn::f(xl, p), dl = Fn::df(xl, yl, p);
              EXPECT_TRUE(std::isnan(y[i]) || close(y[i], yl, 2e-6, 1e-7)) << info.id << " f(" << xd << ") = " << y[i];
              EXPECT_TRUE(std::isnan(d[i]) || close(d[i], dl, 2e-6, 1e-7)) << info.id << " f'(" << xd << ") = " << d[i];
              continue;
            }
            compare(tf, x[i], y[i], yd, 2e-6, 1e-7);
            compare(tdf, x[i], d[i], dyd, 2e-6, 1e-7);
          }
        });
      });
      std::string name = std::string(info.id) + (pass == 1 ? " (fused)" : "");
      for (size_t k = 0; k < info.params.size(); ++k) name += " " + std::string(info.params[k].id) + "=" + std::to_string(p.v[k]).substr(0, 4);
      if (s == 0) {
        report(name + " f", tf);
        report(name + " f'", tdf);
      } else {
        EXPECT_EQ(tf.misses, 0u) << name << " f: " << tf.first_miss;
        EXPECT_EQ(tdf.misses, 0u) << name << " f': " << tdf.first_miss;
      }
      }
    }
  }
}

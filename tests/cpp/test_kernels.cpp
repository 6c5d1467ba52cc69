// The SIMD float kernels (piecewise-linear activations, PReLU rows, optimizer
// updates) against the reference loops: bit-identical values on lengths that exercise the
// 4-lane body and the scalar tail, including signed zeros and extreme inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "nn/activations.h"
#include "nn/kernels.h"
#include "nn/rng.h"

namespace {

std::vector<float> random_values(size_t n, uint64_t seed, double scale = 4) {
  nn::Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.uniform(-scale, scale));
  if (n > 5) {
    v[1] = 0.f;
    v[2] = -0.f;
    v[3] = 1e4f;
    v[4] = -1e4f;
  }
  return v;
}

void expect_bits(const std::vector<float>& a, const std::vector<float>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(std::memcmp(&a[i], &b[i], 4), 0) << what << " at " << i << ": " << a[i] << " vs " << b[i];
}

const size_t kLengths[] = {0, 1, 3, 4, 5, 8, 13, 1000, 1027};

}  // namespace

// The piecewise-linear kinds (kExact) and those without vector forms; the
// smooth ones are held to the double references in test_vmath.cpp instead.
TEST(SimdKernels, ExactActivationsAreBitIdenticalToTheReferenceLoops) {
  size_t exact = 0;
  for (const auto& info : nn::activation_table()) {
    const bool is_exact = nn::visit_activation(info.kind, [](auto fn) {
      using Fn = decltype(fn);
      if constexpr (nn::HasVectorForm<Fn>::value)
        return Fn::kExact;
      else
        return true;
    });
    if (!is_exact) continue;
    ++exact;
    nn::ActParams p = nn::resolve_params(info, {});
    if (info.kind == nn::Activation::prelu) p.v[0] = 0.25;
    for (size_t n : kLengths) {
      const auto x = random_values(n, n + 1), dy = random_values(n, n + 2);
      std::vector<float> y1(n), y2(n), d1(n), d2(n);
      nn::activation_forward(info.kind, p, x.data(), y1.data(), n);
      nn::activation_forward_generic(info.kind, p, x.data(), y2.data(), n);
      expect_bits(y1, y2, std::string(info.id) + " forward");
      nn::activation_backward(info.kind, p, x.data(), y1.data(), dy.data(), d1.data(), n);
      nn::activation_backward_generic(info.kind, p, x.data(), y1.data(), dy.data(), d2.data(), n);
      expect_bits(d1, d2, std::string(info.id) + " backward");
    }
  }
  EXPECT_EQ(exact, 6u);  // linear, relu, leaky_relu, prelu, maxout, custom (no formula: x); nothing smooth
}

TEST(SimdKernels, PreluRowsAreBitIdentical) {
  for (size_t n : kLengths) {
    const auto x = random_values(n, 7), alpha = random_values(n, 8, 0.5), dy = random_values(n, 9);
    std::vector<float> y1(n), y2(n), dx1(n), dx2(n), da1(n, 0.5f), da2(n, 0.5f);
    nn::prelu_forward_row(x.data(), alpha.data(), y1.data(), n);
    nn::prelu_forward_row_generic(x.data(), alpha.data(), y2.data(), n);
    expect_bits(y1, y2, "prelu forward");
    nn::prelu_backward_row(x.data(), alpha.data(), dy.data(), dx1.data(), da1.data(), n);
    nn::prelu_backward_row_generic(x.data(), alpha.data(), dy.data(), dx2.data(), da2.data(), n);
    expect_bits(dx1, dx2, "prelu dx");
    expect_bits(da1, da2, "prelu dalpha");
  }
}

TEST(SimdKernels, OptimizerUpdatesAreBitIdentical) {
  for (size_t n : kLengths) {
    const auto g = random_values(n, 11, 0.1);
    auto w1 = random_values(n, 12), w2 = w1;
    // Three steps of each rule, so the state (momentum, moments) matters too.
    auto run = [&](auto&& simd_step, auto&& ref_step, const char* what) {
      w1 = random_values(n, 12);
      w2 = w1;
      std::vector<float> s1(n, 0.f), s2(n, 0.f), t1(n, 0.f), t2(n, 0.f);
      for (int k = 0; k < 3; ++k) {
        const double q1 = simd_step(w1.data(), s1.data(), t1.data());
        const double q2 = ref_step(w2.data(), s2.data(), t2.data());
        EXPECT_NEAR(q1, q2, 1e-6 * (q2 + 1e-30)) << what;
      }
      expect_bits(w1, w2, what);
      expect_bits(s1, s2, std::string(what) + " state");
      expect_bits(t1, t2, std::string(what) + " second state");
    };
    run([&](float* w, float*, float*) { return nn::sgd_update(w, g.data(), n, 0.1f); },
        [&](float* w, float*, float*) { return nn::sgd_update_generic(w, g.data(), n, 0.1f); }, "sgd");
    for (bool nesterov : {false, true})
      run([&](float* w, float* m, float*) { return nn::momentum_update(w, g.data(), m, n, 0.1f, 0.9f, nesterov); },
          [&](float* w, float* m, float*) {
            return nn::momentum_update_generic(w, g.data(), m, n, 0.1f, 0.9f, nesterov);
          },
          nesterov ? "nesterov" : "momentum");
    run([&](float* w, float* v, float*) { return nn::rmsprop_update(w, g.data(), v, n, 0.001f, 0.9f, 1e-7f); },
        [&](float* w, float* v, float*) { return nn::rmsprop_update_generic(w, g.data(), v, n, 0.001f, 0.9f, 1e-7f); },
        "rmsprop");
    run([&](float* w, float* m, float* v) { return nn::adam_update(w, g.data(), m, v, n, 3e-4f, 0.1f, 0.001f, 1e-7f); },
        [&](float* w, float* m, float* v) {
          return nn::adam_update_generic(w, g.data(), m, v, n, 3e-4f, 0.1f, 0.001f, 1e-7f);
        },
        "adam");
  }
}

TEST(Kernels, AxpyIsBitIdenticalToTheReferenceLoop) {
  for (size_t n : {0u, 1u, 3u, 4u, 15u, 16u, 17u, 512u, 515u}) {
    std::vector<float> x(n), y(n);
    for (size_t i = 0; i < n; ++i) {
      x[i] = std::sin(0.37f * i) * 3.f;
      y[i] = std::cos(0.11f * i);
    }
    auto want = y;
    nn::axpy_generic(n, 0.731f, x.data(), want.data());
    nn::axpy(n, 0.731f, x.data(), y.data());
    EXPECT_EQ(y, want) << n;
  }
}

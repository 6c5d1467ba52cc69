// The 2-D view's network: gradients of both heads and both regularisations by
// central differences in double, learning a small problem, the grid
// evaluation against the batch forward (and without allocating), dead units,
// and refused specs and points.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "alloc_tracker.h"
#include "nn/plane.h"
#include "nn/rng.h"

namespace {

/// n points of two features in [-1, 1] labelled by the XOR of their signs (±1);
/// for regression, the target is x1·x2.
void xor_points(size_t n, bool regression, std::vector<float>& x, std::vector<float>& t) {
  nn::Rng rng(7);
  x.clear();
  t.clear();
  for (size_t i = 0; i < n; ++i) {
    const float a = static_cast<float>(rng.uniform(-1, 1)), b = static_cast<float>(rng.uniform(-1, 1));
    x.push_back(a);
    x.push_back(b);
    t.push_back(regression ? a * b : (a * b >= 0 ? 1.f : -1.f));
  }
}

nn::PlaneSpec spec_of(std::vector<nn::HiddenSpec> hidden, bool regression, const std::string& reg, double rate) {
  nn::PlaneSpec s;
  s.hidden = std::move(hidden);
  s.regression = regression;
  s.regularization = reg;
  s.regularization_rate = rate;
  return s;
}

}  // namespace

// Central differences in double (eps 1e-6, atol 1e-5, rtol 1e-3) on the batch
// loss, regularisation included. L1's kink at w = 0 is skipped (no weight sits there).
TEST(Plane, GradientsMatchCentralDifferences) {
  std::vector<float> x, t;
  for (const bool regression : {false, true}) {
    for (const char* reg : {"none", "l1", "l2"}) {
      xor_points(12, regression, x, t);
      nn::PlaneNet<double> net(spec_of({{4, "tanh", {}}, {3, "elu", {}}, {2, "softplus", {}}}, regression, reg, 0.05));
      net.set_points(x.data(), x.size(), t.data(), t.size(), t.size());
      std::vector<uint32_t> all(t.size());
      for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
      net.batch_gradient(all.data(), all.size());
      auto params = net.model().params();
      std::vector<std::vector<double>> grads;
      for (const auto& p : params) grads.emplace_back(p.grad, p.grad + p.size);
      int checked = 0;
      for (size_t k = 0; k < params.size(); ++k) {
        for (size_t i = 0; i < params[k].size; ++i) {
          double& w = params[k].value[i];
          if (std::string(reg) == "l1" && std::fabs(w) < 1e-4) continue;
          const double keep = w, eps = 1e-6;
          w = keep + eps;
          const double up = net.batch_gradient(all.data(), all.size());
          w = keep - eps;
          const double down = net.batch_gradient(all.data(), all.size());
          w = keep;
          const double numeric = (up - down) / (2 * eps);
          EXPECT_NEAR(grads[k][i], numeric, 1e-5 + 1e-3 * std::fabs(numeric))
              << params[k].name << "[" << i << "] " << reg << (regression ? " regression" : " classification");
          ++checked;
        }
      }
      EXPECT_GE(checked, 36);  // 38 values, L1 may skip a couple
    }
  }
}

TEST(Plane, LearnsXorWithTanhAndAMixOfActivations) {
  std::vector<float> x, t;
  xor_points(300, false, x, t);
  for (const char* second : {"tanh", "relu"}) {
    nn::PlaneSpec s = spec_of({{8, "tanh", {}}, {8, second, {}}}, false, "none", 0);
    s.optimizer.learning_rate = 0.1;
    nn::PlaneNet<float> net(s);
    net.set_points(x.data(), x.size(), t.data(), t.size(), 200);
    const double before = net.loss(false);
    ASSERT_TRUE(net.train_steps(2000));
    EXPECT_LT(net.loss(false), 0.1) << second;
    EXPECT_LT(net.loss(true), 0.15) << second;
    EXPECT_LT(net.loss(false), before / 3) << second;
    EXPECT_EQ(net.epoch(), 2000 * 10 / 200);
  }
}

TEST(Plane, GridEvaluationMatchesTheBatchForwardWithoutAllocating) {
  nn::PlaneSpec s = spec_of({{5, "relu", {}}, {4, "maxout", {}}, {3, "prelu", {}}}, false, "none", 0);
  s.inputs = 3;
  nn::PlaneNet<float> net(s);
  const size_t n = 50 * 50;
  std::vector<float> grid;
  for (size_t i = 0; i < n; ++i) {
    const float a = -6.f + 12.f * (i % 50) / 49.f, b = 6.f - 12.f * (i / 50) / 49.f;
    grid.insert(grid.end(), {a, b, a * b});
  }
  net.set_grid(grid.data(), grid.size(), n);
  const float* out;
  {
    alloc_tracker::Watch watch;
    out = net.evaluate_grid();
    EXPECT_EQ(watch.peak_growth(), 0u);
  }
  ASSERT_EQ(net.neurons(), 12u);
  nn::Mat<float> batch = nn::Mat<float>::from_shape({n, 3});
  std::copy(grid.begin(), grid.end(), batch.data());
  const nn::Mat<float>& logits = net.model().forward(batch);
  size_t unit = 0;
  for (auto& b : net.model().blocks()) {
    const nn::Mat<float>& a = b.act->output();
    for (size_t j = 0; j < a.shape(1); ++j, ++unit)
      for (size_t p = 0; p < n; p += 97) EXPECT_NEAR(out[unit * n + p], a(p, j), 1e-5 + 1e-5 * std::fabs(a(p, j)));
  }
  for (size_t p = 0; p < n; p += 31) {
    EXPECT_NEAR(out[(unit + 1) * n + p], logits(p, 0), 1e-5 + 1e-5 * std::fabs(logits(p, 0)));  // the logit
    EXPECT_NEAR(out[unit * n + p], std::tanh(logits(p, 0)), 1e-5);                              // the output
  }
}

TEST(Plane, DeadUnitsPassNoGradientOnAnyTrainingPoint) {
  std::vector<float> x, t;
  xor_points(100, false, x, t);
  for (const char* act : {"relu", "leaky_relu", "tanh"}) {
    nn::PlaneSpec s = spec_of({{6, act, {}}}, false, "none", 0);
    s.bias_init = -2;  // with glorot weights and |x| < 1, a ReLU unit's input stays below 0
    nn::PlaneNet<float> net(s);
    net.set_points(x.data(), x.size(), t.data(), t.size(), t.size());
    const auto& dead = net.dead_units();
    ASSERT_EQ(dead.size(), 6u);
    int count = 0;
    for (uint8_t d : dead) count += d;
    EXPECT_EQ(count, std::string(act) == "relu" ? 6 : 0) << act;
  }
}

TEST(Plane, RefusesImpossibleSpecsAndPoints) {
  EXPECT_THROW(nn::PlaneNet<float>(spec_of(std::vector<nn::HiddenSpec>(7, {2, "relu", {}}), false, "none", 0)),
               std::invalid_argument);
  EXPECT_THROW(nn::PlaneNet<float>(spec_of({{9, "relu", {}}}, false, "none", 0)), std::invalid_argument);
  EXPECT_THROW(nn::PlaneNet<float>(spec_of({{2, "relu", {}}}, false, "l3", 0.1)), std::invalid_argument);
  EXPECT_THROW(nn::PlaneNet<float>(spec_of({{2, "relu", {}}}, false, "l2", -1)), std::invalid_argument);
  nn::PlaneSpec s = spec_of({{2, "relu", {}}}, false, "none", 0);
  s.batch_size = 31;
  EXPECT_THROW(nn::PlaneNet<float>{s}, std::invalid_argument);
  s.batch_size = 10;
  s.inputs = 0;
  EXPECT_THROW(nn::PlaneNet<float>{s}, std::invalid_argument);
  s.inputs = 2;
  nn::PlaneNet<float> net(s);
  std::vector<float> x(6, 0.5f), t(3, 1.f);
  EXPECT_THROW(net.set_points(x.data(), 5, t.data(), 3, 3), std::invalid_argument);  // 5 values for 3 points of 2
  EXPECT_THROW(net.set_points(x.data(), 6, t.data(), 3, 4), std::invalid_argument);  // more training than points
  t[1] = NAN;
  EXPECT_THROW(net.set_points(x.data(), 6, t.data(), 3, 3), std::invalid_argument);
  EXPECT_THROW(net.set_grid(x.data(), 6, nn::kPlaneMaxGrid + 1), std::invalid_argument);
  EXPECT_THROW(net.train_steps(1), std::invalid_argument);  // no points yet
}

// Gradient checks by central differences in double (PyTorch gradcheck's
// settings: eps 1e-6, atol 1e-5, rtol 1e-3) for every activation's layer, the
// Dense layers, PReLU's alpha, Maxout, and the fused softmax + cross-entropy.
//
// Kinks: ReLU-like units have a kink at z = 0 and Maxout at ties between pieces.
// A finite difference that crosses one is not a derivative, so a coordinate is
// skipped when nudging it by ±eps changes the activation pattern (sign of every
// pre-activation, every Maxout winner). The tests assert that few are skipped.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/model.h"

namespace {

using Model = nn::Model<double>;

std::vector<uint8_t> pattern(Model& m) {
  std::vector<uint8_t> out;
  for (auto& b : m.blocks()) {
    const auto& z = b.dense->output();
    for (double v : z) out.push_back(v > 0);
    if (auto* mx = dynamic_cast<nn::MaxoutLayer<double>*>(b.act))
      out.insert(out.end(), mx->winner.begin(), mx->winner.end());
  }
  return out;
}

double loss_of(Model& m, const nn::Mat<double>& x, const std::vector<uint8_t>& y) {
  nn::Mat<double> probs;
  return nn::softmax_cross_entropy(m.forward(x), y.data(), probs, nullptr);
}

struct Result {
  int checked = 0, skipped = 0;
};

Result gradcheck(const std::string& activation, std::map<std::string, double> params, uint64_t seed) {
  nn::ModelSpec spec;
  spec.inputs = 6;
  spec.outputs = 4;
  spec.hidden = {{5, activation, params}, {4, activation, params}};
  Model m(spec, seed);
  nn::Rng rng(seed + 99);
  // Non-zero biases and PReLU slopes, so every path carries gradient.
  for (auto& p : m.params())
    if (p.name.find("/bias") != std::string::npos || p.name.find("/alpha") != std::string::npos)
      for (size_t i = 0; i < p.size; ++i) p.value[i] = rng.uniform(-0.4, 0.4);
  const size_t n = 3;
  nn::Mat<double> x = nn::Mat<double>::from_shape({n, 6});
  for (auto& v : x) v = rng.uniform(-2, 2);
  std::vector<uint8_t> y = {0, 3, 1};

  m.forward_backward(x, y.data());
  auto params_now = m.params();
  std::vector<std::vector<double>> analytic;
  for (auto& p : params_now) analytic.emplace_back(p.grad, p.grad + p.size);
  const auto base = pattern(m);

  const double eps = 1e-6, atol = 1e-5, rtol = 1e-3;
  Result r;
  for (size_t k = 0; k < params_now.size(); ++k) {
    auto& p = params_now[k];
    for (size_t i = 0; i < p.size; ++i) {
      const double w = p.value[i];
      p.value[i] = w + eps;
      const double up = loss_of(m, x, y);
      const bool same_up = pattern(m) == base;
      p.value[i] = w - eps;
      const double down = loss_of(m, x, y);
      const bool same_down = pattern(m) == base;
      p.value[i] = w;
      if (!same_up || !same_down) {
        ++r.skipped;
        continue;
      }
      const double numeric = (up - down) / (2 * eps);
      EXPECT_NEAR(analytic[k][i], numeric, atol + rtol * std::fabs(numeric))
          << activation << " " << p.name << "[" << i << "]";
      ++r.checked;
    }
  }
  return r;
}

}  // namespace

TEST(GradientCheck, EveryActivationLayerInATwoHiddenLayerNetwork) {
  const std::vector<std::pair<std::string, std::map<std::string, double>>> cases = {
      {"linear", {}}, {"sigmoid", {}},       {"tanh", {}},
      {"relu", {}},   {"leaky_relu", {}},    {"leaky_relu", {{"slope", 0.2}}},
      {"prelu", {}},  {"elu", {}},           {"elu", {{"alpha", 0.5}}},
      {"maxout", {}}, {"maxout", {{"k", 3}}}};
  for (const auto& [act, params] : cases) {
    for (uint64_t seed : {1, 2}) {
      const Result r = gradcheck(act, params, seed);
      // 6·5·k + 5·k + (5) + 5·4·k + 4·k + (4) + 4·4 + 4 coordinates; kinks are rare.
      EXPECT_GT(r.checked, 60) << act;
      EXPECT_LE(r.skipped, r.checked / 20) << act << ": too many coordinates at a kink";
    }
  }
}

TEST(GradientCheck, FusedSoftmaxCrossEntropy) {
  nn::Rng rng(5);
  nn::Mat<double> z = nn::Mat<double>::from_shape({4, 10}), probs, dz;
  for (auto& v : z) v = rng.uniform(-3, 3);
  z(2, 7) = 40;  // a confident row
  const uint8_t y[] = {3, 0, 9, 5};
  const double loss = nn::softmax_cross_entropy(z, y, probs, &dz);
  // The loss itself: mean of -log softmax.
  double expect = 0;
  for (int i = 0; i < 4; ++i) {
    double s = 0;
    for (int j = 0; j < 10; ++j) s += std::exp(z(i, j));
    expect += -std::log(std::exp(z(i, y[i])) / s);
  }
  EXPECT_NEAR(loss, expect / 4, 1e-12);
  const double eps = 1e-6;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 10; ++j) {
      nn::Mat<double> zp = z, zm = z, pp;
      zp(i, j) += eps;
      zm(i, j) -= eps;
      const double numeric =
          (nn::softmax_cross_entropy(zp, y, pp, nullptr) - nn::softmax_cross_entropy(zm, y, pp, nullptr)) / (2 * eps);
      EXPECT_NEAR(dz(i, j), numeric, 1e-5 + 1e-3 * std::fabs(numeric)) << i << "," << j;
    }
  // p - onehot, divided by the batch.
  EXPECT_NEAR(dz(0, 3), (probs(0, 3) - 1) / 4, 1e-15);
}

TEST(GradientCheck, SoftmaxCrossEntropyIsFiniteForHugeLogits) {
  nn::Mat<float> z = {{1e30f, -1e30f, 0.f}, {-1e4f, 1e4f, 3.f}}, probs, dz;
  const uint8_t y[] = {1, 0};
  const float loss = nn::softmax_cross_entropy(z, y, probs, &dz);
  EXPECT_TRUE(std::isfinite(loss));
  for (float v : probs) EXPECT_TRUE(std::isfinite(v));
  for (float v : dz) EXPECT_TRUE(std::isfinite(v));
}

TEST(GradientCheck, FloatModelAgreesWithDoubleModel) {
  // Same seed, same spec: the float model's gradients track the checked double ones.
  nn::ModelSpec spec;
  spec.inputs = 20;
  spec.hidden = {{16, "elu", {}}};
  nn::Model<double> md(spec, 3);
  nn::Model<float> mf(spec, 3);
  nn::Rng rng(4);
  nn::Mat<double> xd = nn::Mat<double>::from_shape({8, 20});
  for (auto& v : xd) v = rng.uniform(0, 1);
  nn::Mat<float> xf = xd;
  std::vector<uint8_t> y = {1, 2, 3, 4, 5, 6, 7, 8};
  const double ld = md.forward_backward(xd, y.data());
  const float lf = mf.forward_backward(xf, y.data());
  EXPECT_NEAR(lf, ld, 1e-5);
  auto pd = md.params();
  auto pf = mf.params();
  ASSERT_EQ(pd.size(), pf.size());
  for (size_t k = 0; k < pd.size(); ++k)
    for (size_t i = 0; i < pd[k].size; ++i) EXPECT_NEAR(pf[k].grad[i], pd[k].grad[i], 1e-5) << pd[k].name;
}

// Optimizer steps against hand-computed Keras updates: w = [1, -2], a constant
// gradient g = [0.5, -0.1], three steps. Expected values were worked out with
// Keras' formulas by hand (Python floats) and written in as constants.
#include <gtest/gtest.h>

#include <vector>

#include "nn/optimizers.h"

namespace {

std::vector<std::vector<double>> run(nn::OptimizerSpec spec, int steps = 3) {
  std::vector<double> w = {1.0, -2.0}, g = {0.5, -0.1};
  nn::Optimizer<double> opt(spec);
  std::vector<nn::ParamRef<double>> params = {{"w", w.data(), g.data(), 2}};
  std::vector<std::vector<double>> out;
  for (int t = 1; t <= steps; ++t) {
    opt.step(params, t);
    out.push_back(w);
  }
  return out;
}

void expect_path(const std::vector<std::vector<double>>& got, const std::vector<std::vector<double>>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t t = 0; t < got.size(); ++t)
    for (size_t i = 0; i < 2; ++i) EXPECT_NEAR(got[t][i], want[t][i], 1e-12) << "step " << t + 1 << " w" << i;
}

}  // namespace

TEST(Optimizers, KerasDefaults) {
  nn::OptimizerSpec s;
  EXPECT_EQ(s.kind, "rmsprop");
  EXPECT_EQ(s.lr(), 0.001);
  EXPECT_EQ(s.rho, 0.9);
  EXPECT_EQ(s.epsilon, 1e-7);
  s.kind = "sgd";
  EXPECT_EQ(s.lr(), 0.01);
  s.kind = "adam";
  EXPECT_EQ(s.lr(), 0.001);
  EXPECT_EQ(s.beta_1, 0.9);
  EXPECT_EQ(s.beta_2, 0.999);
}

TEST(Optimizers, PlainSgd) {
  nn::OptimizerSpec s;
  s.kind = "sgd";
  s.learning_rate = 0.1;
  expect_path(run(s), {{0.95, -1.99}, {0.90, -1.98}, {0.85, -1.97}});
}

TEST(Optimizers, SgdMomentum) {
  nn::OptimizerSpec s;
  s.kind = "sgd";
  s.learning_rate = 0.1;
  s.momentum = 0.9;
  // m1 = -0.05, m2 = -0.095, m3 = -0.1355 (times -1/5 for w1)
  expect_path(run(s), {{0.95, -1.99}, {0.855, -1.971}, {0.7195, -1.9439}});
}

TEST(Optimizers, SgdNesterov) {
  nn::OptimizerSpec s;
  s.kind = "sgd";
  s.learning_rate = 0.1;
  s.momentum = 0.9;
  s.nesterov = true;
  // w += 0.9 m - lr g: -0.095, -0.1355, -0.17195
  expect_path(run(s), {{0.905, -1.981}, {0.7695, -1.9539}, {0.59755, -1.91951}});
}

TEST(Optimizers, RmspropKeras) {
  nn::OptimizerSpec s;  // lr 0.001, rho 0.9, eps 1e-7: w -= lr g / sqrt(v + eps)
  expect_path(run(s), {{0.9968377286643679, -1.9968378804418572},
                       {0.9945435737405609, -1.9945437834733302},
                       {0.992622628282244, -1.9926228720381853}});
}

TEST(Optimizers, AdamKerasWithBiasCorrection) {
  nn::OptimizerSpec s;
  s.kind = "adam";
  expect_path(run(s), {{0.9990000063245154, -1.9990000316217766},
                       {0.9980000107977498, -1.9980000539875484},
                       {0.9970000144510467, -1.997000072253766}});
}

TEST(Optimizers, RecordsUpdateNorms) {
  std::vector<double> w = {1.0, -2.0}, g = {3.0, 4.0};
  nn::OptimizerSpec s;
  s.kind = "sgd";
  s.learning_rate = 0.1;
  nn::Optimizer<double> opt(s);
  opt.step({{"w", w.data(), g.data(), 2}}, 1);
  EXPECT_NEAR(opt.last_update_norms().at(0), 0.5, 1e-12);
}

TEST(Optimizers, RejectsImpossibleSettings) {
  nn::OptimizerSpec s;
  s.learning_rate = std::nan("");
  EXPECT_THROW(nn::validate(s), std::invalid_argument);
  s.learning_rate = -0.1;
  EXPECT_THROW(nn::validate(s), std::invalid_argument);
  s.learning_rate = 0.1;
  s.kind = "adagrad";
  EXPECT_THROW(nn::validate(s), std::invalid_argument);
  s.kind = "sgd";
  s.momentum = 1.0;
  EXPECT_THROW(nn::validate(s), std::invalid_argument);
  s.momentum = 0.5;
  EXPECT_NO_THROW(nn::validate(s));
}

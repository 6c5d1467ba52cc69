// The trainer: reproducibility, step granularity, learning, evaluation,
// divergence handling and the diagnostics that make the note's claims measurable.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numeric>

#include "nn/kernels.h"
#include "nn/trainer.h"
#include "test_util.h"

namespace {

nn::TrainerConfig config(const std::string& act, uint64_t seed = 1, int units = 32) {
  nn::TrainerConfig c;
  c.model.hidden = {{units, act, {}}};
  c.seed = seed;
  c.batch_size = 32;
  return c;
}

nn::Trainer make(const nn::TrainerConfig& c, size_t n_train = 400) {
  nn::Trainer t(c);
  t.set_data(testutil::toy_digits(n_train, 11), testutil::toy_digits(200, 12));
  return t;
}

}  // namespace

TEST(Trainer, ChecksAndCompilesACustomFormulaOncePerNetwork) {
  nn::TrainerConfig c = config("custom");
  c.model.hidden[0].formula = "x * sigmoid(x)";
  c.model.hidden.push_back({16, "relu", {}});
  const uint64_t before = nn::Formula::compilations();
  nn::Trainer t(c);
  EXPECT_EQ(nn::Formula::compilations() - before, 1u);  // validation, memory check and layers share one plan
  const auto bytes = t.save_weights();
  nn::Trainer loaded(config("relu"));
  const uint64_t before_load = nn::Formula::compilations();
  loaded.load_weights(bytes.data(), bytes.size());
  EXPECT_EQ(nn::Formula::compilations() - before_load, 1u);  // a weights file's network, likewise
}

TEST(Trainer, SameSeedGivesBitIdenticalWeights) {
  for (const char* opt : {"rmsprop", "adam", "sgd"}) {
    auto c = config("relu", 7);
    c.optimizer.kind = opt;
    nn::Trainer a = make(c), b = make(c);
    a.train_steps(20);
    b.train_steps(20);
    EXPECT_EQ(a.save_weights(), b.save_weights()) << opt;
  }
  nn::Trainer a = make(config("relu", 7)), b = make(config("relu", 8));
  a.train_steps(3);
  b.train_steps(3);
  EXPECT_NE(a.save_weights(), b.save_weights());
}

TEST(Trainer, StepGranularityDoesNotChangeTheRun) {
  nn::Trainer a = make(config("tanh")), b = make(config("tanh"));
  a.train_steps(17);  // crosses an epoch boundary (400 / 32 = 13 steps)
  for (int i = 0; i < 17; ++i) b.train_steps(1);
  EXPECT_EQ(a.save_weights(), b.save_weights());
  EXPECT_EQ(a.step(), 17);
  EXPECT_EQ(a.epoch(), 1);
  EXPECT_EQ(a.steps_per_epoch(), 13);
}

TEST(Trainer, LearnsTheToyDigits) {
  for (const auto& info : nn::activation_table()) {
    auto c = config(info.id);
    if (info.kind == nn::Activation::custom) c.model.hidden[0].formula = "x * sigmoid(x)";
    nn::Trainer t = make(c);
    const double before = t.evaluate().loss;
    for (int e = 0; e < 5; ++e) t.train_steps(t.steps_per_epoch());
    const nn::EvalStats v = t.evaluate();
    EXPECT_LT(v.loss, before) << info.id;
    EXPECT_GT(v.accuracy, 0.9) << info.id;
  }
}

TEST(Trainer, EvaluationConfusionMatrixIsConsistent) {
  nn::Trainer t = make(config("relu"));
  t.train_steps(5);
  const nn::EvalStats v = t.evaluate();
  EXPECT_EQ(v.count, 200u);
  EXPECT_EQ(std::accumulate(v.confusion.begin(), v.confusion.end(), 0), 200);
  int trace = 0;
  for (int i = 0; i < 10; ++i) trace += v.confusion[i * 10 + i];
  EXPECT_DOUBLE_EQ(v.accuracy, trace / 200.0);
  EXPECT_EQ(static_cast<int>(v.misclassified.size()), std::min(64, 200 - trace));
  const nn::EvalStats part = t.evaluate(50);
  EXPECT_EQ(part.count, 50u);
}

TEST(Trainer, PredictGivesProbabilities) {
  nn::Trainer t = make(config("relu"));
  std::vector<float> x(2 * 784, 0.5f);
  const auto p = t.predict(x.data(), 2);
  ASSERT_EQ(p.size(), 20u);
  EXPECT_NEAR(std::accumulate(p.begin(), p.begin() + 10, 0.0), 1.0, 1e-5);
  x[3] = std::nanf("");
  EXPECT_THROW(t.predict(x.data(), 2), std::invalid_argument);
}

TEST(Trainer, DivergingRunStopsCleanly) {
  auto c = config("linear");
  c.model.hidden = {{64, "linear", {}}, {64, "linear", {}}, {64, "linear", {}}};
  c.optimizer.kind = "sgd";
  c.optimizer.learning_rate = 5.0;
  c.optimizer.momentum = 0.9;
  nn::Trainer t = make(c);
  nn::StepStats s = t.train_steps(200);
  EXPECT_TRUE(s.diverged);
  EXPECT_LT(s.steps_run, 200);
  EXPECT_TRUE(std::isnan(s.loss));
  EXPECT_TRUE(t.diverged());
  EXPECT_THROW(t.train_steps(1), nn::DivergedError);
  // The trainer stays usable for everything else.
  EXPECT_NO_THROW(t.save_weights());
}

TEST(Trainer, RejectsImpossibleSettings) {
  auto c = config("relu");
  c.batch_size = 0;
  EXPECT_THROW(nn::Trainer{c}, std::invalid_argument);
  c = config("relu");
  c.model.hidden[0].units = 0;
  EXPECT_THROW(nn::Trainer{c}, std::invalid_argument);
  c = config("nope");
  EXPECT_THROW(nn::Trainer{c}, std::invalid_argument);
  c = config("relu");
  c.model.init = "zeros";
  EXPECT_THROW(nn::Trainer{c}, std::invalid_argument);
  nn::Trainer t(config("relu"));
  EXPECT_THROW(t.train_steps(1), std::logic_error);  // no data yet
  nn::Dataset wrong = testutil::toy_digits(10, 1);
  wrong.cols = 27;
  EXPECT_THROW(t.set_data(wrong, testutil::toy_digits(10, 2)), nn::DataError);
}

TEST(Trainer, DefaultSpecIsTheNotesNetwork) {
  nn::TrainerConfig c;
  EXPECT_EQ(nn::describe(c.model), "784-512(relu)-10");
  EXPECT_EQ(c.batch_size, 128);
  EXPECT_EQ(c.optimizer.kind, "rmsprop");
  nn::Trainer t(c);
  EXPECT_EQ(t.model().parameter_count(), 784u * 512 + 512 + 512 * 10 + 10);  // 407,050 as in the book
  // glorot_uniform: |w| <= sqrt(6 / (784 + 512)), zero biases
  const double limit = std::sqrt(6.0 / (784 + 512));
  auto& d = *t.model().blocks()[0].dense;
  double maxabs = 0, sum = 0;
  for (float w : d.W) maxabs = std::max(maxabs, double(std::fabs(w))), sum += w;
  EXPECT_LE(maxabs, limit);
  EXPECT_GT(maxabs, 0.99 * limit);
  EXPECT_NEAR(sum / d.W.size(), 0.0, 0.001);
  for (float b : d.b) EXPECT_EQ(b, 0.f);
}

TEST(Diagnostics, DeadUnitsAndSaturation) {
  // All biases far negative: every unit is inactive and saturated, but only ReLU
  // units are dead: Leaky ReLU, ELU and PReLU still pass a gradient (tiny, and
  // for PReLU through alpha), sigmoid's slope is e^-100, small but not zero.
  for (const char* act : {"relu", "leaky_relu", "elu", "sigmoid", "prelu"}) {
    nn::Trainer t = make(config(act));
    auto& b = t.model().blocks()[0];
    b.dense->b.fill(-100.f);
    const auto d = t.diagnostics();
    ASSERT_EQ(d.size(), 1u);
    const std::string a = act;
    EXPECT_EQ(d[0].dead_fraction, a == "relu" ? 1.0 : 0.0) << act;
    EXPECT_EQ(d[0].inactive_fraction, 1.0) << act;
    // Every slope on the far negative side is below 0.05 (ReLU 0, Leaky 0.01, ELU e^-100,
    // sigmoid ~e^-100, PReLU alpha = 0).
    EXPECT_EQ(d[0].saturation_fraction, 1.0) << act;
    EXPECT_EQ(std::accumulate(d[0].histogram.begin(), d[0].histogram.end(), 0), 256 * 32);
    EXPECT_EQ(d[0].histogram.front(), 256 * 32);  // all clamped into the lowest bin
  }
  // Fresh ReLU network: few dead units, outputs not centred, tanh roughly centred.
  nn::Trainer relu = make(config("relu", 1, 64));
  const auto dr = relu.diagnostics()[0];
  EXPECT_LT(dr.dead_fraction, 0.2);
  EXPECT_GT(dr.mean_output, 0.0);
  EXPECT_GT(dr.grad_norm, 0.0);
  EXPECT_EQ(dr.update_ratio, 0.0);  // no update yet
  relu.train_steps(1);
  EXPECT_GT(relu.diagnostics()[0].update_ratio, 0.0);
  nn::Trainer sig = make(config("sigmoid", 1, 64));
  const auto ds = sig.diagnostics()[0];
  EXPECT_NEAR(ds.mean_output, 0.5, 0.1);  // the note: centred on 1/2
}

TEST(Diagnostics, NegativeBiasInitKillsReluButNotLeakyRelu) {
  // Every unit starts in the negative regime (inactive); only ReLU units are dead
  // there, and only they stay so. The others are never dead, and units come back.
  std::map<std::string, double> dead_after, inactive_after;
  for (const char* act : {"relu", "leaky_relu", "elu", "prelu"}) {
    auto c = config(act, 1, 64);
    c.model.bias_init = -3;
    c.optimizer.learning_rate = 0.01;
    nn::Trainer t = make(c);
    EXPECT_EQ(t.model().blocks()[0].dense->b(0), -3.f);
    EXPECT_EQ(t.model().head().b(0), 0.f);
    EXPECT_EQ(t.diagnostics()[0].dead_fraction, std::string(act) == "relu" ? 1.0 : 0.0) << act;
    EXPECT_EQ(t.diagnostics()[0].inactive_fraction, 1.0) << act;
    t.train_steps(200);
    dead_after[act] = t.diagnostics()[0].dead_fraction;
    inactive_after[act] = t.diagnostics()[0].inactive_fraction;
  }
  EXPECT_EQ(dead_after["relu"], 1.0);  // dead units never come back
  EXPECT_EQ(dead_after["leaky_relu"], 0.0);
  EXPECT_EQ(dead_after["elu"], 0.0);
  EXPECT_EQ(dead_after["prelu"], 0.0);
  EXPECT_LT(inactive_after["leaky_relu"], 1.0);  // units came back to the positive side
  EXPECT_LT(inactive_after["elu"], 1.0);
  EXPECT_LT(inactive_after["prelu"], 1.0);
  // Leaky ReLU with slope 0 is ReLU: dead.
  auto zero = config("leaky_relu", 1, 64);
  zero.model.hidden[0].params = {{"slope", 0.0}};
  zero.model.bias_init = -3;
  EXPECT_EQ(make(zero).diagnostics()[0].dead_fraction, 1.0);
  auto bad = config("relu");
  bad.model.bias_init = std::nan("");
  EXPECT_THROW(nn::Trainer{bad}, std::invalid_argument);
}

TEST(Diagnostics, PreluAlphaAndMaxoutPieces) {
  auto c = config("prelu");
  c.model.hidden[0].params = {{"alpha_init", 0.25}};
  nn::Trainer p = make(c);
  auto d = p.diagnostics()[0];
  EXPECT_FLOAT_EQ(d.alpha_mean, 0.25f);
  EXPECT_FLOAT_EQ(d.alpha_min, 0.25f);
  p.train_steps(30);
  d = p.diagnostics()[0];
  EXPECT_LT(d.alpha_min, d.alpha_max);  // alpha is learned, per unit
  ASSERT_EQ(d.alpha_quantiles.size(), 5u);
  EXPECT_LE(d.alpha_min, d.alpha_quantiles.front());
  EXPECT_GE(d.alpha_max, d.alpha_quantiles.back());
  EXPECT_TRUE(std::is_sorted(d.alpha_quantiles.begin(), d.alpha_quantiles.end()));

  auto m = config("maxout");
  m.model.hidden[0].params = {{"k", 3}};
  nn::Trainer mx = make(m);
  const auto dm = mx.diagnostics()[0];
  ASSERT_EQ(dm.piece_usage.size(), 3u);
  EXPECT_NEAR(dm.piece_usage[0] + dm.piece_usage[1] + dm.piece_usage[2], 1.0, 1e-12);
  for (double u : dm.piece_usage) EXPECT_GT(u, 0.2);
  EXPECT_EQ(std::accumulate(dm.histogram.begin(), dm.histogram.end(), 0), 256 * 32 * 3);
  EXPECT_EQ(mx.model().parameter_count(), 784u * 96 + 96 + 32 * 10 + 10);  // k times the weights
}

TEST(Diagnostics, DeepSigmoidGradientsVanishInTheFirstLayer) {
  auto make_deep = [](const char* act) {
    nn::TrainerConfig c;
    c.model.hidden.assign(6, nn::HiddenSpec{128, act, {}});
    c.batch_size = 64;
    return make(c);
  };
  nn::Trainer sig = make_deep("sigmoid"), relu = make_deep("relu");
  const auto ds = sig.diagnostics(), dr = relu.diagnostics();
  ASSERT_EQ(ds.size(), 6u);
  // The first layer of the sigmoid stack receives far less gradient than its last.
  EXPECT_LT(ds.front().grad_norm, 0.05 * ds.back().grad_norm);
  EXPECT_LT(ds.front().grad_norm, 0.05 * dr.front().grad_norm);
}

// The one-digit path (row by row, kernels read as stored, zero pixels skipped)
// gives the batch path's probabilities.
TEST(Trainer, PredictOneMatchesBatchPredict) {
  for (const auto& hidden :
       std::vector<std::vector<nn::HiddenSpec>>{{{64, "relu", {}}},
                                                {{32, "prelu", {{"alpha_init", 0.2}}}, {16, "elu", {}}},
                                                {{24, "maxout", {{"k", 3}}}, {8, "sigmoid", {}}},
                                                {{16, "tanh", {}}}}) {
    nn::TrainerConfig c;
    c.model.hidden = hidden;
    nn::Trainer t(c);
    t.set_data(testutil::toy_digits(200, 1), testutil::toy_digits(50, 2));
    t.train_steps(5);
    const nn::Dataset d = testutil::toy_digits(3, 9);
    std::vector<float> x(d.images.begin(), d.images.end());
    for (auto& v : x) v /= 255.f;
    const auto batch = t.predict(x.data(), 3);
    for (size_t i = 0; i < 3; ++i) {
      std::vector<float> one(x.begin() + i * 784, x.begin() + (i + 1) * 784), p(10);
      t.predict_one(one.data(), p.data());
      for (size_t k = 0; k < 10; ++k) EXPECT_NEAR(p[k], batch[i * 10 + k], 2e-6) << nn::describe(c.model);
    }
  }
  nn::Trainer t(nn::TrainerConfig{});
  std::vector<float> bad(784, 0.5f), p(10);
  bad[3] = std::nanf("");
  EXPECT_THROW(t.predict_one(bad.data(), p.data()), std::invalid_argument);
}

// A custom formula trains exactly like the built-in it spells out, and travels
// through weights files; a bad one never reaches training.
TEST(Trainer, CustomFormulaTrainsLikeTheBuiltIn) {
  auto silu = config("silu", 1, 64), custom = config("custom", 1, 64);
  custom.model.hidden[0].formula = "x * sigmoid(x)";
  nn::Trainer a = make(silu), b = make(custom);
  for (int i = 0; i < 50; ++i) {
    const double la = a.train_steps(1).loss, lb = b.train_steps(1).loss;
    EXPECT_NEAR(lb, la, 1e-4 * std::fabs(la)) << "step " << i;
  }
  const auto file = b.save_weights();
  nn::Trainer c = make(config("relu", 1, 64));
  c.load_weights(file.data(), file.size());
  EXPECT_EQ(c.config().model.hidden[0].formula, "x * sigmoid(x)");
  EXPECT_EQ(c.save_weights(), file);
  auto bad = config("custom", 1, 64);
  bad.model.hidden[0].formula = "x * sigmod(x)";
  try {
    nn::Trainer t(bad);
    FAIL() << "accepted";
  } catch (const nn::FormulaError& e) {
    EXPECT_EQ(e.position, 4u);
  }
}

// The vector math changes no run: for every activation (and a formula using
// the vector kernels), 20 RMSprop steps with the vector kernels end within
// 1e-4 of the same 20 steps with the scalar libm loops the engine used before,
// in every weight and in each step's loss.
TEST(Trainer, VectorMathKeepsEveryActivationsTrajectory) {
  struct Restore {
    ~Restore() { nn::set_float_kernels(nn::FloatKernels::vector); }
  } restore;
  for (const auto& info : nn::activation_table()) {
    nn::TrainerConfig c = config(info.id, 3, 64);
    if (info.kind == nn::Activation::custom) c.model.hidden[0].formula = "x * sigmoid(x) + 0.1 * tanh(exp(-x * x))";
    auto run = [&](nn::FloatKernels k, std::vector<double>& losses) {
      nn::set_float_kernels(k);
      nn::Trainer t = make(c);
      for (int s = 0; s < 20; ++s) losses.push_back(t.train_steps(1).loss);
      std::vector<float> w;
      for (const auto& p : t.model().params()) w.insert(w.end(), p.value, p.value + p.size);
      return w;
    };
    std::vector<double> loss_ref, loss_vec;
    const auto w_ref = run(nn::FloatKernels::reference, loss_ref);
    const auto w_vec = run(nn::FloatKernels::vector, loss_vec);
    ASSERT_EQ(w_ref.size(), w_vec.size());
    double worst = 0;
    for (size_t i = 0; i < w_ref.size(); ++i) worst = std::max(worst, double(std::fabs(w_ref[i] - w_vec[i])));
    EXPECT_LE(worst, 1e-4) << info.id;
    for (int s = 0; s < 20; ++s) EXPECT_NEAR(loss_vec[s], loss_ref[s], 1e-4) << info.id << " step " << s;
    std::printf("  %-10s largest weight difference after 20 steps %.1e\n", info.id, worst);
  }
}

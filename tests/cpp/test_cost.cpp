// The cost figures are measured ratios (never constants, never asserted as
// times): exp-based activations cost clearly more per element than ReLU, and a
// step's breakdown adds up to the step.
#include <gtest/gtest.h>

#include "nn/cost.h"
#include "nn/trainer.h"
#include "test_util.h"

namespace {
/// A hidden layer of `id` with default parameters (custom: SiLU written out).
nn::HiddenSpec layer_of(const std::string& id) {
  nn::HiddenSpec h;
  h.activation = id;
  if (id == "custom") h.formula = "x * sigmoid(x)";
  return h;
}
}  // namespace

TEST(Cost, EveryActivationIsMeasuredAgainstRelu) {
  for (const auto& info : nn::activation_table()) {
    const nn::ActivationCost c = nn::activation_cost(layer_of(info.id), 3);
    EXPECT_GT(c.forward_ns, 0) << info.id;
    EXPECT_GT(c.backward_ns, 0) << info.id;
    EXPECT_GT(c.relative_to_relu, 0) << info.id;
    EXPECT_TRUE(std::isfinite(c.relative_to_relu)) << info.id;
  }
}

TEST(Cost, ReluIsOneTimesItselfByDefinition) {
  const nn::ActivationCost c = nn::activation_cost(layer_of("relu"), 3);
  EXPECT_EQ(c.relative_to_relu, 1.0);
  EXPECT_EQ(c.forward_relative, 1.0);
  EXPECT_EQ(c.backward_relative, 1.0);
  EXPECT_EQ(c.forward_ns, c.relu_forward_ns);
  EXPECT_EQ(c.backward_ns, c.relu_backward_ns);
  EXPECT_NE(nn::activation_cost(layer_of("leaky_relu"), 3).relative_to_relu, 1.0);  // only ReLU itself
}

TEST(Cost, AnExpCostsClearlyMoreThanRelu) {
  // Ratios of timings interleaved in one process: a busy machine slows both sides.
  for (const char* id : {"elu", "sigmoid"}) {
    const nn::ActivationCost c = nn::activation_cost(layer_of(id), 7);
    EXPECT_GE(c.forward_relative, 2.0) << id << ": " << c.forward_ns << " ns vs ReLU " << c.relu_forward_ns << " ns";
  }
}

TEST(Cost, StepBreakdownAddsUpToTheStep) {
  for (const char* act : {"relu", "maxout"}) {
    nn::TrainerConfig c;
    c.model.hidden = {{256, act, {}}};
    nn::Trainer t(c);
    t.set_data(testutil::toy_digits(1024, 1), testutil::toy_digits(100, 2));
    nn::StepProfile prof;
    const nn::StepStats s = t.train_steps(6, &prof);
    EXPECT_EQ(s.steps_run, 6);
    EXPECT_EQ(prof.steps, 6);
    const double parts = prof.gemm + prof.activation + prof.loss + prof.optimizer + prof.other;
    EXPECT_GT(prof.gemm, 0) << act;
    EXPECT_GT(prof.activation, 0) << act;
    EXPECT_GT(prof.optimizer, 0) << act;
    EXPECT_NEAR(parts, prof.measured, 0.1 * prof.measured) << act;
    EXPECT_GT(prof.gemm, prof.activation) << act;  // the matrix products dominate
    // The fastest step's stages: positive, and never above the mean of the steps.
    EXPECT_GT(prof.gemm_min, 0) << act;
    EXPECT_GT(prof.activation_min, 0) << act;
    EXPECT_LE(prof.gemm_min, prof.gemm * (1 + 1e-12)) << act;
    EXPECT_LE(prof.activation_min, prof.activation * (1 + 1e-12)) << act;
  }
  // Profiled steps are ordinary steps: the run is the same as an unprofiled one.
  nn::TrainerConfig c;
  c.model.hidden = {{32, "elu", {}}};
  nn::Trainer a(c), b(c);
  a.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(50, 2));
  b.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(50, 2));
  nn::StepProfile prof;
  EXPECT_EQ(a.train_steps(5, &prof).loss, b.train_steps(5).loss);
  EXPECT_EQ(a.save_weights(), b.save_weights());
}

TEST(Cost, FastestStepCountsFullBatchesOnly) {
  // 100 samples, batch 128: every batch is short, so the fastest step's figures are the means.
  nn::TrainerConfig c;
  c.model.hidden = {{64, "relu", {}}};
  c.batch_size = 128;
  nn::Trainer t(c);
  t.set_data(testutil::toy_digits(100, 1), testutil::toy_digits(50, 2));
  nn::StepProfile prof;
  t.train_steps(3, &prof);
  EXPECT_EQ(prof.gemm_min, prof.gemm);
  EXPECT_EQ(prof.activation_min, prof.activation);
}

TEST(Cost, TimingAStepTrainsNothing) {
  for (const char* act : {"relu", "prelu", "maxout"}) {
    nn::TrainerConfig c;
    c.model.hidden = {{64, act, {}}};
    nn::Trainer a(c), b(c);
    a.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(50, 2));
    b.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(50, 2));
    a.train_steps(2);
    b.train_steps(2);
    const nn::StepProfile p = a.time_step();
    EXPECT_EQ(p.steps, 1);
    EXPECT_GT(p.gemm, 0) << act;
    EXPECT_GT(p.activation, 0) << act;
    EXPECT_EQ(p.gemm_min, p.gemm);
    EXPECT_EQ(a.step(), 2);
    EXPECT_EQ(a.save_weights(), b.save_weights()) << act;  // no update
    // The same batch comes next, and training goes on exactly as without the timing.
    EXPECT_EQ(a.train_steps(3).loss, b.train_steps(3).loss) << act;
    EXPECT_EQ(a.save_weights(), b.save_weights()) << act;
  }
}

// libFuzzer: model, optimizer and trainer settings from arbitrary numbers
// (NaN, infinities, huge and negative values among them). validate() must
// refuse or accept without undefined behaviour; accepted small networks are
// built, trained for two steps, evaluated and diagnosed.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>

#include "../cpp/test_util.h"
#include "nn/trainer.h"

namespace {

double any_number(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return in.ConsumeFloatingPoint<double>();
    case 1:
      return in.ConsumeIntegralInRange<int64_t>(-20, 20);
    case 2:
      return in.ConsumeFloatingPointInRange<double>(-2, 2);
    default:
      return in.PickValueInArray({0.0, 1e-7, 0.001, 0.9, 1.0, 8.0, 1e308, -1e308});
  }
}

const nn::Dataset& toy_train() {
  static const nn::Dataset d = testutil::toy_digits(64, 1);
  return d;
}
const nn::Dataset& toy_test() {
  static const nn::Dataset d = testutil::toy_digits(32, 2);
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  nn::TrainerConfig c;
  c.model.inputs = in.ConsumeBool() ? 784 : in.ConsumeIntegral<int>();
  c.model.outputs = in.ConsumeBool() ? 10 : in.ConsumeIntegral<int>();
  c.model.hidden.clear();
  const int layers = in.ConsumeIntegralInRange<int>(0, 20);
  for (int i = 0; i < layers; ++i) {
    nn::HiddenSpec h;
    h.units = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(1, 24) : in.ConsumeIntegral<int>();
    // Any id of the table (read, not listed), or one it does not have.
    const auto& table = nn::activation_table();
    const size_t pick = in.ConsumeIntegralInRange<size_t>(0, table.size() + 1);
    h.activation = pick < table.size() ? table[pick].id : pick == table.size() ? "bogus" : "";
    if (h.activation == "custom") h.formula = in.PickValueInArray({"x * sigmoid(x)", "max(0, x)", "x +", ""});
    const int params = in.ConsumeIntegralInRange<int>(0, 2);
    for (int j = 0; j < params; ++j)
      h.params[in.PickValueInArray({"slope", "alpha", "alpha_init", "k", "approximate", "beta", "x"})] = any_number(in);
    c.model.hidden.push_back(h);
  }
  c.model.init = in.PickValueInArray({"glorot_uniform", "he_uniform", "lecun_normal", "zeros"});
  c.model.bias_init = any_number(in);
  c.optimizer.kind = in.PickValueInArray({"sgd", "rmsprop", "adam", "adagrad"});
  if (in.ConsumeBool()) c.optimizer.learning_rate = any_number(in);
  c.optimizer.momentum = in.ConsumeBool() ? 0 : any_number(in);
  c.optimizer.nesterov = in.ConsumeBool();
  if (in.ConsumeBool()) c.optimizer.rho = any_number(in);
  if (in.ConsumeBool()) c.optimizer.epsilon = any_number(in);
  if (in.ConsumeBool()) c.optimizer.beta_1 = any_number(in);
  if (in.ConsumeBool()) c.optimizer.beta_2 = any_number(in);
  c.batch_size = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(1, 64) : in.ConsumeIntegral<int>();
  c.seed = in.ConsumeIntegral<uint64_t>();
  try {
    nn::validate(c);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  if (nn::parameter_count(c.model) > nn::kMaxParameters) std::abort();
  if (nn::training_memory_bytes(c) > nn::kMaxTrainingBytes) std::abort();
  if (c.model.inputs != 784 || c.model.outputs < 10 || nn::training_memory_bytes(c) > (64u << 20)) return 0;
  nn::Trainer t(c);
  t.set_data(toy_train(), toy_test());
  t.train_steps(2);
  if (!t.diverged()) {
    t.evaluate();
    t.diagnostics();
  }
  return 0;
}

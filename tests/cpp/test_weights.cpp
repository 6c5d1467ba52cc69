// Weights files: round trip, and every kind of damage gives a clear error and
// leaves the trainer exactly as it was.
#include <gtest/gtest.h>

#include <cstring>

#include "nn/trainer.h"
#include "nn/weights_io.h"
#include "test_util.h"

namespace {

nn::Trainer trained(const std::string& activation, uint64_t seed, int steps = 5) {
  nn::TrainerConfig c;
  c.model.hidden = {{32, activation, {}}};
  c.seed = seed;
  nn::Trainer t(c);
  t.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(100, 2));
  t.train_steps(steps);
  return t;
}

std::vector<float> predict_some(nn::Trainer& t) {
  const nn::Dataset d = testutil::toy_digits(4, 9);
  std::vector<float> x(d.images.begin(), d.images.end());
  for (auto& v : x) v /= 255.f;
  return t.predict(x.data(), 4);
}

std::string load_error(nn::Trainer& t, const std::vector<uint8_t>& bytes) {
  try {
    t.load_weights(bytes.data(), bytes.size());
  } catch (const nn::WeightsError& e) {
    return e.what();
  }
  return "";
}

void fix_crc(std::vector<uint8_t>& f) {
  const uint32_t crc = nn::crc32(f.data() + 20, f.size() - 20);
  std::memcpy(f.data() + 16, &crc, 4);
}

}  // namespace

TEST(Weights, Crc32MatchesZlib) {
  const char* s = "123456789";
  EXPECT_EQ(nn::crc32(reinterpret_cast<const uint8_t*>(s), 9), 0xCBF43926u);  // the standard check value
}

TEST(Weights, RoundTripGivesIdenticalPredictions) {
  for (const char* act : {"relu", "prelu", "maxout", "leaky_relu"}) {
    nn::Trainer a = trained(act, 1, 10);
    const auto bytes = a.save_weights();
    nn::Trainer b = trained("sigmoid", 2, 0);  // a different model altogether
    b.load_weights(bytes.data(), bytes.size());
    EXPECT_EQ(nn::describe(b.config().model), nn::describe(a.config().model));
    EXPECT_EQ(predict_some(a), predict_some(b)) << act;
    EXPECT_EQ(b.save_weights(), bytes) << act;
  }
}

TEST(Weights, CorruptFilesAreRejectedAndChangeNothing) {
  nn::Trainer src = trained("elu", 3, 5);
  const auto good = src.save_weights();
  nn::Trainer t = trained("relu", 4, 5);
  const auto before = t.save_weights();
  const auto before_pred = predict_some(t);

  auto flipped = good;
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_NE(load_error(t, flipped).find("checksum"), std::string::npos);

  auto truncated = good;
  truncated.resize(good.size() - 7);
  EXPECT_NE(load_error(t, truncated).find("truncated"), std::string::npos);

  auto magic = good;
  magic[0] = 'X';
  EXPECT_NE(load_error(t, magic).find("APWT"), std::string::npos);

  auto version = good;
  version[4] = 9;
  EXPECT_NE(load_error(t, version).find("version 9"), std::string::npos);

  EXPECT_NE(load_error(t, {}).find("not an Activation Playground weights file"), std::string::npos);

  // A consistent checksum over a lying spec: 32 units renamed as 33.
  auto lying = good;
  uint32_t units;
  const size_t units_at = 20 + 4 + 4 + 4 + std::strlen("glorot_uniform") + 4;
  std::memcpy(&units, lying.data() + units_at, 4);
  ASSERT_EQ(units, 32u);
  units = 33;
  std::memcpy(lying.data() + units_at, &units, 4);
  fix_crc(lying);
  EXPECT_NE(load_error(t, lying).find("does not match"), std::string::npos) << load_error(t, lying);

  // NaN weights with a valid checksum.
  auto nan = good;
  const float q = std::nanf("");
  std::memcpy(nan.data() + nan.size() - 4, &q, 4);
  fix_crc(nan);
  EXPECT_NE(load_error(t, nan).find("NaN"), std::string::npos);

  // An unknown activation.
  auto unknown = good;
  const size_t act_at = units_at + 4 + 4;
  ASSERT_EQ(std::memcmp(unknown.data() + act_at, "elu", 3), 0);
  std::memcpy(unknown.data() + act_at, "elx", 3);
  fix_crc(unknown);
  EXPECT_NE(load_error(t, unknown).find("unknown activation 'elx'"), std::string::npos) << load_error(t, unknown);

  // Nothing changed.
  EXPECT_EQ(t.save_weights(), before);
  EXPECT_EQ(predict_some(t), before_pred);
  EXPECT_NO_THROW(t.train_steps(1));
}

// Version 2: int8 kernels with a scale per output unit, a quarter of the size.
TEST(Weights, Int8KernelsRoundTripWithinHalfAStep) {
  for (const char* act : {"relu", "prelu", "maxout"}) {
    nn::Trainer a = trained(act, 3);
    const auto f32 = a.save_weights(), q8 = a.save_weights(nn::WeightsEncoding::int8);
    EXPECT_LT(q8.size() * 3, f32.size()) << act;
    auto model = nn::load_model(q8.data(), q8.size());
    const auto want = a.model().params(), got = model->params();
    ASSERT_EQ(want.size(), got.size());
    const auto layout = nn::tensor_layout(a.model().spec());
    for (size_t t = 0; t < want.size(); ++t) {
      const bool kernel = want[t].name.find("/kernel") != std::string::npos;
      std::vector<float> colmax(layout[t].columns, 0.f);
      for (size_t i = 0; i < want[t].size; ++i)
        colmax[i % layout[t].columns] = std::max(colmax[i % layout[t].columns], std::fabs(want[t].value[i]));
      for (size_t i = 0; i < want[t].size; ++i) {
        const float step = colmax[i % layout[t].columns] / 127.f;
        if (kernel)
          EXPECT_LE(std::fabs(got[t].value[i] - want[t].value[i]), 0.5f * step * 1.0001f) << want[t].name << " " << i;
        else
          EXPECT_EQ(got[t].value[i], want[t].value[i]) << want[t].name;  // biases and alphas stay float32
      }
    }
  }
}

TEST(Weights, Int8DamageIsRefused) {
  nn::Trainer a = trained("relu", 4);
  const auto q8 = a.save_weights(nn::WeightsEncoding::int8);
  // The first tensor's encoding byte sits after the spec, the count, the name and the size.
  const std::string spec_and_name = "dense0/kernel";
  size_t at = 0;
  for (size_t i = 20; i + spec_and_name.size() < q8.size(); ++i)
    if (std::memcmp(q8.data() + i, spec_and_name.data(), spec_and_name.size()) == 0) {
      at = i + spec_and_name.size() + 8;
      break;
    }
  ASSERT_GT(at, 0u);
  ASSERT_EQ(q8[at], 1);  // int8
  auto fixed = [](std::vector<uint8_t> f) {
    const uint32_t crc = nn::crc32(f.data() + 20, f.size() - 20);
    std::memcpy(f.data() + 16, &crc, 4);
    return f;
  };
  auto unknown = q8;
  unknown[at] = 7;
  EXPECT_NE(load_error(a, fixed(unknown)).find("unknown encoding 7"), std::string::npos);
  auto columns = q8;
  columns[at + 1] ^= 1;
  EXPECT_NE(load_error(a, fixed(columns)).find("int8 scales"), std::string::npos) << load_error(a, fixed(columns));
  auto negative = q8;
  negative[at + 5 + 3] |= 0x80;  // sign bit of the first scale
  EXPECT_NE(load_error(a, fixed(negative)).find("negative int8 scale"), std::string::npos);
  auto nan = q8;
  const float qnan = std::nanf("");
  std::memcpy(nan.data() + at + 5, &qnan, 4);
  EXPECT_NE(load_error(a, fixed(nan)).find("NaN or infinite"), std::string::npos);
  auto truncated = q8;
  truncated.resize(q8.size() - 100);
  EXPECT_NE(load_error(a, truncated).find("truncated"), std::string::npos);
}

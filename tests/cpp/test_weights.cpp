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

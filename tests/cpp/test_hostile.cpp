// Hostile inputs cost nothing: files and specs that declare huge models are
// refused before anything large is allocated (operator new is counted by
// alloc_tracker.cpp), every message is one line with file names escaped, and
// the diagnostics never convert a non-finite value to an int.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "alloc_tracker.h"
#include "hostile_files.h"
#include "nn/idx.h"
#include "nn/trainer.h"
#include "nn/weights_io.h"
#include "test_util.h"

namespace {

constexpr size_t kSmall = 1 << 20;  // what refusing a file may allocate at most

struct Refusal {
  std::string message;
  size_t peak_growth;
};

Refusal refuse(const std::vector<uint8_t>& file) {
  alloc_tracker::Watch watch;
  try {
    nn::load_model(file.data(), file.size());
  } catch (const nn::WeightsError& e) {
    return {e.what(), watch.peak_growth()};
  }
  ADD_FAILURE() << "the file was accepted";
  return {"", watch.peak_growth()};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
bool one_line(const std::string& s) { return s.find('\n') == std::string::npos && s.find('\r') == std::string::npos; }

}  // namespace

TEST(HostileWeights, TinyFileAskingFor16GiBIsRefusedWithoutAllocating) {
  // 2^20 inputs × 4,096 units: 2^32 kernel values (16 GiB), a size that wraps
  // to 0 in 32-bit arithmetic; the spec alone fits in 66 bytes.
  const auto file = hostile::spec_only(1u << 20, {{4096, "relu", {}}});
  EXPECT_LE(file.size(), 70u);
  const Refusal r = refuse(file);
  EXPECT_TRUE(contains(r.message, "4,295,012,362 parameters")) << r.message;
  EXPECT_TRUE(contains(r.message, "the limit is 67,108,864")) << r.message;
  EXPECT_LT(r.peak_growth, kSmall);
  EXPECT_TRUE(one_line(r.message));
}

TEST(HostileWeights, SixteenMaxoutLayersAreRefusedWithoutAllocating) {
  std::vector<hostile::RawHidden> hidden(16, {4096, "maxout", {{"k", 8}}});
  const Refusal r = refuse(hostile::spec_only(784, hidden));
  EXPECT_TRUE(contains(r.message, "parameters")) << r.message;
  EXPECT_TRUE(contains(r.message, "limit")) << r.message;
  EXPECT_LT(r.peak_growth, kSmall);
}

TEST(HostileWeights, AllowedSpecWithoutItsTensorsIsRefusedBeforeTheModelIsBuilt) {
  // 784-4096(relu)x16: within the parameter limit (about 255 MB of values) but the
  // file holds none of them.
  std::vector<hostile::RawHidden> hidden(3, {4096, "relu", {}});
  const Refusal r = refuse(hostile::spec_only(784, hidden));
  EXPECT_TRUE(contains(r.message, "its tensors need")) << r.message;
  EXPECT_TRUE(contains(r.message, "the file holds 0")) << r.message;
  EXPECT_LT(r.peak_growth, kSmall);
}

TEST(HostileWeights, HugeAndNonFiniteValuesAreRefused) {
  Refusal r = refuse(hostile::small_model(784, 8, 10, 0.01f, 5, 3e38f));
  EXPECT_TRUE(contains(r.message, "3e+38")) << r.message;
  EXPECT_TRUE(contains(r.message, "dense0/kernel")) << r.message;
  r = refuse(hostile::small_model(784, 8, 10, 0.01f, 7, std::numeric_limits<float>::quiet_NaN()));
  EXPECT_TRUE(contains(r.message, "NaN or infinite")) << r.message;
  // The same model with ordinary values loads.
  const auto ok = hostile::small_model(784, 8, 10, 0.01f);
  auto model = nn::load_model(ok.data(), ok.size());
  EXPECT_EQ(model->parameter_count(), 784u * 8 + 8 + 8 * 10 + 10);
}

TEST(HostileWeights, NamesFromTheFileAreEscapedIntoOneLine) {
  Refusal r = refuse(hostile::small_model(784, 8, 10, 0.01f, 0, 0.01f, "dense0/kernel\nINJECTED"));
  EXPECT_TRUE(one_line(r.message)) << r.message;
  EXPECT_TRUE(contains(r.message, "dense0/kernel\\x0aINJECTED")) << r.message;
  r = refuse(hostile::spec_only(784, {{8, "relu\r\n\x1b[31m", {}}}));
  EXPECT_TRUE(one_line(r.message)) << r.message;
  EXPECT_TRUE(contains(r.message, "relu\\x0d\\x0a\\x1b[31m")) << r.message;
  r = refuse(hostile::spec_only(784, {{8, "leaky_relu", {{"sl\nope", 0.1}}}}));
  EXPECT_TRUE(one_line(r.message)) << r.message;
  EXPECT_TRUE(contains(r.message, "sl\\x0aope")) << r.message;
}

TEST(HostileWeights, FuzzedHeaderFieldsNeverAllocateMuch) {
  // Every 32-bit field of a valid small file set to extreme values, with the
  // length and CRC fixed up: refused (or loaded) without a large allocation.
  const auto base = hostile::small_model(16, 4, 3, 0.5f);
  for (size_t at = 20; at + 4 <= 80 && at + 4 <= base.size(); ++at)
    for (uint32_t v : {0u, 1u, 0x7fffffffu, 0xffffffffu, 1u << 20, 4096u}) {
      auto f = base;
      std::memcpy(f.data() + at, &v, 4);
      hostile::fix_header(f);
      alloc_tracker::Watch watch;
      try {
        nn::load_model(f.data(), f.size());
      } catch (const nn::WeightsError& e) {
        EXPECT_TRUE(one_line(e.what()));
      }
      EXPECT_LT(watch.peak_growth(), kSmall) << "field at " << at << " = " << v;
    }
}

TEST(Limits, TheLargestPageNetworkFitsTheParameterLimit) {
  // The page offers up to 8 hidden layers of 1,024 units and Maxout k up to 8.
  nn::ModelSpec s;
  s.hidden.assign(8, nn::HiddenSpec{1024, "maxout", {{"k", 8}}});
  EXPECT_NO_THROW(nn::validate(s));
  EXPECT_EQ(nn::parameter_count(s), 65218570u);
  EXPECT_LE(nn::parameter_count(s), nn::kMaxParameters);
  s.hidden.push_back(nn::HiddenSpec{1024, "maxout", {{"k", 8}}});
  try {
    nn::validate(s);
    FAIL() << "a ninth Maxout layer of 1,024 × 8 fits";
  } catch (const std::invalid_argument& e) {
    EXPECT_TRUE(contains(e.what(), "73,615,370 parameters")) << e.what();
  }
}

TEST(Limits, TensorLayoutMatchesTheBuiltModel) {
  for (const auto& hidden :
       std::vector<std::vector<nn::HiddenSpec>>{{{512, "relu", {}}},
                                                {{16, "prelu", {}}, {8, "maxout", {{"k", 3}}}, {5, "elu", {}}},
                                                {},
                                                {{7, "maxout", {}}, {9, "prelu", {{"alpha_init", 0.25}}}}}) {
    nn::ModelSpec s;
    s.hidden = hidden;
    nn::Model<float> m(s, 1);
    const auto built = m.params();
    const auto layout = nn::tensor_layout(s);
    ASSERT_EQ(built.size(), layout.size()) << nn::describe(s);
    for (size_t i = 0; i < built.size(); ++i) {
      EXPECT_EQ(built[i].name, layout[i].name);
      EXPECT_EQ(built[i].size, layout[i].size) << built[i].name;
    }
    EXPECT_EQ(m.parameter_count(), nn::parameter_count(s));
  }
}

TEST(Limits, MemoryEstimateBoundsWhatTrainingReallyHolds) {
  for (const char* optimizer : {"sgd", "rmsprop", "adam"})
    for (const auto& hidden : std::vector<std::vector<nn::HiddenSpec>>{
             {{64, "relu", {}}}, {{32, "maxout", {{"k", 4}}}, {16, "prelu", {}}}}) {
      nn::TrainerConfig c;
      c.model.hidden = hidden;
      c.optimizer.kind = optimizer;
      c.batch_size = 64;
      const uint64_t estimate = nn::training_memory_bytes(c);
      nn::Dataset train = testutil::toy_digits(600, 1), test = testutil::toy_digits(600, 2);
      const size_t data_bytes = 2 * 600 * (784 + 1) + 600 * 4;
      alloc_tracker::Watch watch;
      {
        nn::Trainer t(c);
        t.set_data(std::move(train), std::move(test));
        t.train_steps(3);
        t.evaluate();
        t.diagnostics();
      }
      const size_t used = watch.peak_growth() - data_bytes;
      EXPECT_LE(used, estimate) << optimizer << " " << nn::describe(c.model);
      // ...and is not wildly pessimistic.
      EXPECT_GE(used * 3, estimate - (1 << 20)) << optimizer << " " << nn::describe(c.model);
    }
}

TEST(Limits, TrainerRefusesNetworksBeyondItsMemoryLimit) {
  nn::TrainerConfig c;
  c.model.hidden.assign(8, nn::HiddenSpec{1024, "maxout", {{"k", 8}}});
  c.optimizer.kind = "adam";
  c.batch_size = 8192;  // activations of 8,192 rows × 8 layers × 8,192 pieces
  try {
    nn::validate(c);
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_TRUE(contains(e.what(), "MB of memory; the limit is 2,048 MB")) << e.what();
  }
}

TEST(HostileIdx, HeadersBeyondTheBudgetAreRefusedBeforeAllocating) {
  // 10 million images of 1,024 × 1,024 in a 16-byte file.
  const std::vector<uint8_t> header = {0, 0, 8, 3, 0, 0x98, 0x96, 0x80, 0, 0, 4, 0, 0, 0, 4, 0};
  try {
    nn::idx_file_size(header.data(), header.size(), "bomb");
    FAIL() << "accepted";
  } catch (const nn::DataError& e) {
    EXPECT_TRUE(contains(e.what(), "the limit is 256 MiB")) << e.what();
  }
  alloc_tracker::Watch watch;
  nn::Dataset d;
  EXPECT_THROW(nn::parse_idx_images(header.data(), header.size(), "bomb", d), nn::DataError);
  EXPECT_LT(watch.peak_growth(), kSmall);
  // The sizes a valid header implies.
  const std::vector<uint8_t> mnist = {0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28};
  EXPECT_EQ(nn::idx_file_size(mnist.data(), mnist.size(), "mnist"), 16u + 60000u * 784u);
  const std::vector<uint8_t> labels = {0, 0, 8, 1, 0, 0, 0xea, 0x60};
  EXPECT_EQ(nn::idx_file_size(labels.data(), labels.size(), "labels"), 8u + 60000u);
}

TEST(HostileDiagnostics, NonFinitePreActivationsAreCountedNotBinned) {
  nn::TrainerConfig c;
  c.model.hidden = {{8, "linear", {}}};
  nn::Trainer t(c);
  t.set_data(testutil::toy_digits(300, 1), testutil::toy_digits(50, 2));
  auto& W = t.model().blocks()[0].dense->W;
  // Unit 0 overflows to +inf, unit 1 to -inf, unit 2 is NaN (inf - inf), unit 3 is huge but finite.
  for (size_t i = 0; i < 784; ++i) {
    W(i, 0) = 3e38f;
    W(i, 1) = -3e38f;
    W(i, 2) = i % 2 ? 3e38f : -3e38f;
    W(i, 3) = 1e30f;
  }
  const auto d = t.diagnostics();
  const auto& h = d[0].histogram;
  long binned = 0;
  for (int v : h) binned += v;
  const size_t probe = 256;
  EXPECT_EQ(static_cast<uint64_t>(binned) + d[0].nonfinite, probe * 8);
  EXPECT_GE(d[0].nonfinite, probe * 2);  // units 0 and 1 on every digit with ink
  EXPECT_LE(d[0].nonfinite, probe * 3);
  EXPECT_GE(h.back(), static_cast<int>(probe) - 5);  // 1e30 lands in the top bin, not the bottom one
}

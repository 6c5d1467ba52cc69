// The .npz reader and writer, and the weights they carry: round trips, NumPy's
// header layout, every refusal with its message, truncations and 10,000
// mutated files (never a crash, never a large allocation), and the mapping
// onto a network (names and shapes checked before anything is copied).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "alloc_tracker.h"
#include "nn/notebook.h"
#include "nn/npz.h"
#include "nn/rng.h"
#include "nn/weights_io.h"

namespace {

nn::NpyArray array(const std::string& name, std::vector<uint64_t> shape) {
  nn::NpyArray a;
  a.name = name;
  a.shape = shape;
  uint64_t n = 1;
  for (auto d : shape) n *= d;
  for (uint64_t i = 0; i < n; ++i) a.values.push_back(0.5f * static_cast<float>(i) - 1.f);
  return a;
}

std::string refusal(const std::vector<uint8_t>& f) {
  try {
    nn::read_npz(f.data(), f.size());
  } catch (const nn::NpzError& e) {
    return e.what();
  }
  return "";
}

void set32(std::vector<uint8_t>& f, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) f[at + i] = uint8_t(v >> (8 * i));
}

/// The first (only) entry's npy header text starts at 30 + name + 10.
std::vector<uint8_t> with_header(const std::string& from, const std::string& to) {
  auto f = nn::write_npz({array("w", {2, 3})});
  std::string s(f.begin(), f.end());
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos);
  s.replace(at, from.size(), to);  // same length: the zip stays consistent but for the CRC
  std::vector<uint8_t> g(s.begin(), s.end());
  const uint32_t crc = nn::crc32(g.data() + 30 + 5, g.size() - 22 - (46 + 5) - 30 - 5);
  set32(g, 14, crc);
  set32(g, g.size() - 22 - (46 + 5) + 16, crc);
  return g;
}

constexpr size_t kSmall = 1 << 20;

}  // namespace

TEST(Npz, RoundTripKeepsNamesShapesValuesAndBytes) {
  nn::NpyArray text;
  text.name = "playground";
  text.is_bytes = true;
  text.bytes = "{\"a\": 1}";
  text.shape = {text.bytes.size()};
  const std::vector<nn::NpyArray> in = {array("0.weight", {3, 4}), array("0.bias", {3}), array("scalar", {}), text};
  const auto f = nn::write_npz(in);
  const auto out = nn::read_npz(f.data(), f.size());
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(out[i].name, in[i].name);
    EXPECT_EQ(out[i].shape, in[i].shape);
    EXPECT_EQ(out[i].values, in[i].values);
    EXPECT_EQ(out[i].bytes, in[i].bytes);
  }
  // NumPy's layout: "\x93NUMPY" 1.0 and a header padded so the data starts on 64 bytes.
  const std::string s(f.begin(), f.end());
  const size_t npy = s.find("\x93NUMPY");
  ASSERT_NE(npy, std::string::npos);
  EXPECT_EQ((10 + (f[npy + 8] | f[npy + 9] << 8)) % 64, 0);
  EXPECT_NE(s.find("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"), std::string::npos);
  EXPECT_NE(s.find("'shape': (3,)"), std::string::npos);
  EXPECT_EQ(nn::shape_text({}), "()");
}

TEST(Npz, RefusalsSayWhatIsWrongAndHowToSaveInstead) {
  EXPECT_NE(refusal(with_header("<f4", "<f8")).find("float64"), std::string::npos);
  EXPECT_NE(refusal(with_header("<f4", "<f8")).find("astype(np.float32)"), std::string::npos);
  EXPECT_NE(refusal(with_header("<f4", "<i8")).find("<i8"), std::string::npos);
  EXPECT_NE(refusal(with_header("(2, 3)", "(2, 4)")).find("needs 32 bytes, its entry holds 24"), std::string::npos);
  EXPECT_NE(refusal(with_header("(2, 3)", "(2,3,9")).find("not a tuple"), std::string::npos);
  auto f = nn::write_npz({array("w", {2, 3})});
  auto g = f;
  g[8] = 8;  // local method: deflate (the central one decides)
  g[g.size() - 22 - 51 + 10] = 8;
  EXPECT_NE(refusal(g).find("np.savez instead"), std::string::npos);
  g = f;
  g[40] ^= 1;  // a data byte: the CRC no longer matches
  EXPECT_NE(refusal(g).find("CRC"), std::string::npos);
  EXPECT_NE(refusal({1, 2, 3}).find("too short"), std::string::npos);
  EXPECT_NE(refusal(std::vector<uint8_t>(100, 0)).find("not a zip archive"), std::string::npos);
  g = f;
  g[g.size() - 22 + 10] = 0xff, g[g.size() - 22 + 11] = 0xff;  // 65,535 entries: zip64's marker
  EXPECT_NE(refusal(g).find("zip64"), std::string::npos);
  g = f;
  g[g.size() - 22 + 10] = 65, g[g.size() - 22 + 8] = 65;  // 65 entries
  EXPECT_NE(refusal(g).find("at most 64"), std::string::npos);
  EXPECT_NE(refusal(nn::write_npz({array("a b\x05", {1})})).find("letters, digits and . _ - / only"), std::string::npos);
  const auto two = nn::write_npz({array("w", {1}), array("w", {1})});
  EXPECT_NE(refusal(two).find("two arrays named 'w'"), std::string::npos);
}

TEST(Npz, AShapeOfTrillionsIsRefusedBeforeAllocating) {
  // The header's padding leaves room for a shape of 10^20 values in a 24-byte entry.
  const auto g = with_header("(2, 3), }" + std::string(20, ' '), "(9999999999, 9999999999), }  ");
  alloc_tracker::Watch watch;
  EXPECT_NE(refusal(g).find("(9999999999, 9999999999) is too large"), std::string::npos) << refusal(g);
  EXPECT_LT(watch.peak_growth(), kSmall);
  const auto h = with_header("(2, 3), }" + std::string(20, ' '), "(4096, 4096), }" + std::string(14, ' '));
  EXPECT_NE(refusal(h).find("needs 67108864 bytes, its entry holds 24"), std::string::npos) << refusal(h);
}

TEST(Npz, EveryTruncationAndTenThousandMutationsAreRefusedOrReadWithoutLargeAllocations) {
  nn::TrainerConfig c;
  c.model.inputs = 4;
  c.model.outputs = 2;
  c.model.hidden = {{3, "prelu", {}}};
  nn::Trainer t(c);
  const auto base = nn::write_npz(nn::weights_to_npz(c, 1, t.model()));
  for (size_t n = 0; n < base.size(); ++n) EXPECT_FALSE(refusal(std::vector<uint8_t>(base.begin(), base.begin() + n)).empty()) << n;
  nn::Rng rng(5);
  size_t read = 0;
  for (int k = 0; k < 10000; ++k) {
    auto f = base;
    const int edits = 1 + static_cast<int>(rng.uniform(0, 4));
    for (int e = 0; e < edits; ++e) {
      const size_t at = static_cast<size_t>(rng.uniform(0, static_cast<double>(f.size())));
      f[at] = static_cast<uint8_t>(rng.uniform(0, 256));
    }
    alloc_tracker::Watch watch;
    const std::string why = refusal(f);
    if (why.empty()) ++read;
    EXPECT_EQ(why.find('\n'), std::string::npos);
    ASSERT_LT(watch.peak_growth(), kSmall) << "mutation " << k;
  }
  EXPECT_LT(read, 10000u);  // most mutations break a CRC or a size
}

TEST(NotebookWeights, NamesAndShapesAreCheckedBeforeAnythingIsCopied) {
  nn::TrainerConfig c;
  c.model.inputs = 4;
  c.model.outputs = 2;
  c.model.hidden = {{3, "prelu", {{"alpha_init", 0.25}}}};
  nn::Trainer a(c);
  auto arrays = nn::weights_to_npz(c, 1, a.model());
  // PyTorch's layout: 0.weight is out x in, 1.weight PReLU's alpha, 2.* the output layer.
  std::vector<std::string> names;
  for (const auto& x : arrays) names.push_back(x.name + nn::shape_text(x.shape));
  EXPECT_EQ(names, (std::vector<std::string>{"0.weight(3, 4)", "0.bias(3,)", "1.weight(3,)", "2.weight(2, 3)",
                                             "2.bias(2,)", "playground(" + std::to_string(arrays.back().bytes.size()) + ",)"}));
  EXPECT_NE(nn::npz_manifest(arrays).find("\"activation\": \"prelu\""), std::string::npos);
  // A round trip through a file into another network with the same spec gives the same weights.
  nn::TrainerConfig other = c;
  other.seed = 9;
  nn::Trainer d(other);
  const auto file = nn::write_npz(arrays);
  nn::npz_to_weights(nn::read_npz(file.data(), file.size()), d.model());
  EXPECT_EQ(d.save_weights(), a.save_weights());
  // A wrong shape: refused with both shapes, and nothing copied.
  auto bad = arrays;
  bad[3].shape = {3, 2};
  nn::Trainer e(other);
  try {
    nn::npz_to_weights(bad, e.model());
    FAIL() << "a transposed output kernel was accepted";
  } catch (const nn::NpzError& err) {
    EXPECT_STREQ(err.what(), "array '2.weight': expected shape (2, 3), found (3, 2)");
  }
  nn::Trainer fresh(other);
  EXPECT_EQ(e.save_weights(), fresh.save_weights());
  bad = arrays;
  bad.erase(bad.begin() + 2);
  try {
    nn::npz_to_weights(bad, e.model());
    FAIL();
  } catch (const nn::NpzError& err) {
    EXPECT_STREQ(err.what(), "array '1.weight' is missing (expected shape (3,))");
  }
  bad = arrays;
  bad[1].values[0] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(nn::npz_to_weights(bad, e.model()), nn::NpzError);
}

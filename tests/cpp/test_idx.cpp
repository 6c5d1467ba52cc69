// The IDX reader: valid files parse; every kind of damage gives a clear error.
#include <gtest/gtest.h>

#include "nn/idx.h"
#include "test_util.h"

namespace {

struct Files {
  std::vector<uint8_t> images, labels;
};

Files make(size_t n = 5) {
  nn::Dataset d = testutil::toy_digits(n, 3);
  return {nn::encode_idx_images(d), nn::encode_idx_labels(d)};
}

std::string error_of(const Files& f) {
  try {
    nn::parse_idx_pair(f.images.data(), f.images.size(), f.labels.data(), f.labels.size(), "upload");
  } catch (const nn::DataError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(Idx, ParsesWhatItEncodes) {
  nn::Dataset d = testutil::toy_digits(7, 1);
  const auto img = nn::encode_idx_images(d), lab = nn::encode_idx_labels(d);
  EXPECT_EQ(img.size(), 16u + 7 * 784);
  EXPECT_EQ(img[3], 0x03);
  EXPECT_EQ(lab[3], 0x01);
  nn::Dataset back = nn::parse_idx_pair(img.data(), img.size(), lab.data(), lab.size(), "toy");
  EXPECT_EQ(back.count, 7u);
  EXPECT_EQ(back.rows, 28u);
  EXPECT_EQ(back.images, d.images);
  EXPECT_EQ(back.labels, d.labels);
}

TEST(Idx, RejectsWrongMagic) {
  Files f = make();
  f.images[2] = 0x09;
  EXPECT_TRUE(contains(error_of(f), "not an IDX image file")) << error_of(f);
  f = make();
  std::swap(f.images, f.labels);
  EXPECT_TRUE(contains(error_of(f), "this is an IDX label file")) << error_of(f);
  f = make();
  f.images = {0x1f, 0x8b, 0x08, 0x00, 1, 2, 3};
  EXPECT_TRUE(contains(error_of(f), "gzip")) << error_of(f);
  f = make();
  f.labels[3] = 0x08;
  EXPECT_TRUE(contains(error_of(f), "not an IDX label file")) << error_of(f);
}

TEST(Idx, RejectsTruncationAndTrailingBytes) {
  Files f = make();
  f.images.resize(f.images.size() - 1);
  EXPECT_TRUE(contains(error_of(f), "truncated")) << error_of(f);
  f = make();
  f.images.resize(10);
  EXPECT_TRUE(contains(error_of(f), "truncated IDX header")) << error_of(f);
  f = make();
  f.labels.resize(f.labels.size() - 2);
  EXPECT_TRUE(contains(error_of(f), "truncated")) << error_of(f);
  f = make();
  f.images.push_back(0);
  EXPECT_TRUE(contains(error_of(f), "unexpected bytes")) << error_of(f);
  f = make();
  f.images.clear();
  EXPECT_TRUE(contains(error_of(f), "too short")) << error_of(f);
}

TEST(Idx, RejectsMismatchedCountsAndAbsurdSizes) {
  Files f = make(5);
  Files g = make(4);
  f.labels = g.labels;
  EXPECT_TRUE(contains(error_of(f), "5 images but 4 labels")) << error_of(f);
  f = make();
  f.images[8] = 0x7f;  // rows = 2 billion
  EXPECT_TRUE(contains(error_of(f), "implausible image size")) << error_of(f);
  f = make();
  f.images[4] = f.images[5] = f.images[6] = f.images[7] = 0;  // count 0
  EXPECT_TRUE(contains(error_of(f), "implausible image count")) << error_of(f);
  f = make();
  f.images[4] = 0xff;  // count 4 billion
  EXPECT_TRUE(contains(error_of(f), "implausible image count")) << error_of(f);
  f = make();
  f.labels.back() = 10;
  EXPECT_TRUE(contains(error_of(f), "label 10")) << error_of(f);
}

TEST(Idx, RejectsImagesThatAreNot28By28) {
  nn::Dataset d;
  d.count = 2;
  d.rows = d.cols = 32;
  d.images.assign(2 * 32 * 32, 0);
  d.labels = {1, 2};
  const auto img = nn::encode_idx_images(d), lab = nn::encode_idx_labels(d);
  try {
    nn::parse_idx_pair(img.data(), img.size(), lab.data(), lab.size(), "cifar");
    FAIL() << "no error";
  } catch (const nn::DataError& e) {
    EXPECT_TRUE(contains(e.what(), "32x32, expected 28x28")) << e.what();
  }
}

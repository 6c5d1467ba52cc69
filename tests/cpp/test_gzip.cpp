// The native gzip reader inflates no further than the IDX header promises:
// gzip bombs cost what their header is allowed to ask for, not what they hold.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>

#include "alloc_tracker.h"
#include "nn/idx_files.h"
#include "test_util.h"

namespace {

std::vector<uint8_t> gzip(const std::vector<uint8_t>& plain) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&zs, plain.size()));
  zs.next_in = const_cast<Bytef*>(plain.data());
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string error_of(const std::vector<uint8_t>& gz, size_t* peak = nullptr) {
  alloc_tracker::Watch watch;
  std::string message;
  try {
    nn::gunzip_idx(gz, "test.gz");
  } catch (const nn::DataError& e) {
    message = e.what();
  }
  if (peak) *peak = watch.peak_growth();
  return message;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(Gzip, RoundTripOfRealIdxFiles) {
  const nn::Dataset d = testutil::toy_digits(50, 3);
  const auto images = nn::encode_idx_images(d), labels = nn::encode_idx_labels(d);
  EXPECT_EQ(nn::gunzip_idx(gzip(images), "images.gz"), images);
  EXPECT_EQ(nn::gunzip_idx(gzip(labels), "labels.gz"), labels);
}

TEST(Gzip, BombBehindASmallHeaderStopsAtThePromisedSize) {
  // Header: one 28×28 image (800 bytes in all), then 64 MB of zeros: about 64 KB of gzip.
  std::vector<uint8_t> plain = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28};
  plain.resize(64u << 20, 0);
  const auto gz = gzip(plain);
  EXPECT_LT(gz.size(), 100000u);
  size_t peak = 0;
  const std::string m = error_of(gz, &peak);
  EXPECT_TRUE(contains(m, "more than the 800 bytes its IDX header promises")) << m;
  EXPECT_LT(peak, gz.size() + (1u << 20));
}

TEST(Gzip, BombWithAGarbageHeaderStopsAfterTheHeader) {
  std::vector<uint8_t> plain(64u << 20, 0x41);
  size_t peak = 0;
  const std::string m = error_of(gzip(plain), &peak);
  EXPECT_TRUE(contains(m, "not an IDX file")) << m;
  EXPECT_LT(peak, 1u << 20);
}

TEST(Gzip, HeaderOverTheBudgetIsRefusedBeforeInflatingMore) {
  // 10 million images of 1,024 × 1,024, then zeros.
  std::vector<uint8_t> plain = {0, 0, 8, 3, 0, 0x98, 0x96, 0x80, 0, 0, 4, 0, 0, 0, 4, 0};
  plain.resize(8u << 20, 0);
  size_t peak = 0;
  const std::string m = error_of(gzip(plain), &peak);
  EXPECT_TRUE(contains(m, "the limit is 256 MiB")) << m;
  EXPECT_LT(peak, 1u << 20);
}

TEST(Gzip, TruncatedAndCorruptStreamsAreRefused) {
  const nn::Dataset d = testutil::toy_digits(20, 4);
  auto gz = gzip(nn::encode_idx_images(d));
  auto cut = gz;
  cut.resize(gz.size() / 2);
  EXPECT_TRUE(contains(error_of(cut), "truncated")) << error_of(cut);
  auto bad = gz;
  for (size_t i = 20; i < 40; ++i) bad[i] ^= 0xff;
  EXPECT_FALSE(error_of(bad).empty());
  // The whole file promises fewer bytes than it holds.
  auto short_header = nn::encode_idx_images(d);
  short_header[7] = 19;  // 19 images, 20 present
  EXPECT_TRUE(contains(error_of(gzip(short_header)), "more than")) << error_of(gzip(short_header));
}

TEST(Gzip, ReadMaybeGzipReadsFromDisk) {
  const nn::Dataset d = testutil::toy_digits(10, 5);
  const auto labels = nn::encode_idx_labels(d);
  const std::string path = ::testing::TempDir() + "ap-labels.gz";
  {
    const auto gz = gzip(labels);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(gz.data()), gz.size());
  }
  EXPECT_EQ(nn::read_maybe_gzip(path), labels);
  std::remove(path.c_str());
}

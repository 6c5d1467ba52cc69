#include "idx_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "text.h"

namespace nn {
namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

/// Inflates a gzip file holding one IDX file, never past the size its own
/// header promises (so never past kMaxIdxFileBytes): the header is inflated
/// first and checked, then exactly that many bytes; one byte more is an error.
/// The output grows with the data actually inflated, not with the header's word.
std::vector<uint8_t> gunzip_idx(const std::vector<uint8_t>& in, const std::string& path) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw DataError(path + ": cannot initialise zlib");
  struct End {
    z_stream* z;
    ~End() { inflateEnd(z); }
  } end{&zs};
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  std::vector<uint8_t> out;
  uint64_t limit = 16;  // the header first; then the size it promises
  bool sized = false;
  uint8_t chunk[1 << 16];
  int rc = Z_OK;
  for (;;) {
    // One byte past the limit is enough to know the data is longer than promised.
    const uint64_t want = std::min<uint64_t>(sizeof chunk, limit + 1 - out.size());
    zs.next_out = chunk;
    zs.avail_out = static_cast<uInt>(want);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) throw DataError(path + ": corrupt gzip data");
    const size_t got = static_cast<size_t>(want - zs.avail_out);
    out.insert(out.end(), chunk, chunk + got);
    if (!sized && (out.size() >= 16 || rc == Z_STREAM_END)) {
      limit = idx_file_size(out.data(), out.size(), path);  // throws for a bad or oversized header
      sized = true;
    }
    if (sized && out.size() > limit)
      throw DataError(path + ": decompresses to more than the " + grouped(limit) + " bytes its IDX header promises");
    if (rc == Z_STREAM_END) break;
    if (got == 0 && zs.avail_in == 0) throw DataError(path + ": truncated gzip data");
    if (rc == Z_BUF_ERROR && got == 0) throw DataError(path + ": corrupt gzip data");
  }
  return out;
}

std::vector<uint8_t> read_maybe_gzip(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) throw DataError(path + ": cannot open file");
  // A gzip file is never much larger than what it holds (stored blocks add 5
  // bytes per 64 KiB), so one budget covers both before anything is read.
  const uint64_t file_limit = kMaxIdxFileBytes + (kMaxIdxFileBytes >> 10);
  if (static_cast<uint64_t>(st.st_size) > file_limit)
    throw DataError(path + ": " + grouped(static_cast<uint64_t>(st.st_size) >> 20) +
                    " MiB is larger than any IDX file within the limit of " + grouped(kMaxIdxImageBytes >> 20) +
                    " MiB of images");
  std::ifstream f(path, std::ios::binary);
  if (!f) throw DataError(path + ": cannot open file");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return gunzip_idx(bytes, path);
  return bytes;
}

TrainTest load_mnist_dir(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw DataError(dir + ": no such data directory");
  auto find = [&](const std::string& name) {
    const std::string plain = dir + "/" + name;
    if (exists(plain)) return plain;
    if (exists(plain + ".gz")) return plain + ".gz";
    throw DataError(dir + ": missing " + name + " (or " + name + ".gz)");
  };
  auto load = [&](const std::string& images, const std::string& labels, const std::string& what) {
    const std::string ip = find(images), lp = find(labels);
    const auto ib = read_maybe_gzip(ip), lb = read_maybe_gzip(lp);
    return parse_idx_pair(ib.data(), ib.size(), lb.data(), lb.size(),
                          IdxNames{what + " (" + ip + ", " + lp + ")", ip, lp});
  };
  TrainTest tt;
  tt.train = load("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "training set");
  tt.test = load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "test set");
  return tt;
}

}  // namespace nn

#include "idx_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <fstream>
#include <iterator>

namespace nn {
namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<uint8_t> gunzip(const std::vector<uint8_t>& in, const std::string& path) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) throw DataError(path + ": cannot initialise zlib");
  std::vector<uint8_t> out;
  uint8_t chunk[1 << 16];
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  int rc;
  do {
    zs.next_out = chunk;
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw DataError(path + ": corrupt or truncated gzip data");
    }
    out.insert(out.end(), chunk, chunk + (sizeof chunk - zs.avail_out));
    if (out.size() > (size_t(1) << 32)) {
      inflateEnd(&zs);
      throw DataError(path + ": decompressed data is implausibly large");
    }
  } while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) throw DataError(path + ": truncated gzip data");
  return out;
}

}  // namespace

std::vector<uint8_t> read_maybe_gzip(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw DataError(path + ": cannot open file");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return gunzip(bytes, path);
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

#include "idx.h"

#include "text.h"

namespace nn {
namespace {

uint32_t be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
std::string hex(uint32_t v) {
  static const char* d = "0123456789abcdef";
  std::string s = "0x";
  for (int i = 28; i >= 0; i -= 4) s += d[(v >> i) & 15];
  return s;
}

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;

bool is_gzip(uint32_t magic) { return (magic >> 16) == 0x1f8b; }

}  // namespace

uint64_t idx_file_size(const uint8_t* data, size_t size, const std::string& what) {
  if (size < 4) throw DataError(what + ": file is too short to be an IDX file (" + std::to_string(size) + " bytes)");
  const uint32_t magic = be32(data);
  if (is_gzip(magic)) throw DataError(what + ": file is gzip-compressed; decompress it first");
  if (magic == kImagesMagic) {
    if (size < 16) throw DataError(what + ": truncated IDX header (" + std::to_string(size) + " of 16 bytes)");
    const uint64_t count = be32(data + 4), rows = be32(data + 8), cols = be32(data + 12);
    if (count == 0 || count > kMaxIdxCount)
      throw DataError(what + ": implausible image count " + grouped(count) + " (at most " + grouped(kMaxIdxCount) +
                      ")");
    if (rows == 0 || cols == 0 || rows > kMaxIdxSide || cols > kMaxIdxSide)
      throw DataError(what + ": implausible image size " + std::to_string(rows) + "x" + std::to_string(cols));
    const uint64_t pixels = count * rows * cols;  // at most 1e7 · 2^20: no wrap in 64 bits
    if (pixels > kMaxIdxImageBytes)
      throw DataError(what + ": " + grouped(count) + " images of " + std::to_string(rows) + "x" + std::to_string(cols) +
                      " are " + grouped(pixels >> 20) + " MiB; the limit is " + grouped(kMaxIdxImageBytes >> 20) +
                      " MiB");
    return 16 + pixels;
  }
  if (magic == kLabelsMagic) {
    if (size < 8) throw DataError(what + ": truncated IDX header (" + std::to_string(size) + " of 8 bytes)");
    const uint64_t count = be32(data + 4);
    if (count == 0 || count > kMaxIdxCount)
      throw DataError(what + ": implausible label count " + grouped(count) + " (at most " + grouped(kMaxIdxCount) +
                      ")");
    return 8 + count;
  }
  throw DataError(what + ": not an IDX file (magic " + hex(magic) + ", expected 0x00000803 or 0x00000801)");
}

void parse_idx_images(const uint8_t* data, size_t size, const std::string& what, Dataset& out) {
  if (size < 4)
    throw DataError(what + ": file is too short to be an IDX image file (" + std::to_string(size) + " bytes)");
  const uint32_t magic = be32(data);
  if (magic == kLabelsMagic)
    throw DataError(what + ": this is an IDX label file (magic 0x00000801), expected images (0x00000803)");
  if (!is_gzip(magic) && magic != kImagesMagic)
    throw DataError(what + ": not an IDX image file (magic " + hex(magic) + ", expected 0x00000803)");
  const uint64_t expected = idx_file_size(data, size, what);
  if (size < expected)
    throw DataError(what + ": truncated: header promises " + grouped(be32(data + 4)) + " images of " +
                    std::to_string(be32(data + 8)) + "x" + std::to_string(be32(data + 12)) + " (" + grouped(expected) +
                    " bytes) but the file has " + grouped(size) + " bytes");
  if (size > expected)
    throw DataError(what + ": " + grouped(size - expected) + " unexpected bytes after the last image");
  out.count = be32(data + 4);
  out.rows = be32(data + 8);
  out.cols = be32(data + 12);
  out.images.assign(data + 16, data + expected);
}

void parse_idx_labels(const uint8_t* data, size_t size, const std::string& what, Dataset& out, int classes) {
  if (size < 4)
    throw DataError(what + ": file is too short to be an IDX label file (" + std::to_string(size) + " bytes)");
  const uint32_t magic = be32(data);
  if (magic == kImagesMagic)
    throw DataError(what + ": this is an IDX image file (magic 0x00000803), expected labels (0x00000801)");
  if (!is_gzip(magic) && magic != kLabelsMagic)
    throw DataError(what + ": not an IDX label file (magic " + hex(magic) + ", expected 0x00000801)");
  const uint64_t expected = idx_file_size(data, size, what);
  const uint64_t count = expected - 8;
  if (size < expected)
    throw DataError(what + ": truncated: header promises " + grouped(count) + " labels but the file has " +
                    grouped(size - 8));
  if (size > expected)
    throw DataError(what + ": " + grouped(size - expected) + " unexpected bytes after the last label");
  for (uint64_t i = 0; i < count; ++i)
    if (data[8 + i] >= classes)
      throw DataError(what + ": label " + std::to_string(data[8 + i]) + " at index " + std::to_string(i) +
                      " is not a class 0.." + std::to_string(classes - 1));
  out.labels.assign(data + 8, data + expected);
}

Dataset parse_idx_pair(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                       const IdxNames& names, size_t expect_rows, size_t expect_cols) {
  Dataset d;
  parse_idx_images(images, images_size, names.images, d);
  parse_idx_labels(labels, labels_size, names.labels, d);
  if (d.labels.size() != d.count)
    throw DataError(names.set + ": " + std::to_string(d.count) + " images but " + std::to_string(d.labels.size()) +
                    " labels");
  if (expect_rows && expect_cols && (d.rows != expect_rows || d.cols != expect_cols))
    throw DataError(names.images + ": images are " + std::to_string(d.rows) + "x" + std::to_string(d.cols) +
                    ", expected " + std::to_string(expect_rows) + "x" + std::to_string(expect_cols));
  return d;
}

Dataset parse_idx_pair(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                       const std::string& name, size_t expect_rows, size_t expect_cols) {
  return parse_idx_pair(images, images_size, labels, labels_size, IdxNames{name, name + " images", name + " labels"},
                        expect_rows, expect_cols);
}

std::vector<uint8_t> encode_idx_images(const Dataset& d) {
  std::vector<uint8_t> out;
  put_be32(out, kImagesMagic);
  put_be32(out, static_cast<uint32_t>(d.count));
  put_be32(out, static_cast<uint32_t>(d.rows));
  put_be32(out, static_cast<uint32_t>(d.cols));
  out.insert(out.end(), d.images.begin(), d.images.end());
  return out;
}

std::vector<uint8_t> encode_idx_labels(const Dataset& d) {
  std::vector<uint8_t> out;
  put_be32(out, kLabelsMagic);
  put_be32(out, static_cast<uint32_t>(d.count));
  out.insert(out.end(), d.labels.begin(), d.labels.end());
  return out;
}

}  // namespace nn

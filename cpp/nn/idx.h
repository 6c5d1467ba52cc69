// MNIST's IDX format (LeCun): a big-endian header, then raw bytes.
// idx3 images: magic 0x00000803, count, rows, cols, count·rows·cols pixels.
// idx1 labels: magic 0x00000801, count, count labels.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nn {

/// Raised for any malformed data file; what() is a one-line, human message.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A labelled image set: n images of rows×cols bytes (0..255), n labels.
struct Dataset {
  size_t count = 0;
  size_t rows = 0, cols = 0;
  std::vector<uint8_t> images;  ///< count·rows·cols, row-major per image
  std::vector<uint8_t> labels;  ///< count
  size_t features() const { return rows * cols; }
};

/// Stated limits of the IDX reader. Fashion-MNIST's 60,000 training images are
/// 47 MB; the budget leaves room for sets five times larger.
constexpr uint64_t kMaxIdxCount = 10000000;                  ///< images or labels in one file
constexpr uint64_t kMaxIdxSide = 1024;                       ///< rows and cols
constexpr uint64_t kMaxIdxImageBytes = uint64_t(256) << 20;  ///< count·rows·cols, 256 MiB
/// The largest valid IDX file of these limits (an image file at the budget):
/// gzip readers stop inflating here.
constexpr uint64_t kMaxIdxFileBytes = 16 + kMaxIdxImageBytes;

/// The exact size in bytes of the IDX file whose first `size` bytes are given
/// (16 are enough for images, 8 for labels), computed in 64-bit arithmetic from
/// the header and checked against the limits above. Throws DataError for an
/// unknown magic number, gzip data, a short header or a header over the limits.
uint64_t idx_file_size(const uint8_t* data, size_t size, const std::string& what);

/// Parses an idx3 image file held in memory. `what` names it in errors.
/// Throws DataError for a wrong magic number, absurd dimensions, or a length
/// that does not match the header (truncated or with trailing bytes).
void parse_idx_images(const uint8_t* data, size_t size, const std::string& what, Dataset& out);

/// Parses an idx1 label file; labels must be below `classes`.
void parse_idx_labels(const uint8_t* data, size_t size, const std::string& what, Dataset& out, int classes = 10);

/// How a pair of files is named in error messages.
struct IdxNames {
  std::string set, images, labels;
};

/// Images + labels; checks that the counts agree and (if given) the image size.
Dataset parse_idx_pair(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                       const IdxNames& names, size_t expect_rows = 28, size_t expect_cols = 28);

/// The same, naming the files "<name> images" and "<name> labels".
Dataset parse_idx_pair(const uint8_t* images, size_t images_size, const uint8_t* labels, size_t labels_size,
                       const std::string& name, size_t expect_rows = 28, size_t expect_cols = 28);

/// Encodes a dataset as the two IDX files (used by tests and tools).
std::vector<uint8_t> encode_idx_images(const Dataset& d);
std::vector<uint8_t> encode_idx_labels(const Dataset& d);

}  // namespace nn

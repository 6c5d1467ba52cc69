// Reading IDX files from disk (native builds only: uses zlib for .gz).
// In the browser the page decompresses with DecompressionStream and hands
// plain bytes to parse_idx_pair().
#pragma once
#include <string>
#include <vector>

#include "idx.h"

namespace nn {

/// Reads a whole file, gunzipping it if it starts with the gzip magic bytes.
/// Throws DataError (missing, unreadable or corrupt gzip).
std::vector<uint8_t> read_maybe_gzip(const std::string& path);

/// The four standard MNIST files of a directory, each optionally .gz:
/// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte.
struct TrainTest {
  Dataset train, test;
};
TrainTest load_mnist_dir(const std::string& dir);

}  // namespace nn

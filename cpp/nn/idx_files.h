// Reading IDX files from disk (native builds only: uses zlib for .gz).
// In the browser the page decompresses with DecompressionStream and hands
// plain bytes to parse_idx_pair().
#pragma once
#include <string>
#include <vector>

#include "idx.h"

namespace nn {

/// Reads a whole IDX file, gunzipping it if it starts with the gzip magic
/// bytes. A plain file larger than kMaxIdxFileBytes is refused before it is
/// read; a gzip file is inflated only up to the size its IDX header promises.
/// Throws DataError (missing, unreadable, oversized or corrupt).
std::vector<uint8_t> read_maybe_gzip(const std::string& path);

/// Inflates gzip bytes holding one IDX file, never past the size its header
/// promises (at most kMaxIdxFileBytes). Throws DataError.
std::vector<uint8_t> gunzip_idx(const std::vector<uint8_t>& in, const std::string& path);

/// The four standard MNIST files of a directory, each optionally .gz:
/// train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte.
struct TrainTest {
  Dataset train, test;
};
TrainTest load_mnist_dir(const std::string& dir);

}  // namespace nn

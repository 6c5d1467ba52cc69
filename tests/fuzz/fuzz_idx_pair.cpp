// libFuzzer: a pair of IDX files (the first 4 bytes say where the image file ends),
// also through idx_file_size(), which must agree with the parser.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "nn/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  uint32_t split;
  std::memcpy(&split, data, 4);
  data += 4;
  size -= 4;
  split = size ? split % (size + 1) : 0;
  try {
    const uint64_t promised = nn::idx_file_size(data, split, "sized");
    if (promised > nn::kMaxIdxFileBytes) std::abort();
  } catch (const nn::DataError&) {
  }
  try {
    const nn::Dataset d = nn::parse_idx_pair(data, split, data + split, size - split, "fuzz");
    if (d.count != d.labels.size() || d.rows != 28 || d.cols != 28 || d.images.size() != d.count * 784) std::abort();
    if (nn::idx_file_size(data, split, "again") != split) std::abort();
  } catch (const nn::DataError&) {
  }
  return 0;
}

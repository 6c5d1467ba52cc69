// libFuzzer: gzip data holding an IDX file. Inflation never goes past the size the
// IDX header promises, so the output is bounded by kMaxIdxFileBytes.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "nn/idx_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> in(data, data + size);
  std::vector<uint8_t> out;
  try {
    out = nn::gunzip_idx(in, "fuzz.gz");
  } catch (const nn::DataError&) {
    return 0;
  }
  if (out.size() > nn::idx_file_size(out.data(), out.size(), "inflated")) std::abort();
  nn::Dataset d;
  try {
    nn::parse_idx_images(out.data(), out.size(), "inflated", d);
  } catch (const nn::DataError&) {
  }
  return 0;
}

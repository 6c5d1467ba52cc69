// libFuzzer: an IDX image file. Accepted files must hold exactly what their header says.
#include <cstdint>
#include <cstdlib>

#include "nn/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nn::Dataset d;
  try {
    nn::parse_idx_images(data, size, "fuzz", d);
  } catch (const nn::DataError&) {
    return 0;
  }
  if (d.images.size() != d.count * d.rows * d.cols || size != 16 + d.images.size()) std::abort();
  return 0;
}

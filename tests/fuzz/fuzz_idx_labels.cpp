// libFuzzer: an IDX label file. Accepted labels are all below 10.
#include <cstdint>
#include <cstdlib>

#include "nn/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nn::Dataset d;
  try {
    nn::parse_idx_labels(data, size, "fuzz", d);
  } catch (const nn::DataError&) {
    return 0;
  }
  if (d.labels.size() + 8 != size) std::abort();
  for (uint8_t l : d.labels)
    if (l >= 10) std::abort();
  return 0;
}

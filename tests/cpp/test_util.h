// Helpers shared by the C++ suites.
#pragma once
#include "nn/idx.h"
#include "nn/rng.h"

namespace testutil {

/// A learnable toy set of 28×28 images: class c has a bright 6×6 block at a
/// position that depends on c, plus noise.
inline nn::Dataset toy_digits(size_t count, uint64_t seed) {
  nn::Dataset d;
  d.count = count;
  d.rows = d.cols = 28;
  d.images.assign(count * 784, 0);
  d.labels.resize(count);
  nn::Rng rng(seed);
  for (size_t i = 0; i < count; ++i) {
    const int c = static_cast<int>(rng.below(10));
    d.labels[i] = static_cast<uint8_t>(c);
    const int r0 = 2 + (c / 5) * 12 + static_cast<int>(rng.below(3)), c0 = 2 + (c % 5) * 5;
    for (int r = 0; r < 6; ++r)
      for (int k = 0; k < 4; ++k)
        d.images[i * 784 + (r0 + r) * 28 + c0 + k] = 200 + static_cast<uint8_t>(rng.below(56));
    for (int n = 0; n < 30; ++n) d.images[i * 784 + rng.below(784)] = static_cast<uint8_t>(rng.below(120));
  }
  return d;
}

}  // namespace testutil

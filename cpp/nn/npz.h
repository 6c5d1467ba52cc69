// NumPy's .npz (a zip of .npy files), written and read for the notebook
// bridge: the playground's weights in PyTorch's layout, and weights trained in
// PyTorch or Keras loaded back.
//
// Written: stored (uncompressed) entries, npy format 1.0, float32 arrays and
// one uint8 array `playground` holding the setup as JSON (the manifest).
// Read: what np.savez writes. Every size is checked in 64-bit arithmetic
// against the bytes present before anything is allocated: entry count, the
// central directory, each entry's local header, stored sizes, the npy header,
// the dtype ('<f4', or '|u1' for a manifest), the shape's product and a total
// budget. Compressed entries (np.savez_compressed), zip64 and other dtypes are
// refused with a message saying how to save the file instead.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nn {

/// Raised for any .npz the reader refuses; what() is a one-line, human message.
struct NpzError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr size_t kMaxNpzArrays = 64;
/// All arrays together: the largest model the engine builds, plus a manifest.
constexpr uint64_t kMaxNpzValues = (uint64_t(1) << 26) + (uint64_t(1) << 20);

struct NpyArray {
  std::string name;             ///< without ".npy"
  std::vector<uint64_t> shape;  ///< () for a scalar
  std::vector<float> values;    ///< float32 arrays
  std::string bytes;            ///< uint8 arrays (the manifest)
  bool is_bytes = false;
};

std::vector<uint8_t> write_npz(const std::vector<NpyArray>& arrays);
/// Files as a stored (uncompressed) zip archive: what write_npz writes, for any files
/// (the page's embedded split as a folder of IDX files). Each file under 4 GiB.
std::vector<uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<uint8_t>>>& files);
std::vector<NpyArray> read_npz(const uint8_t* data, size_t size);

/// "(512, 784)", as NumPy prints a shape.
std::string shape_text(const std::vector<uint64_t>& shape);

}  // namespace nn

// Versioned weights file: the model spec and every tensor, guarded by a CRC-32.
//
// Layout (little-endian):
//   "APWT"  u32 version (=1)  u64 payload bytes  u32 crc32(payload)  payload
// payload:
//   u32 inputs, u32 outputs, str init, u32 hidden count,
//     per hidden: u32 units, str activation, u32 n, n × (str name, f64 value)
//   u32 tensor count, per tensor: str name, u64 size, size × f32
// where str = u32 length + bytes.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "model.h"

namespace nn {

/// Raised for any bad weights file; what() is a one-line, human message.
struct WeightsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr uint32_t kWeightsVersion = 1;

/// Weights beyond this magnitude are refused: they overflow float arithmetic in
/// the first layers (784 inputs of up to 1 times a few such weights), so no
/// prediction or training step from them could be finite.
constexpr double kMaxWeightMagnitude = 1e6;

/// CRC-32 (IEEE 802.3, as zlib's crc32).
uint32_t crc32(const uint8_t* data, size_t size);

/// Serialises the model's spec and weights.
std::vector<uint8_t> save_weights(Model<float>& model);

/// Reads a weights file into a new model of the spec it describes. Everything is
/// checked against the bytes present before the model is allocated: magic,
/// version, length, checksum, the spec (including the parameter limit), the
/// exact byte count its tensors need (in 64-bit arithmetic), tensor names and
/// sizes, and that every value is finite and within kMaxWeightMagnitude. Throws
/// WeightsError with a one-line message (names from the file escaped); nothing
/// else is touched and nothing large is allocated for a refused file.
std::unique_ptr<Model<float>> load_model(const uint8_t* data, size_t size);

}  // namespace nn

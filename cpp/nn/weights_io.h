// Versioned weights file: the model spec and every tensor, guarded by a CRC-32.
//
// Layout (little-endian):
//   "APWT"  u32 version (=2)  u64 payload bytes  u32 crc32(payload)  payload
// payload:
//   u32 inputs, u32 outputs, str init, u32 hidden count,
//     per hidden: u32 units, str activation, u32 n, n × (str name, f64 value),
//                 str formula (version 2; empty unless the activation is custom)
//   u32 tensor count, per tensor: str name, u64 size, u8 encoding, values
//     encoding 0, float32: size × f32
//     encoding 1, int8 with one scale per output unit (the last dimension, c):
//       u32 c, c × f32 scale, size × i8 q; value[i] = q[i] · scale[i mod c]
// where str = u32 length + bytes. Version 1 (no encoding byte, all float32)
// is still read.
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

constexpr uint32_t kWeightsVersion = 2;

/// How save_weights() stores values: float32 (exact), or int8 kernels with a
/// scale per output unit (biases and PReLU alphas stay float32): a quarter of
/// the size, for the shipped default model.
enum class WeightsEncoding : uint8_t { f32 = 0, int8 = 1 };

/// Weights beyond this magnitude are refused: they overflow float arithmetic in
/// the first layers (784 inputs of up to 1 times a few such weights), so no
/// prediction or training step from them could be finite.
constexpr double kMaxWeightMagnitude = 1e6;

/// CRC-32 (IEEE 802.3, as zlib's crc32).
uint32_t crc32(const uint8_t* data, size_t size);

/// Serialises the model's spec and weights.
std::vector<uint8_t> save_weights(Model<float>& model, WeightsEncoding encoding = WeightsEncoding::f32);

/// Reads a weights file into a new model of the spec it describes. Everything is
/// checked against the bytes present before the model is allocated: magic,
/// version, length, checksum, the spec (including the parameter limit), the
/// exact byte count its tensors need (in 64-bit arithmetic), tensor names and
/// sizes, and that every value is finite and within kMaxWeightMagnitude. Throws
/// WeightsError with a one-line message (names from the file escaped); nothing
/// else is touched and nothing large is allocated for a refused file.
std::unique_ptr<Model<float>> load_model(const uint8_t* data, size_t size);

}  // namespace nn

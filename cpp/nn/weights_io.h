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

/// CRC-32 (IEEE 802.3, as zlib's crc32).
uint32_t crc32(const uint8_t* data, size_t size);

/// Serialises the model's spec and weights.
std::vector<uint8_t> save_weights(Model<float>& model);

/// Reads a weights file into a new model of the spec it describes, after
/// checking magic, version, length, checksum, spec, tensor names and sizes and
/// that every value is finite. Throws WeightsError; nothing else is touched.
std::unique_ptr<Model<float>> load_model(const uint8_t* data, size_t size);

}  // namespace nn

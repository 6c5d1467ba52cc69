// Builders for hand-made files: weights files whose spec says anything (with a
// correct length and CRC, so the reader gets past the checksum) and gzip
// bombs. Shared by the hostile-file tests and the fuzzers' seed corpus.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "nn/weights_io.h"

namespace hostile {

struct RawWriter {
  std::vector<uint8_t> bytes;
  void u32(uint32_t v) { raw(&v, 4); }
  void u64(uint64_t v) { raw(&v, 8); }
  void f64(double v) { raw(&v, 8); }
  void f32(float v) { raw(&v, 4); }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    raw(s.data(), s.size());
  }
  void raw(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes.insert(bytes.end(), b, b + n);
  }
};

struct RawHidden {
  uint32_t units;
  std::string activation;
  std::vector<std::pair<std::string, double>> params;
};

/// The spec part of a payload: inputs, outputs, init, hidden layers.
inline RawWriter spec_payload(uint32_t inputs, uint32_t outputs, const std::vector<RawHidden>& hidden,
                              const std::string& init = "glorot_uniform") {
  RawWriter w;
  w.u32(inputs);
  w.u32(outputs);
  w.str(init);
  w.u32(static_cast<uint32_t>(hidden.size()));
  for (const auto& h : hidden) {
    w.u32(h.units);
    w.str(h.activation);
    w.u32(static_cast<uint32_t>(h.params.size()));
    for (const auto& p : h.params) {
      w.str(p.first);
      w.f64(p.second);
    }
  }
  return w;
}

/// Wraps a payload in the file header with the right length and CRC.
inline std::vector<uint8_t> weights_file(const std::vector<uint8_t>& payload) {
  RawWriter f;
  f.raw("APWT", 4);
  f.u32(1);  // version 1: float32 tensors without an encoding byte (still read)
  f.u64(payload.size());
  f.u32(nn::crc32(payload.data(), payload.size()));
  f.raw(payload.data(), payload.size());
  return f.bytes;
}

/// Sets the length and CRC fields of a weights file to match its payload.
inline void fix_header(std::vector<uint8_t>& f) {
  if (f.size() < 20) return;
  const uint64_t length = f.size() - 20;
  const uint32_t crc = nn::crc32(f.data() + 20, f.size() - 20);
  std::memcpy(f.data() + 8, &length, 8);
  std::memcpy(f.data() + 16, &crc, 4);
}

/// A header-only weights file: a spec and no tensors at all.
inline std::vector<uint8_t> spec_only(uint32_t inputs, const std::vector<RawHidden>& hidden) {
  return weights_file(spec_payload(inputs, 10, hidden).bytes);
}

/// A complete, valid file for inputs-units(relu)-outputs whose every value is
/// `value`, except value `bad_index` of the first kernel which is `bad_value`.
inline std::vector<uint8_t> small_model(uint32_t inputs, uint32_t units, uint32_t outputs, float value,
                                        size_t bad_index = 0, float bad_value = 0, const std::string& first_name = "") {
  RawWriter w = spec_payload(inputs, outputs, {{units, "relu", {}}});
  const std::vector<std::pair<std::string, uint64_t>> tensors = {
      {first_name.empty() ? "dense0/kernel" : first_name, uint64_t(inputs) * units},
      {"dense0/bias", units},
      {"dense1/kernel", uint64_t(units) * outputs},
      {"dense1/bias", outputs}};
  w.u32(static_cast<uint32_t>(tensors.size()));
  bool first = true;
  for (const auto& t : tensors) {
    w.str(t.first);
    w.u64(t.second);
    for (uint64_t i = 0; i < t.second; ++i) w.f32(first && i == bad_index ? bad_value : value);
    first = false;
  }
  return weights_file(w.bytes);
}

}  // namespace hostile

#include "weights_io.h"

#include <cmath>
#include <cstring>
#include <memory>

namespace nn {
namespace {

class Writer {
 public:
  void u32(uint32_t v) { raw(&v, 4); }
  void u64(uint64_t v) { raw(&v, 8); }
  void f64(double v) { raw(&v, 8); }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    raw(s.data(), s.size());
  }
  void floats(const float* p, size_t n) { raw(p, n * sizeof(float)); }
  std::vector<uint8_t> bytes;

 private:
  // Every target we build for (x86-64, wasm32) is little-endian.
  void raw(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes.insert(bytes.end(), b, b + n);
  }
};

class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
  uint32_t u32() {
    uint32_t v;
    raw(&v, 4);
    return v;
  }
  uint64_t u64() {
    uint64_t v;
    raw(&v, 8);
    return v;
  }
  double f64() {
    double v;
    raw(&v, 8);
    return v;
  }
  std::string str() {
    const uint32_t len = u32();
    if (len > 256) throw WeightsError("weights file: corrupt (a name of " + std::to_string(len) + " bytes)");
    std::string s(len, '\0');
    raw(s.data(), len);
    return s;
  }
  void floats(float* out, size_t n) { raw(out, n * sizeof(float)); }
  size_t left() const { return n_ - at_; }

 private:
  void raw(void* out, size_t n) {
    if (n > n_ - at_) throw WeightsError("weights file: corrupt (payload ends early)");
    std::memcpy(out, p_ + at_, n);
    at_ += n;
  }
  const uint8_t* p_;
  size_t n_, at_ = 0;
};

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size) {
  static uint32_t table[256];
  static bool ready = false;
  if (!ready) {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = true;
  }
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> save_weights(Model<float>& model) {
  const ModelSpec& s = model.spec();
  Writer w;
  w.u32(static_cast<uint32_t>(s.inputs));
  w.u32(static_cast<uint32_t>(s.outputs));
  w.str(s.init);
  w.u32(static_cast<uint32_t>(s.hidden.size()));
  for (const auto& h : s.hidden) {
    w.u32(static_cast<uint32_t>(h.units));
    w.str(h.activation);
    w.u32(static_cast<uint32_t>(h.params.size()));
    for (const auto& kv : h.params) {
      w.str(kv.first);
      w.f64(kv.second);
    }
  }
  const auto params = model.params();
  w.u32(static_cast<uint32_t>(params.size()));
  for (const auto& p : params) {
    w.str(p.name);
    w.u64(p.size);
    w.floats(p.value, p.size);
  }
  Writer file;
  file.bytes = {'A', 'P', 'W', 'T'};
  file.u32(kWeightsVersion);
  file.u64(w.bytes.size());
  file.u32(crc32(w.bytes.data(), w.bytes.size()));
  file.bytes.insert(file.bytes.end(), w.bytes.begin(), w.bytes.end());
  return file.bytes;
}

std::unique_ptr<Model<float>> load_model(const uint8_t* data, size_t size) {
  if (size < 20 || std::memcmp(data, "APWT", 4) != 0)
    throw WeightsError("not an Activation Playground weights file (it does not start with APWT)");
  Reader head(data + 4, 16);
  const uint32_t version = head.u32();
  if (version != kWeightsVersion)
    throw WeightsError("weights file version " + std::to_string(version) +
                       " is not supported (this build reads version " + std::to_string(kWeightsVersion) + ")");
  const uint64_t length = head.u64();
  const uint32_t crc = head.u32();
  if (length != size - 20)
    throw WeightsError("weights file is truncated or padded: header says " + std::to_string(length) +
                       " payload bytes, file has " + std::to_string(size - 20));
  if (crc32(data + 20, length) != crc) throw WeightsError("weights file is corrupt (checksum mismatch)");

  Reader r(data + 20, length);
  ModelSpec spec;
  spec.inputs = static_cast<int>(r.u32());
  spec.outputs = static_cast<int>(r.u32());
  spec.init = r.str();
  const uint32_t hidden = r.u32();
  if (hidden > static_cast<uint32_t>(kMaxHidden)) throw WeightsError("weights file: too many hidden layers");
  spec.hidden.clear();
  for (uint32_t i = 0; i < hidden; ++i) {
    HiddenSpec h;
    h.units = static_cast<int>(r.u32());
    h.activation = r.str();
    const uint32_t n = r.u32();
    if (n > 8) throw WeightsError("weights file: corrupt parameter list");
    for (uint32_t j = 0; j < n; ++j) {
      std::string name = r.str();
      h.params[name] = r.f64();
    }
    spec.hidden.push_back(h);
  }
  try {
    validate(spec);
  } catch (const std::invalid_argument& e) {
    throw WeightsError(std::string("weights file describes an impossible model: ") + e.what());
  }
  // The model the spec describes gives the expected tensor names and sizes; the
  // file's values are read straight into it.
  auto model = std::make_unique<Model<float>>(spec, 0);
  const auto expected = model->params();
  const uint32_t count = r.u32();
  if (count != expected.size())
    throw WeightsError("weights file has " + std::to_string(count) + " tensors, its model " + describe(spec) +
                       " needs " + std::to_string(expected.size()));
  for (const auto& e : expected) {
    std::string name = r.str();
    const uint64_t n = r.u64();
    if (name != e.name || n != e.size)
      throw WeightsError("weights file tensor '" + name + "' (" + std::to_string(n) + " values) does not match '" +
                         e.name + "' (" + std::to_string(e.size) + " values)");
    r.floats(e.value, n);
    for (size_t i = 0; i < n; ++i)
      if (!std::isfinite(e.value[i]))
        throw WeightsError("weights file tensor '" + name + "' holds NaN or infinite values");
  }
  if (r.left() != 0) throw WeightsError("weights file has unexpected bytes after the last tensor");
  return model;
}

}  // namespace nn

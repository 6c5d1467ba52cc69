#include "weights_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "text.h"

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
  void u8(uint8_t v) { bytes.push_back(v); }
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
    if (len > 256) throw WeightsError("weights file: corrupt (a name of " + grouped(len) + " bytes)");
    std::string s(len, '\0');
    raw(s.data(), len);
    return s;
  }
  void floats(float* out, size_t n) { raw(out, n * sizeof(float)); }
  /// The next n bytes, in place (n checked against what is left).
  const uint8_t* take(uint64_t n) {
    if (n > n_ - at_) throw WeightsError("weights file: corrupt (payload ends early)");
    const uint8_t* p = p_ + at_;
    at_ += static_cast<size_t>(n);
    return p;
  }
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

namespace {

/// Kernel values as int8 with one scale per column (output unit): scale =
/// max |w| of the column / 127, q = round(w / scale).
void write_int8(Writer& w, const float* v, uint64_t size, uint64_t columns) {
  std::vector<float> scale(columns, 0.f);
  for (uint64_t i = 0; i < size; ++i) scale[i % columns] = std::max(scale[i % columns], std::fabs(v[i]));
  for (float& s : scale) s /= 127.f;
  w.u32(static_cast<uint32_t>(columns));
  w.floats(scale.data(), columns);
  for (uint64_t i = 0; i < size; ++i) {
    const float s = scale[i % columns];
    const long q = s > 0 ? std::lround(v[i] / s) : 0;
    w.u8(static_cast<uint8_t>(static_cast<int8_t>(std::max(-127L, std::min(127L, q)))));
  }
}

}  // namespace

std::vector<uint8_t> save_weights(Model<float>& model, WeightsEncoding encoding) {
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
    w.str(h.formula);  // version 2
  }
  const auto params = model.params();
  const auto layout = tensor_layout(s);
  w.u32(static_cast<uint32_t>(params.size()));
  for (size_t t = 0; t < params.size(); ++t) {
    const auto& p = params[t];
    w.str(p.name);
    w.u64(p.size);
    const bool kernel = p.name.size() > 7 && p.name.compare(p.name.size() - 7, 7, "/kernel") == 0;
    if (encoding == WeightsEncoding::int8 && kernel) {
      w.u8(static_cast<uint8_t>(WeightsEncoding::int8));
      write_int8(w, p.value, p.size, layout[t].columns);
    } else {
      w.u8(static_cast<uint8_t>(WeightsEncoding::f32));
      w.floats(p.value, p.size);
    }
  }
  Writer file;
  file.bytes = {'A', 'P', 'W', 'T'};
  file.u32(kWeightsVersion);
  file.u64(w.bytes.size());
  file.u32(crc32(w.bytes.data(), w.bytes.size()));
  file.bytes.insert(file.bytes.end(), w.bytes.begin(), w.bytes.end());
  return file.bytes;
}

namespace {

/// Checks the file's header (magic, version, length, checksum); returns the version.
uint32_t read_header(const uint8_t* data, size_t size) {
  if (size < 20 || std::memcmp(data, "APWT", 4) != 0)
    throw WeightsError("not an Activation Playground weights file (it does not start with APWT)");
  Reader head(data + 4, 16);
  const uint32_t version = head.u32();
  if (version != 1 && version != kWeightsVersion)
    throw WeightsError("weights file version " + std::to_string(version) +
                       " is not supported (this build reads versions 1 and " + std::to_string(kWeightsVersion) + ")");
  const uint64_t length = head.u64();
  const uint32_t crc = head.u32();
  if (length != uint64_t(size) - 20)
    throw WeightsError("weights file is truncated or padded: header says " + grouped(length) +
                       " payload bytes, file has " + grouped(uint64_t(size) - 20));
  if (crc32(data + 20, size - 20) != crc) throw WeightsError("weights file is corrupt (checksum mismatch)");

  return version;
}

/// The model spec at the start of the payload (sizes checked against the limits as they are read).
ModelSpec read_spec(Reader& r, uint32_t version) {
  ModelSpec spec;
  const uint32_t inputs = r.u32(), outputs = r.u32();
  if (inputs > uint32_t(kMaxInputs) || outputs > 256)
    throw WeightsError("weights file describes an impossible model: " + grouped(inputs) + " inputs, " +
                       grouped(outputs) + " outputs");
  spec.inputs = static_cast<int>(inputs);
  spec.outputs = static_cast<int>(outputs);
  spec.init = r.str();
  const uint32_t hidden = r.u32();
  if (hidden > static_cast<uint32_t>(kMaxHidden))
    throw WeightsError("weights file: " + grouped(hidden) + " hidden layers (at most " + std::to_string(kMaxHidden) +
                       ")");
  spec.hidden.clear();
  for (uint32_t i = 0; i < hidden; ++i) {
    HiddenSpec h;
    const uint32_t units = r.u32();
    if (units > uint32_t(kMaxUnits))
      throw WeightsError("weights file: hidden layer " + std::to_string(i + 1) + " has " + grouped(units) +
                         " units (at most " + grouped(kMaxUnits) + ")");
    h.units = static_cast<int>(units);
    h.activation = r.str();
    const uint32_t n = r.u32();
    if (n > 8) throw WeightsError("weights file: corrupt parameter list");
    for (uint32_t j = 0; j < n; ++j) {
      std::string name = r.str();
      h.params[name] = r.f64();
    }
    if (version >= 2) h.formula = r.str();
    spec.hidden.push_back(h);
  }
  return spec;
}

/// Checks every tensor's name, size, encoding and value against the plan and
/// the bytes present, in 64-bit arithmetic, before anything is allocated.
void check_tensors(Reader r, const ModelPlan& plan, uint32_t version) {
  const ModelSpec& spec = plan.spec;
  // What the tensors need, in 64-bit arithmetic, against the bytes present.
  const std::vector<TensorLayout>& layout = plan.tensors;
  // (Names aside: they are compared one by one below. Version 2 may store a
  // value in one byte.)
  const uint64_t value_bytes = version == 1 ? 4 : 1, tensor_header = version == 1 ? 12 : 13;
  uint64_t needed = 4;
  for (const auto& t : layout) needed += tensor_header + value_bytes * t.size;
  if (needed > r.left())
    throw WeightsError("weights file does not match its model " + describe(spec) + ": its tensors need " +
                       grouped(needed) + " bytes, the file holds " + grouped(r.left()));

  // Every name, size and value.
  const uint32_t count = r.u32();
  if (count != layout.size())
    throw WeightsError("weights file has " + grouped(count) + " tensors, its model " + describe(spec) + " needs " +
                       std::to_string(layout.size()));
  for (const auto& t : layout) {
    const std::string name = r.str();
    const uint64_t n = r.u64();
    if (name != t.name || n != t.size)
      throw WeightsError("weights file tensor '" + printable(name) + "' (" + grouped(n) + " values) does not match '" +
                         t.name + "' (" + grouped(t.size) + " values)");
    const auto encoding = version == 1 ? WeightsEncoding::f32 : static_cast<WeightsEncoding>(*r.take(1));
    auto bad_value = [&](float v) {
      if (!std::isfinite(v)) throw WeightsError("weights file tensor '" + t.name + "' holds NaN or infinite values");
      if (std::fabs(v) > kMaxWeightMagnitude)
        throw WeightsError("weights file tensor '" + t.name + "' holds a value of " + short_number(v) +
                           ": values beyond 1e6 overflow the network's arithmetic");
    };
    if (encoding == WeightsEncoding::f32) {
      const uint8_t* values = r.take(4 * n);
      for (uint64_t i = 0; i < n; ++i) {
        float v;
        std::memcpy(&v, values + 4 * i, 4);
        bad_value(v);
      }
    } else if (encoding == WeightsEncoding::int8) {
      const uint64_t columns = r.u32();
      if (columns != t.columns)
        throw WeightsError("weights file tensor '" + t.name + "' has " + grouped(columns) + " int8 scales, expected " +
                           grouped(t.columns));
      const uint8_t* scales = r.take(4 * columns);
      for (uint64_t j = 0; j < columns; ++j) {
        float sc;
        std::memcpy(&sc, scales + 4 * j, 4);
        bad_value(sc * 127.f);
        if (sc < 0) throw WeightsError("weights file tensor '" + t.name + "' has a negative int8 scale");
      }
      r.take(n);
    } else {
      throw WeightsError("weights file tensor '" + t.name + "' has an unknown encoding " +
                         std::to_string(static_cast<int>(encoding)));
    }
  }

  if (r.left() != 0)
    throw WeightsError("weights file has " + grouped(r.left()) + " unexpected bytes after the last tensor");
}

/// Fills a model's tensors from the (checked) tensor section at `fill`.
void fill_tensors(Reader fill, Model<float>& model, uint32_t version) {
  fill.u32();
  for (const auto& p : model.params()) {
    fill.str();
    fill.u64();
    const auto encoding = version == 1 ? WeightsEncoding::f32 : static_cast<WeightsEncoding>(*fill.take(1));
    if (encoding == WeightsEncoding::f32) {
      fill.floats(p.value, p.size);
    } else {
      const uint64_t columns = fill.u32();
      std::vector<float> scale(columns);
      fill.floats(scale.data(), columns);
      const uint8_t* q = fill.take(p.size);
      for (size_t i = 0; i < p.size; ++i)
        p.value[i] = static_cast<float>(static_cast<int8_t>(q[i])) * scale[i % columns];
    }
  }
}

}  // namespace

std::unique_ptr<Model<float>> load_model(const uint8_t* data, size_t size) {
  const uint32_t version = read_header(data, size);
  Reader r(data + 20, size - 20);
  const ModelSpec spec = read_spec(r, version);
  ModelPlan plan;
  try {
    plan = plan_model(spec);  // includes the parameter limit, computed without allocating
  } catch (const std::invalid_argument& e) {
    throw WeightsError(std::string("weights file describes an impossible model: ") + e.what());
  }

  check_tensors(r, plan, version);
  // Only now the model: its tensors are filled straight from the file.
  auto model = std::make_unique<Model<float>>(std::move(plan), 0);
  fill_tensors(r, *model, version);
  return model;
}

}  // namespace nn

#include "npz.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "text.h"
#include "weights_io.h"

namespace nn {
namespace {

void put16(std::vector<uint8_t>& o, uint32_t v) {
  o.push_back(uint8_t(v));
  o.push_back(uint8_t(v >> 8));
}
void put32(std::vector<uint8_t>& o, uint32_t v) {
  put16(o, v & 0xffff);
  put16(o, v >> 16);
}
uint32_t get16(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8; }
uint32_t get32(const uint8_t* p) { return get16(p) | get16(p + 2) << 16; }

/// One .npy file (format 1.0): magic, header dict padded to 64 bytes, data.
std::vector<uint8_t> npy_bytes(const NpyArray& a) {
  std::string header = std::string("{'descr': '") + (a.is_bytes ? "|u1" : "<f4") +
                       "', 'fortran_order': False, 'shape': " + shape_text(a.shape) + ", }";
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  put16(out, static_cast<uint32_t>(header.size()));
  out.insert(out.end(), header.begin(), header.end());
  if (a.is_bytes) {
    out.insert(out.end(), a.bytes.begin(), a.bytes.end());
  } else {
    const size_t at = out.size();
    out.resize(at + a.values.size() * 4);
    if (!a.values.empty()) std::memcpy(out.data() + at, a.values.data(), a.values.size() * 4);  // little-endian hosts
  }
  return out;
}

[[noreturn]] void bad(const std::string& what) { throw NpzError("not a usable .npz file: " + what); }

/// The dict of an npy header: descr, fortran_order and shape (what np.save writes).
struct NpyHeader {
  std::string descr;
  bool fortran = false;
  std::vector<uint64_t> shape;
};

NpyHeader parse_header(const std::string& h, const std::string& name) {
  auto value_of = [&](const char* key) -> size_t {
    const size_t k = h.find(std::string("'") + key + "'");
    if (k == std::string::npos) bad("array '" + name + "' has no '" + key + "' in its header");
    const size_t colon = h.find(':', k);
    if (colon == std::string::npos) bad("array '" + name + "': its header is malformed");
    size_t v = colon + 1;
    while (v < h.size() && h[v] == ' ') ++v;
    return v;
  };
  NpyHeader out;
  size_t v = value_of("descr");
  if (v >= h.size() || (h[v] != '\'' && h[v] != '"')) bad("array '" + name + "': its dtype is not a simple type");
  const size_t end = h.find(h[v], v + 1);
  if (end == std::string::npos || end - v > 16) bad("array '" + name + "': its header is malformed");
  out.descr = h.substr(v + 1, end - v - 1);
  v = value_of("fortran_order");
  out.fortran = h.compare(v, 4, "True") == 0;
  if (!out.fortran && h.compare(v, 5, "False") != 0) bad("array '" + name + "': its header is malformed");
  v = value_of("shape");
  if (v >= h.size() || h[v] != '(') bad("array '" + name + "': its shape is not a tuple");
  const size_t close = h.find(')', v);
  if (close == std::string::npos) bad("array '" + name + "': its shape is not a tuple");
  size_t i = v + 1;
  while (i < close) {
    while (i < close && (h[i] == ' ' || h[i] == ',')) ++i;
    if (i >= close) break;
    uint64_t d = 0;
    size_t digits = 0;
    while (i < close && h[i] >= '0' && h[i] <= '9') {
      if (++digits > 10) bad("array '" + name + "': a dimension is too large");
      d = d * 10 + uint64_t(h[i++] - '0');
    }
    if (digits == 0) bad("array '" + name + "': its shape holds something other than whole numbers");
    if (out.shape.size() == 8) bad("array '" + name + "' has more than 8 dimensions");
    out.shape.push_back(d);
  }
  return out;
}

/// One entry's .npy bytes into an array; sizes checked before allocating.
NpyArray parse_npy(const uint8_t* p, uint64_t size, const std::string& name, uint64_t& budget) {
  static const uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  if (size < 10 || std::memcmp(p, magic, 6) != 0) bad("entry '" + name + ".npy' is not a NumPy array");
  const uint8_t major = p[6];
  uint64_t header_len, at;
  if (major == 1) {
    header_len = get16(p + 8);
    at = 10;
  } else if (major == 2 || major == 3) {
    if (size < 12) bad("entry '" + name + ".npy' is cut short");
    header_len = get32(p + 8);
    at = 12;
  } else {
    bad("array '" + name + "' uses npy format version " + std::to_string(major) + " (1, 2 or 3 expected)");
  }
  if (header_len > 65536 || at + header_len > size) bad("array '" + name + "': its header runs past the entry");
  const NpyHeader h = parse_header(std::string(reinterpret_cast<const char*>(p + at), header_len), name);
  at += header_len;
  if (h.fortran && h.shape.size() > 2)
    bad("array '" + name + "' is in Fortran order with more than 2 dimensions: save np.ascontiguousarray(a)");
  NpyArray a;
  a.name = name;
  a.shape = h.shape;
  uint64_t count = 1;
  for (uint64_t d : h.shape) {
    if (d != 0 && count > kMaxNpzValues / d) bad("array '" + name + "' " + shape_text(h.shape) + " is too large");
    count *= d;
  }
  uint64_t item;
  if (h.descr == "<f4") {
    item = 4;
  } else if (h.descr == "|u1" || h.descr == "<u1") {
    item = 1;
    a.is_bytes = true;
  } else {
    const std::string kind = h.descr == "<f8" ? "float64" : h.descr == "<f2" ? "float16" : printable(h.descr);
    throw NpzError("array '" + name + "' holds " + kind + " values; the playground reads float32: save " +
                   "a.astype(np.float32) (PyTorch: t.float().numpy())");
  }
  if (count > budget) bad("its arrays hold more than " + std::to_string(kMaxNpzValues) + " values in all");
  if (count * item != size - at)
    bad("array '" + name + "' " + shape_text(h.shape) + " needs " + std::to_string(count * item) +
        " bytes, its entry holds " + std::to_string(size - at));
  budget -= count;
  if (a.is_bytes) {
    a.bytes.assign(reinterpret_cast<const char*>(p + at), count);
  } else {
    a.values.resize(count);
    if (count) std::memcpy(a.values.data(), p + at, count * 4);
    if (h.fortran && h.shape.size() == 2) {  // column-major (a transposed view, such as a Keras kernel's .T)
      const uint64_t rows = h.shape[0], cols = h.shape[1];
      std::vector<float> c(count);
      for (uint64_t r = 0; r < rows; ++r)
        for (uint64_t k = 0; k < cols; ++k) c[r * cols + k] = a.values[k * rows + r];
      a.values.swap(c);
    }
  }
  return a;
}

}  // namespace

std::string shape_text(const std::vector<uint64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

std::vector<uint8_t> write_npz(const std::vector<NpyArray>& arrays) {
  std::vector<std::pair<std::string, std::vector<uint8_t>>> files;
  for (const NpyArray& a : arrays) files.push_back({a.name + ".npy", npy_bytes(a)});
  return write_zip(files);
}

std::vector<uint8_t> write_zip(const std::vector<std::pair<std::string, std::vector<uint8_t>>>& files) {
  std::vector<uint8_t> out, central;
  for (const auto& entry : files) {
    const std::string& file = entry.first;  // (not structured bindings: a lambda below uses them)
    const std::vector<uint8_t>& body = entry.second;
    const uint32_t crc = crc32(body.data(), body.size()), offset = static_cast<uint32_t>(out.size());
    auto header = [&](std::vector<uint8_t>& o, bool is_central) {
      put32(o, is_central ? 0x02014b50 : 0x04034b50);
      if (is_central) put16(o, 20);  // made by
      put16(o, 20);                   // needed: 2.0
      put16(o, 0);                    // flags
      put16(o, 0);                    // stored
      put16(o, 0);                    // time
      put16(o, 0x21);                 // date: 1980-01-01
      put32(o, crc);
      put32(o, static_cast<uint32_t>(body.size()));
      put32(o, static_cast<uint32_t>(body.size()));
      put16(o, static_cast<uint32_t>(file.size()));
      put16(o, 0);  // extra
      if (is_central) {
        put16(o, 0);  // comment
        put16(o, 0);  // disk
        put16(o, 0);  // internal attributes
        put32(o, 0);  // external attributes
        put32(o, offset);
      }
      o.insert(o.end(), file.begin(), file.end());
    };
    header(out, false);
    out.insert(out.end(), body.begin(), body.end());
    header(central, true);
  }
  const uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out.insert(out.end(), central.begin(), central.end());
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(files.size()));
  put16(out, static_cast<uint32_t>(files.size()));
  put32(out, static_cast<uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

std::vector<NpyArray> read_npz(const uint8_t* data, size_t size) {
  const uint64_t n = size;
  if (n < 22) bad("it is too short to be a zip archive");
  // The end-of-central-directory record: the last 22 bytes, or before a comment of up to 65,535.
  uint64_t eocd = n;
  for (uint64_t at = n - 22 + 1; at-- > 0 && n - at <= 22 + 65535;)
    if (get32(data + at) == 0x06054b50) {
      eocd = at;
      break;
    }
  if (eocd == n) bad("it is not a zip archive (no end-of-central-directory record)");
  const uint8_t* e = data + eocd;
  const uint64_t entries = get16(e + 10), cd_size = get32(e + 12), cd_offset = get32(e + 16);
  if (entries == 0xffff || cd_size == 0xffffffffu || cd_offset == 0xffffffffu)
    bad("it is a zip64 archive, which the playground does not read");
  if (get16(e + 4) != 0 || get16(e + 6) != 0 || get16(e + 8) != entries) bad("it spans several disks");
  if (entries == 0) bad("it holds no arrays");
  if (entries > kMaxNpzArrays) bad("it holds " + std::to_string(entries) + " entries (at most " +
                                   std::to_string(kMaxNpzArrays) + ")");
  if (cd_offset + cd_size > eocd) bad("its central directory runs past the end of the file");
  std::vector<NpyArray> out;
  uint64_t budget = kMaxNpzValues, at = cd_offset;
  for (uint64_t k = 0; k < entries; ++k) {
    if (at + 46 > cd_offset + cd_size || get32(data + at) != 0x02014b50) bad("its central directory is damaged");
    const uint8_t* c = data + at;
    const uint32_t method = get16(c + 10), crc = get32(c + 16);
    const uint64_t csize = get32(c + 20), usize = get32(c + 24), name_len = get16(c + 28),
                   extra = get16(c + 30), comment = get16(c + 32), local = get32(c + 42);
    if (at + 46 + name_len + extra + comment > cd_offset + cd_size) bad("its central directory is damaged");
    std::string file(reinterpret_cast<const char*>(c + 46), name_len);
    at += 46 + name_len + extra + comment;
    if (get16(c + 8) & 1) bad("entry '" + printable(file) + "' is encrypted");
    if (method == 8)
      bad("entry '" + printable(file) + "' is compressed (np.savez_compressed): save it with np.savez instead");
    if (method != 0) bad("entry '" + printable(file) + "' uses zip method " + std::to_string(method));
    if (csize != usize) bad("entry '" + printable(file) + "' has a stored size that differs from its size");
    if (file.size() < 5 || file.size() > 200 || file.compare(file.size() - 4, 4, ".npy") != 0)
      bad("entry '" + printable(file) + "' is not a .npy file");
    if (local + 30 > cd_offset || get32(data + local) != 0x04034b50)
      bad("entry '" + printable(file) + "': its local header is missing");
    const uint64_t begin = local + 30 + get16(data + local + 26) + get16(data + local + 28);
    if (begin + csize > cd_offset) bad("entry '" + printable(file) + "' runs past the archive's data");
    if (crc32(data + begin, csize) != crc) bad("entry '" + printable(file) + "' is damaged (CRC mismatch)");
    const std::string name = file.substr(0, file.size() - 4);
    for (unsigned char ch : name)  // what np.savez and state_dict names use: no escapes, no surprises
      if (!std::isalnum(ch) && ch != '.' && ch != '_' && ch != '-' && ch != '/')
        bad("entry '" + printable(file) + "': array names use letters, digits and . _ - / only");
    for (const auto& a : out)
      if (a.name == name) bad("it holds two arrays named '" + printable(name) + "'");
    out.push_back(parse_npy(data + begin, csize, name, budget));
  }
  return out;
}

}  // namespace nn

// libFuzzer: an .npz file (a zip of .npy arrays). Each entry's CRC fields are
// set to match its bytes first (where the directory can be walked), so the
// fuzzer reaches the npy parser. Whatever reads must write back to an archive
// that reads to the same arrays, and loading it into a small network must
// either succeed or be refused with a one-line message.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "nn/notebook.h"
#include "nn/npz.h"
#include "nn/weights_io.h"

namespace {
uint32_t get(const std::vector<uint8_t>& f, uint64_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | f[at + i];
  return v;
}
void put32(std::vector<uint8_t>& f, uint64_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) f[at + i] = uint8_t(v >> (8 * i));
}
/// Patches each central and local CRC to the CRC of the entry's bytes, when the sizes allow.
void fix_crcs(std::vector<uint8_t>& f) {
  const uint64_t n = f.size();
  if (n < 22) return;
  const uint64_t e = n - 22;
  if (get(f, e, 4) != 0x06054b50) return;
  uint64_t at = get(f, e + 16, 4);
  const uint64_t end = at + get(f, e + 12, 4), entries = get(f, e + 10, 2);
  for (uint64_t k = 0; k < entries && at + 46 <= end && end <= e; ++k) {
    const uint64_t size = get(f, at + 20, 4), local = get(f, at + 42, 4);
    if (local + 30 <= n) {
      const uint64_t begin = local + 30 + get(f, local + 26, 2) + get(f, local + 28, 2);
      if (begin + size <= n) {
        const uint32_t crc = nn::crc32(f.data() + begin, size);
        put32(f, at + 16, crc);
        put32(f, local + 14, crc);
      }
    }
    at += 46 + get(f, at + 28, 2) + get(f, at + 30, 2) + get(f, at + 32, 2);
  }
}
bool one_line(const char* s) { return std::strchr(s, '\n') == nullptr; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> file(data, data + size);
  fix_crcs(file);
  std::vector<nn::NpyArray> arrays;
  try {
    arrays = nn::read_npz(file.data(), file.size());
  } catch (const nn::NpzError& e) {
    if (!one_line(e.what())) std::abort();
    return 0;
  }
  // Written back, it reads to the same arrays.
  const auto again = nn::write_npz(arrays);
  const auto back = nn::read_npz(again.data(), again.size());
  if (back.size() != arrays.size()) std::abort();
  for (size_t i = 0; i < back.size(); ++i)
    if (back[i].name != arrays[i].name || back[i].shape != arrays[i].shape || back[i].bytes != arrays[i].bytes ||
        back[i].values.size() != arrays[i].values.size() ||
        (!arrays[i].values.empty() &&
         std::memcmp(back[i].values.data(), arrays[i].values.data(), 4 * arrays[i].values.size()) != 0))
      std::abort();
  // Into a small network: loaded, or refused with one line and the model unchanged.
  nn::ModelSpec spec;
  spec.inputs = 4;
  spec.outputs = 2;
  spec.hidden = {{3, "prelu", {}}};
  nn::Model<float> model(nn::plan_model(spec), 1);
  try {
    nn::npz_to_weights(arrays, model);
  } catch (const nn::NpzError& e) {
    if (!one_line(e.what())) std::abort();
  }
  return 0;
}

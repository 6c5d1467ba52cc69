// libFuzzer: a weights file. The length and CRC fields are set to match the
// payload first, so the fuzzer reaches the spec and tensor parser. A file that
// loads must save to a file that loads back to the same model (a version 2
// float32 file saves to itself), and predict without crashing.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "../cpp/hostile_files.h"
#include "nn/weights_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> file(data, data + size);
  hostile::fix_header(file);
  std::unique_ptr<nn::Model<float>> model;
  try {
    model = nn::load_model(file.data(), file.size());
  } catch (const nn::WeightsError& e) {
    for (const char* c = e.what(); *c; ++c)
      if (*c == '\n') std::abort();  // one line, names escaped
    return 0;
  }
  // Saving is a fixed point: what this build writes, it reads back to the same bytes.
  const auto saved = nn::save_weights(*model);
  if (nn::save_weights(*nn::load_model(saved.data(), saved.size())) != saved) std::abort();
  const bool v2_float32 = file[4] == 2 && nn::save_weights(*model, nn::WeightsEncoding::f32).size() == file.size();
  if (v2_float32 && saved != file) std::abort();
  if (model->parameter_count() > nn::kMaxParameters) std::abort();
  if (model->parameter_count() < 200000) {
    nn::Mat<float> x = nn::Mat<float>::from_shape({2, static_cast<size_t>(model->spec().inputs)});
    x.fill(0.5f);
    model->predict(x);
  }
  return 0;
}

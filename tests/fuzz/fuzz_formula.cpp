// libFuzzer: a learner's formula. It compiles or is refused with a message and
// a position inside it; a compiled one evaluates without crashing.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "nn/formula.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto f = nn::Formula::compile(text);
    float x[3] = {-3.f, 0.f, 2.5f}, y[3], dy[3] = {1, 1, 1}, dx[3];
    f->forward(x, y, 3);
    f->backward(x, dy, dx, 3);
    (void)f->f(0.25);
  } catch (const nn::FormulaError& e) {
    if (std::string(e.what()).empty() || e.position > std::max<size_t>(size, nn::kMaxFormulaLength)) std::abort();
  }
  return 0;
}

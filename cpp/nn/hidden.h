// A hidden layer worked out once. From its spec (units, activation id,
// parameters, formula) plan_hidden() finds the table row, checks the
// parameters, compiles a custom formula, and knows Maxout's k, the layer's
// tensors, its share of the training memory and how to build its activation
// stage. The model, the memory estimate, the cost timer and the weights files
// all ask a plan; none of them works these out again.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "activations.h"
#include "layers.h"

namespace nn {

/// One hidden layer: width, activation id from the table, its parameters.
struct HiddenSpec {
  int units = 512;
  std::string activation = "relu";
  std::map<std::string, double> params;
  std::string formula;  ///< for activation "custom": f(x) in the language of formula.h
};

constexpr int kMaxUnits = 4096;

/// One trainable tensor of a spec, in the order of Model::params() and of
/// weights files.
struct TensorLayout {
  std::string name;
  uint64_t size;
  uint64_t columns;  ///< the last dimension (output units for a kernel; size for a vector)
};

/// A hidden-layer spec, checked and worked out (see plan_hidden).
struct HiddenLayerPlan {
  const ActivationInfo* info = nullptr;
  ActParams params;  ///< checked against the table; for `custom`, the compiled formula
  int units = 0;
  int pieces = 1;  ///< Maxout's k (its parameter), else 1

  /// Outputs of the Dense before the activation: units·k.
  uint64_t dense_width() const { return static_cast<uint64_t>(units) * static_cast<uint64_t>(pieces); }

  /// Appends the layer's tensors (Dense kernel and bias, PReLU's alpha) for
  /// `inputs` inputs, named after the layer's `index`; 64-bit sizes, nothing allocated.
  void add_tensors(uint64_t inputs, int index, std::vector<TensorLayout>& out) const {
    const uint64_t width = dense_width();
    const std::string dense = "dense" + std::to_string(index);
    out.push_back({dense + "/kernel", inputs * width, width});
    out.push_back({dense + "/bias", width, width});
    if (info->layer == LayerKind::prelu)
      out.push_back({"prelu" + std::to_string(index) + "/alpha", uint64_t(units), uint64_t(units)});
  }

  /// Floats per batch row the layer keeps while training: the Dense output and
  /// its gradient (units·k each), the activation's output and input gradient,
  /// the slopes a smooth activation keeps, and the Dense input gradient.
  uint64_t training_floats_per_row(uint64_t inputs) const {
    const uint64_t width = dense_width();
    const uint64_t slopes = info->layer == LayerKind::elementwise && keeps_slopes(info->kind) ? units : 0;
    return 2 * width + static_cast<uint64_t>(units) + width + slopes + inputs;
  }

  /// The activation stage that follows the layer's Dense (named after `index`).
  template <class T>
  std::unique_ptr<Layer<T>> make_activation(int index) const {
    const size_t u = static_cast<size_t>(units);
    if (info->layer == LayerKind::prelu)
      return std::make_unique<PReLULayer<T>>(u, static_cast<T>(params.v[0]), "prelu" + std::to_string(index));
    if (info->layer == LayerKind::maxout) return std::make_unique<MaxoutLayer<T>>(u, pieces);
    return std::make_unique<ActivationLayer<T>>(info->kind, params, u);
  }
};

/// Checks hidden layer `index` (from 0; named from 1 in messages) and works it
/// out. Throws std::invalid_argument (a FormulaError for a refused formula).
inline HiddenLayerPlan plan_hidden(const HiddenSpec& h, size_t index = 0) {
  if (h.units < 1 || h.units > kMaxUnits)
    throw std::invalid_argument("hidden layer " + std::to_string(index + 1) + ": units must be in [1, " +
                                std::to_string(kMaxUnits) + "], got " + std::to_string(h.units));
  HiddenLayerPlan plan;
  plan.info = &activation_info(h.activation);
  plan.params = resolve_params(*plan.info, h.params);
  if (plan.info->kind == Activation::custom) plan.params.formula = Formula::compile(h.formula);
  plan.units = h.units;
  plan.pieces = plan.info->layer == LayerKind::maxout ? static_cast<int>(plan.params.v[0]) : 1;
  return plan;
}

}  // namespace nn

// Optimizers with Keras' update rules and defaults. Each keeps its state per
// parameter tensor; the trainer owns the step count t (1 for the first update)
// and passes it in, so Adam's bias correction uses the number of updates.
#pragma once
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels.h"
#include "layers.h"
#include "text.h"

namespace nn {

/// Settings. An unset learning rate takes the Keras default of the optimizer
/// (SGD 0.01, RMSprop 0.001, Adam 0.001).
struct OptimizerSpec {
  std::string kind = "rmsprop";  ///< "sgd", "rmsprop" or "adam"
  std::optional<double> learning_rate;
  double momentum = 0.0;  ///< SGD
  bool nesterov = false;  ///< SGD
  double rho = 0.9;       ///< RMSprop
  double epsilon = 1e-7;  ///< RMSprop, Adam
  double beta_1 = 0.9;    ///< Adam
  double beta_2 = 0.999;  ///< Adam

  double lr() const {
    if (learning_rate) return *learning_rate;
    return kind == "sgd" ? 0.01 : 0.001;
  }
};

/// Throws std::invalid_argument for an impossible setting.
inline void validate(const OptimizerSpec& s) {
  if (s.kind != "sgd" && s.kind != "rmsprop" && s.kind != "adam")
    throw std::invalid_argument("unknown optimizer '" + printable(s.kind) + "' (expected sgd, rmsprop or adam)");
  const double lr = s.lr();
  if (!std::isfinite(lr) || lr <= 0 || lr > 10)
    throw std::invalid_argument("learning rate must be a number in (0, 10], got " + std::to_string(lr));
  auto in01 = [](double v, const char* what, bool closed_low) {
    if (!std::isfinite(v) || v < 0 || v >= 1 || (!closed_low && v == 0))
      throw std::invalid_argument(std::string(what) + " must be in " + (closed_low ? "[0, 1)" : "(0, 1)") + ", got " +
                                  std::to_string(v));
  };
  in01(s.momentum, "momentum", true);
  in01(s.rho, "rho", false);
  in01(s.beta_1, "beta_1", true);
  in01(s.beta_2, "beta_2", false);
  if (!std::isfinite(s.epsilon) || s.epsilon <= 0 || s.epsilon > 1)
    throw std::invalid_argument("epsilon must be in (0, 1], got " + std::to_string(s.epsilon));
}

/// Applies updates in place (the element-wise rules live in kernels.h, with SIMD
/// versions for float). For each tensor it also records the L2 norm of the last
/// update, for the update-to-weight ratio diagnostic.
template <class T>
class Optimizer {
 public:
  explicit Optimizer(OptimizerSpec spec) : spec_(std::move(spec)) { validate(spec_); }

  const OptimizerSpec& spec() const { return spec_; }

  /// Clears the state (moments, velocities).
  void reset() { slots1_.clear(), slots2_.clear(); }

  /// One update of every tensor, t = 1, 2, ... the number of this update.
  void step(const std::vector<ParamRef<T>>& params, long long t) {
    if (slots1_.size() != params.size()) {
      slots1_.assign(params.size(), {});
      slots2_.assign(params.size(), {});
      for (size_t i = 0; i < params.size(); ++i) {
        slots1_[i].assign(params[i].size, T(0));
        if (spec_.kind == "adam") slots2_[i].assign(params[i].size, T(0));
      }
    }
    last_update_norm_.assign(params.size(), 0.0);
    const T lr = static_cast<T>(spec_.lr());
    for (size_t k = 0; k < params.size(); ++k) {
      T* w = params[k].value;
      const T* g = params[k].grad;
      T* s1 = slots1_[k].data();
      const size_t n = params[k].size;
      double sq;  // sum of squared updates
      if (spec_.kind == "sgd") {
        sq = spec_.momentum == 0 ? sgd_update(w, g, n, lr)
                                 : momentum_update(w, g, s1, n, lr, static_cast<T>(spec_.momentum), spec_.nesterov);
      } else if (spec_.kind == "rmsprop") {
        sq = rmsprop_update(w, g, s1, n, lr, static_cast<T>(spec_.rho), static_cast<T>(spec_.epsilon));
      } else {
        // Bias correction from the update count t, which the trainer owns.
        const double b1 = spec_.beta_1, b2 = spec_.beta_2;
        const T alpha =
            static_cast<T>(spec_.lr() * std::sqrt(1 - std::pow(b2, double(t))) / (1 - std::pow(b1, double(t))));
        sq = adam_update(w, g, s1, slots2_[k].data(), n, alpha, static_cast<T>(1 - b1), static_cast<T>(1 - b2),
                         static_cast<T>(spec_.epsilon));
      }
      last_update_norm_[k] = std::sqrt(sq);
    }
  }

  /// L2 norm of the last update of each tensor (same order as params).
  const std::vector<double>& last_update_norms() const { return last_update_norm_; }

 private:
  OptimizerSpec spec_;
  std::vector<std::vector<T>> slots1_, slots2_;
  std::vector<double> last_update_norm_;
};

}  // namespace nn

// The 2-D view's network: a few features of a point (x1, x2, x1², ...) in, a
// few small hidden layers (each its own activation from the table), and one
// output: tanh with the sign as the class (classification, labels ±1), or
// linear (regression); squared loss 0.5 (out − target)², as TensorFlow
// Playground. L1 or L2 regularisation on the kernels. The same Model, layers,
// plans and optimizers as the digits' network; templated on the scalar type so
// the gradient checks run this very code in double.
//
// The heatmaps: evaluate_grid() runs every point of a grid through a copy of
// the network in chunks of rows (the SIMD GEMM and activation kernels) and
// keeps every neuron's output (and the output's logit), into buffers made when
// the grid is set: no allocation per call.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "model.h"
#include "optimizers.h"
#include "rng.h"

namespace nn {

constexpr int kPlaneMaxInputs = 16;
constexpr int kPlaneMaxLayers = 6;
constexpr int kPlaneMaxUnits = 8;
constexpr size_t kPlaneMaxPoints = 10000;  ///< training and test points together
constexpr size_t kPlaneMaxGrid = 200 * 200;
constexpr int kPlaneMaxBatch = 30;

/// Everything that defines a 2-D run.
struct PlaneSpec {
  int inputs = 2;  ///< features per point
  std::vector<HiddenSpec> hidden = {{4, "tanh", {}}, {2, "tanh", {}}};
  bool regression = false;              ///< else classification (labels ±1)
  std::string regularization = "none";  ///< "none", "l1" or "l2"
  double regularization_rate = 0;
  OptimizerSpec optimizer = {"sgd", 0.03};
  int batch_size = 10;
  uint64_t seed = 1;
  std::string init = "glorot_uniform";
  double bias_init = 0.1;  ///< TensorFlow Playground's; −2 kills ReLU units (lesson 12)
};

/// Checks a plane spec (the layer sizes the view offers, and everything the
/// digits' network checks); returns its model's plan. Throws std::invalid_argument.
inline ModelPlan validate(const PlaneSpec& s) {
  if (s.inputs < 1 || s.inputs > kPlaneMaxInputs)
    throw std::invalid_argument("the plane takes 1 to " + std::to_string(kPlaneMaxInputs) + " features, got " +
                                std::to_string(s.inputs));
  if (s.hidden.size() > size_t(kPlaneMaxLayers))
    throw std::invalid_argument("at most " + std::to_string(kPlaneMaxLayers) + " hidden layers in the plane");
  for (size_t i = 0; i < s.hidden.size(); ++i)
    if (s.hidden[i].units > kPlaneMaxUnits)
      throw std::invalid_argument("hidden layer " + std::to_string(i + 1) + ": at most " +
                                  std::to_string(kPlaneMaxUnits) + " neurons in the plane");
  if (s.regularization != "none" && s.regularization != "l1" && s.regularization != "l2")
    throw std::invalid_argument("unknown regularization '" + printable(s.regularization) + "' (none, l1 or l2)");
  if (!std::isfinite(s.regularization_rate) || s.regularization_rate < 0 || s.regularization_rate > 10)
    throw std::invalid_argument("regularization rate must be in [0, 10], got " + short_number(s.regularization_rate));
  if (s.batch_size < 1 || s.batch_size > kPlaneMaxBatch)
    throw std::invalid_argument("batch size must be in [1, " + std::to_string(kPlaneMaxBatch) + "], got " +
                                std::to_string(s.batch_size));
  validate(s.optimizer);
  ModelSpec m;
  m.inputs = s.inputs;
  m.outputs = 1;
  m.hidden = s.hidden;
  m.init = s.init;
  m.bias_init = s.bias_init;
  return plan_model(m);
}

/// The plane's network and its trainer.
template <class T>
class PlaneNet {
 public:
  explicit PlaneNet(const PlaneSpec& spec) : PlaneNet(spec, validate(spec)) {}

  /// Points: `features` row-major (count × inputs), `targets` (±1 for classes,
  /// any value for regression); the first `train` are the training set, the
  /// rest the test set. Sizes checked before anything is copied.
  void set_points(const float* features, size_t feature_count, const float* targets, size_t count, size_t train) {
    if (count > kPlaneMaxPoints)
      throw std::invalid_argument(std::to_string(count) + " points: at most " + std::to_string(kPlaneMaxPoints));
    if (train > count) throw std::invalid_argument("more training points than points");
    if (uint64_t(count) * uint64_t(spec_.inputs) != uint64_t(feature_count))
      throw std::invalid_argument("features: " + std::to_string(feature_count) + " values for " +
                                  std::to_string(count) + " points of " + std::to_string(spec_.inputs));
    for (size_t i = 0; i < feature_count; ++i)
      if (!std::isfinite(features[i])) throw std::invalid_argument("a feature is NaN or infinite");
    for (size_t i = 0; i < count; ++i)
      if (!std::isfinite(targets[i])) throw std::invalid_argument("a target is NaN or infinite");
    x_.assign(features, features + feature_count);
    t_.assign(targets, targets + count);
    train_ = train;
    order_.resize(train);
    for (size_t i = 0; i < train; ++i) order_[i] = static_cast<uint32_t>(i);
    rng_.shuffle(order_);
    position_ = 0;
  }

  /// Runs n mini-batches (an epoch is one pass over the training points);
  /// returns false (and changes nothing more) once the loss is not finite.
  bool train_steps(int n) {
    if (train_ == 0) throw std::invalid_argument("no training points");
    for (int s = 0; s < n; ++s) {
      const size_t b = std::min(static_cast<size_t>(spec_.batch_size), train_ - position_);
      const T loss = batch_gradient(order_.data() + position_, b);
      if (!std::isfinite(static_cast<double>(loss))) return false;
      optimizer_.step(model_.params(), ++step_);
      position_ += b;
      if (position_ >= train_) {
        rng_.shuffle(order_);
        position_ = 0;
        ++epoch_;
      }
    }
    return true;
  }

  /// Forward and backward on the points `index[0..n)`: assigns every gradient
  /// (regularisation included) and returns the batch's data loss plus the
  /// regularisation term (what the gradient is the gradient of).
  T batch_gradient(const uint32_t* index, size_t n) {
    ensure_shape(batch_x_, n, static_cast<size_t>(spec_.inputs));
    for (size_t i = 0; i < n; ++i)
      std::copy_n(x_.data() + size_t(index[i]) * spec_.inputs, spec_.inputs, batch_x_.data() + i * spec_.inputs);
    const Mat<T>& z = model_.forward(batch_x_);
    ensure_shape(dz_, n, 1);
    T loss = 0;
    for (size_t i = 0; i < n; ++i) {
      const T target = static_cast<T>(t_[index[i]]);
      const T out = spec_.regression ? z.data()[i] : std::tanh(z.data()[i]);
      loss += T(0.5) * (out - target) * (out - target);
      const T dout = (out - target) / T(n);
      dz_.data()[i] = spec_.regression ? dout : dout * (T(1) - out * out);
    }
    model_.backward(dz_);
    return loss / T(n) + regularize();
  }

  /// Mean squared loss 0.5 (out − target)² on the training or the test points
  /// (0 when there are none).
  double loss(bool test) {
    const size_t from = test ? train_ : 0, to = test ? t_.size() : train_;
    double sum = 0;
    run_chunks(x_.data() + from * spec_.inputs, to - from, [&](size_t at, size_t n) {
      const T* z = eval_.head().output().data();
      for (size_t i = 0; i < n; ++i) {
        const double out = spec_.regression ? double(z[i]) : std::tanh(double(z[i]));
        sum += 0.5 * (out - t_[from + at + i]) * (out - t_[from + at + i]);
      }
    });
    return to > from ? sum / double(to - from) : 0.0;
  }

  /// 1 for each hidden unit (in layer order) through which no gradient passes
  /// on any training point: f'(z) == 0 on all of them (the table's flows();
  /// PReLU and Maxout never are).
  const std::vector<uint8_t>& dead_units() {
    dead_.assign(neurons_, 1);
    run_chunks(x_.data(), train_, [&](size_t, size_t n) {
      size_t unit = 0;
      for (const auto& b : eval_.blocks()) {
        const HiddenLayerPlan& plan = *b.plan;
        const Mat<T>& z = b.dense->output();
        const size_t width = z.shape(1);
        for (int j = 0; j < plan.units; ++j, ++unit)
          for (size_t i = 0; i < n && dead_[unit]; ++i)
            if (passes_gradient(plan, z.data()[i * width + j])) dead_[unit] = 0;
      }
    });
    return dead_;
  }

  /// The grid whose every point evaluate_grid() runs: row-major features (count × inputs).
  void set_grid(const float* features, size_t feature_count, size_t count) {
    if (count > kPlaneMaxGrid)
      throw std::invalid_argument("a grid of " + std::to_string(count) + " points: at most " +
                                  std::to_string(kPlaneMaxGrid));
    if (uint64_t(count) * uint64_t(spec_.inputs) != uint64_t(feature_count))
      throw std::invalid_argument("grid features do not match the grid's points");
    grid_x_.assign(features, features + feature_count);
    grid_count_ = count;
    grid_out_.assign((neurons_ + 2) * count, 0.f);
    evaluate_grid();  // the evaluation's buffers are made here, once
  }

  /// Every neuron's output at every grid point: hidden units in layer order,
  /// then the output, then the output's logit, each `grid_count` values
  /// (row-major over the grid). No allocation.
  const float* evaluate_grid() {
    run_chunks(grid_x_.data(), grid_count_, [&](size_t at, size_t n) {
      size_t unit = 0;
      for (const auto& b : eval_.blocks()) {
        const Mat<T>& a = b.act->output();
        const size_t width = a.shape(1);
        for (size_t j = 0; j < width; ++j, ++unit)
          for (size_t i = 0; i < n; ++i)
            grid_out_[unit * grid_count_ + at + i] = static_cast<float>(a.data()[i * width + j]);
      }
      const T* z = eval_.head().output().data();
      for (size_t i = 0; i < n; ++i) {
        grid_out_[neurons_ * grid_count_ + at + i] = static_cast<float>(spec_.regression ? z[i] : std::tanh(z[i]));
        grid_out_[(neurons_ + 1) * grid_count_ + at + i] = static_cast<float>(z[i]);
      }
    });
    return grid_out_.data();
  }

  size_t neurons() const { return neurons_; }
  size_t grid_count() const { return grid_count_; }
  long long step() const { return step_; }
  int epoch() const { return epoch_; }
  const PlaneSpec& spec() const { return spec_; }
  Model<T>& model() { return model_; }

 private:
  PlaneNet(const PlaneSpec& spec, const ModelPlan& plan)
      : spec_(spec),
        model_(plan, spec.seed),
        eval_(plan, spec.seed),
        optimizer_(spec.optimizer),
        rng_(spec.seed ^ 0x2545F4914F6CDD1Dull),
        chunk_(Mat<T>::from_shape({kEvalChunk, static_cast<size_t>(spec.inputs)})) {
    for (const auto& b : model_.blocks()) neurons_ += static_cast<size_t>(b.plan->units);
    eval_.keep_slopes(false);  // the grid copy only infers
    auto src = model_.params(), dst = eval_.params();
    for (size_t k = 0; k < src.size(); ++k) copies_.push_back({src[k].value, dst[k].value, src[k].size});
  }

  /// Runs `count` points (row-major features) through a copy of the network,
  /// kEvalChunk rows at a time (the last chunk padded, so every forward has one
  /// shape and nothing is allocated after the first); `take(at, n)` reads each
  /// chunk's n rows from eval_'s layers.
  template <class Take>
  void run_chunks(const float* x, size_t count, Take&& take) {
    for (const auto& c : copies_) std::copy_n(c.from, c.size, c.to);
    const size_t in = static_cast<size_t>(spec_.inputs);
    for (size_t at = 0; at < count; at += kEvalChunk) {
      const size_t n = std::min(kEvalChunk, count - at);
      for (size_t i = 0; i < n * in; ++i) chunk_.data()[i] = static_cast<T>(x[at * in + i]);
      std::fill(chunk_.data() + n * in, chunk_.data() + kEvalChunk * in, T(0));
      eval_.forward(chunk_);
      take(at, n);
    }
  }

  /// Whether a unit of this layer passes a gradient at pre-activation z.
  static bool passes_gradient(const HiddenLayerPlan& plan, T z) {
    if (plan.info->layer != LayerKind::elementwise) return true;  // PReLU's alpha, Maxout's winner
    return visit_activation(plan.info->kind, [&](auto fn) { return decltype(fn)::flows(z, plan.params); });
  }

  /// Adds the regularisation's gradient to every kernel's and returns its term of the loss.
  T regularize() {
    if (spec_.regularization == "none" || spec_.regularization_rate == 0) return T(0);
    const T rate = static_cast<T>(spec_.regularization_rate);
    const bool l1 = spec_.regularization == "l1";
    T term = 0;
    for (auto& layer : model_.layers()) {
      auto* d = dynamic_cast<Dense<T>*>(layer.get());
      if (!d) continue;
      for (size_t i = 0; i < d->W.size(); ++i) {
        const T w = d->W.data()[i];
        if (l1) {
          term += rate * std::fabs(w);
          d->dW.data()[i] += rate * (w > T(0) ? T(1) : w < T(0) ? T(-1) : T(0));
        } else {
          term += T(0.5) * rate * w * w;
          d->dW.data()[i] += rate * w;
        }
      }
    }
    return term;
  }

  PlaneSpec spec_;
  static constexpr size_t kEvalChunk = 1024;
  Model<T> model_;
  Model<T> eval_;  ///< the same network, weights copied before each evaluation: its batch shape never changes
  Optimizer<T> optimizer_;
  Rng rng_;
  std::vector<float> x_, t_, grid_x_, grid_out_;
  std::vector<uint32_t> order_;
  std::vector<uint8_t> dead_;
  Mat<T> batch_x_, dz_, chunk_;
  struct Copy {
    const T* from;
    T* to;
    size_t size;
  };
  std::vector<Copy> copies_;  ///< the trained tensors into eval_'s, before each evaluation
  size_t train_ = 0, position_ = 0, neurons_ = 0, grid_count_ = 0;
  long long step_ = 0;
  int epoch_ = 0;
};

}  // namespace nn

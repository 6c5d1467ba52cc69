// A sequential network built from a spec: 784 inputs, hidden blocks
// (Dense + activation, Dense + PReLU, or Dense(units·k) + Maxout), and a
// Dense(10) whose logits feed the fused softmax + cross-entropy.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "activations.h"
#include "hidden.h"
#include "layers.h"
#include "rng.h"
#include "text.h"

namespace nn {

/// The architecture. The default is the study note's network: Dense(512, relu).
struct ModelSpec {
  int inputs = 784;
  int outputs = 10;
  std::vector<HiddenSpec> hidden = {HiddenSpec{}};
  std::string init = "glorot_uniform";  ///< or "he_uniform", "lecun_normal" (for SELU)
  double bias_init = 0.0;  ///< starting bias of the hidden layers (Keras: zeros); negative values kill ReLU units
};

constexpr int kMaxHidden = 16;
constexpr int kMaxInputs = 1 << 20;

/// The largest model the engine builds, in trainable values. It covers every
/// network the page can configure: 8 hidden layers of 1,024 Maxout units with
/// k = 8 on 784 inputs is 65,218,570 values (the largest; 249 MiB of float32).
constexpr uint64_t kMaxParameters = uint64_t(1) << 26;  // 67,108,864

/// A network's spec, checked and worked out once: every hidden layer's plan,
/// the tensors (names and sizes in 64-bit arithmetic, nothing allocated) and
/// the parameter count. Building one is the network's one validation.
struct ModelPlan {
  ModelSpec spec;
  std::vector<HiddenLayerPlan> hidden;
  std::vector<TensorLayout> tensors;  ///< in the order of Model::params() and of weights files
  uint64_t parameters = 0;
};

/// Checks a spec and works it out. Throws std::invalid_argument with a clear
/// message if it is impossible, including a model larger than kMaxParameters
/// (checked before anything is allocated).
inline ModelPlan plan_model(const ModelSpec& s) {
  if (s.inputs < 1 || s.inputs > kMaxInputs)
    throw std::invalid_argument("inputs must be in [1, " + grouped(kMaxInputs) + "], got " + std::to_string(s.inputs));
  if (s.outputs < 1 || s.outputs > 256) throw std::invalid_argument("outputs must be in [1, 256]");
  if (s.hidden.size() > static_cast<size_t>(kMaxHidden))
    throw std::invalid_argument("at most " + std::to_string(kMaxHidden) + " hidden layers, got " +
                                std::to_string(s.hidden.size()));
  ModelPlan plan;
  plan.spec = s;
  uint64_t in = static_cast<uint64_t>(s.inputs);
  for (size_t i = 0; i < s.hidden.size(); ++i) {
    plan.hidden.push_back(plan_hidden(s.hidden[i], i));
    plan.hidden.back().add_tensors(in, static_cast<int>(i), plan.tensors);
    in = static_cast<uint64_t>(s.hidden[i].units);
  }
  if (!std::isfinite(s.bias_init) || s.bias_init < -10 || s.bias_init > 10)
    throw std::invalid_argument("bias init must be in [-10, 10], got " + std::to_string(s.bias_init));
  if (s.init != "glorot_uniform" && s.init != "he_uniform" && s.init != "lecun_normal")
    throw std::invalid_argument("unknown initializer '" + printable(s.init) +
                                "' (expected glorot_uniform, he_uniform or lecun_normal)");
  const std::string head = "dense" + std::to_string(s.hidden.size());
  const uint64_t outputs = static_cast<uint64_t>(s.outputs);
  plan.tensors.push_back({head + "/kernel", in * outputs, outputs});
  plan.tensors.push_back({head + "/bias", outputs, outputs});
  for (const auto& t : plan.tensors) plan.parameters += t.size;
  const uint64_t n = plan.parameters;
  if (n > kMaxParameters)
    throw std::invalid_argument("the model needs " + grouped(n) + " parameters (" + grouped(n * 4 / (1 << 20)) +
                                " MB); the limit is " + grouped(kMaxParameters) + " (" +
                                grouped(kMaxParameters * 4 / (1 << 20)) + " MB)");
  return plan;
}

/// Throws std::invalid_argument if the spec is impossible (see plan_model).
inline void validate(const ModelSpec& s) { plan_model(s); }

/// The names and sizes of a valid spec's tensors.
inline std::vector<TensorLayout> tensor_layout(const ModelSpec& s) { return plan_model(s).tensors; }

/// Trainable values of a valid spec (64-bit: no spec can wrap it).
inline uint64_t parameter_count(const ModelSpec& s) { return plan_model(s).parameters; }

/// Short human description, e.g. "784-512(relu)-10".
inline std::string describe(const ModelSpec& s) {
  std::string out = std::to_string(s.inputs);
  for (const auto& h : s.hidden) {
    out += "-" + std::to_string(h.units) + "(" + h.activation;
    if (!h.formula.empty()) out += " " + printable(h.formula, kMaxFormulaLength);
    for (const auto& kv : h.params) out += " " + kv.first + "=" + std::to_string(kv.second);
    out += ")";
  }
  return out + "-" + std::to_string(s.outputs);
}

/// One hidden block, for diagnostics: its Dense, the activation stage and its plan.
template <class T>
struct HiddenBlock {
  Dense<T>* dense;
  Layer<T>* act;
  const HiddenLayerPlan* plan;
};

/// The network. Weights are drawn from Rng(seed) in layer order, in double and
/// then rounded, so float and double models built from one seed agree.
template <class T>
class Model {
 public:
  Model(const ModelSpec& spec, uint64_t seed) : Model(plan_model(spec), seed) {}

  /// A network from a plan (plan_model: the spec checked, a formula compiled once).
  Model(ModelPlan plan, uint64_t seed) : spec_(std::move(plan.spec)), plans_(std::move(plan.hidden)) {
    size_t in = spec_.inputs;
    for (size_t i = 0; i < plans_.size(); ++i) {
      const HiddenLayerPlan& p = plans_[i];
      const int index = static_cast<int>(i);
      auto dense = std::make_unique<Dense<T>>(in, p.dense_width(), "dense" + std::to_string(index));
      auto act = p.make_activation<T>(index);
      blocks_.push_back({dense.get(), act.get(), &p});
      layers_.push_back(std::move(dense));
      layers_.push_back(std::move(act));
      in = p.units;
    }
    auto head = std::make_unique<Dense<T>>(in, spec_.outputs, "dense" + std::to_string(plans_.size()));
    head_ = head.get();
    layers_.push_back(std::move(head));
    initialize(seed);
  }

  /// Re-draws all weights from `seed` (hidden biases at bias_init, output bias 0,
  /// PReLU alpha at its init).
  void initialize(uint64_t seed) {
    Rng rng(seed);
    for (auto& l : layers_) {
      if (auto* d = dynamic_cast<Dense<T>*>(l.get())) {
        const double fan_in = static_cast<double>(d->in_features()), fan_out = static_cast<double>(d->out_features());
        if (spec_.init == "lecun_normal") {
          // Keras: truncated normal (2 sigma) scaled so the result has stddev sqrt(1 / fan_in).
          const double stddev = std::sqrt(1.0 / fan_in) / 0.87962566103423978;
          for (size_t i = 0; i < d->W.size(); ++i) d->W.data()[i] = static_cast<T>(stddev * rng.truncated_normal());
        } else {
          const double limit =
              spec_.init == "he_uniform" ? std::sqrt(6.0 / fan_in) : std::sqrt(6.0 / (fan_in + fan_out));
          for (size_t i = 0; i < d->W.size(); ++i) d->W.data()[i] = static_cast<T>(rng.uniform(-limit, limit));
        }
        d->b.fill(d == head_ ? T(0) : static_cast<T>(spec_.bias_init));
      }
    }
    for (auto& b : blocks_)
      if (auto* pr = dynamic_cast<PReLULayer<T>*>(b.act)) pr->alpha.fill(static_cast<T>(b.plan->params.v[0]));
  }

  /// Whether the activation stages keep f' in forward() for a backward (the
  /// default); a copy that only infers turns it off and allocates no slopes.
  void keep_slopes(bool on) {
    for (auto& l : layers_) l->keep_slopes(on);
  }

  /// Logits for a batch x (rows = samples, spec.inputs columns).
  const Mat<T>& forward(const Mat<T>& x) {
    if (x.shape(1) != static_cast<size_t>(spec_.inputs))
      throw std::invalid_argument("input has " + std::to_string(x.shape(1)) + " features, model expects " +
                                  std::to_string(spec_.inputs));
    const Mat<T>* h = &x;
    for (auto& l : layers_) h = &l->forward(*h);
    return *h;
  }

  /// Where forward_backward's time went, when asked: each layer's forward and
  /// backward (one entry per layers()) and the loss, in seconds, added up.
  struct Timing {
    std::vector<double> layer_seconds;
    double loss_seconds = 0;
  };

  /// Forward, loss and backward for one batch; assigns all parameter gradients.
  /// Returns the mean loss; `correct` gets the number of right predictions.
  /// With `timing`, each stage is also timed (same results).
  T forward_backward(const Mat<T>& x, const uint8_t* labels, size_t* correct = nullptr, Timing* timing = nullptr) {
    using clock = std::chrono::steady_clock;
    auto since = [](clock::time_point t0) { return std::chrono::duration<double>(clock::now() - t0).count(); };
    if (timing) timing->layer_seconds.resize(layers_.size(), 0.0);
    if (x.shape(1) != static_cast<size_t>(spec_.inputs))
      throw std::invalid_argument("input has " + std::to_string(x.shape(1)) + " features, model expects " +
                                  std::to_string(spec_.inputs));
    const Mat<T>* h = &x;
    for (size_t i = 0; i < layers_.size(); ++i) {
      const auto t0 = timing ? clock::now() : clock::time_point{};
      h = &layers_[i]->forward(*h);
      if (timing) timing->layer_seconds[i] += since(t0);
    }
    auto t0 = timing ? clock::now() : clock::time_point{};
    const T loss = softmax_cross_entropy(*h, labels, probs_, &dlogits_, correct);
    if (timing) timing->loss_seconds += since(t0);
    const Mat<T>* g = &dlogits_;
    for (size_t i = layers_.size(); i-- > 0;) {
      t0 = timing ? clock::now() : clock::time_point{};
      g = &layers_[i]->backward(*g, i > 0);
      if (timing) timing->layer_seconds[i] += since(t0);
    }
    return loss;
  }

  /// Backward from dL/d(outputs) of the last forward(): assigns every parameter
  /// gradient (for a loss of the caller's, as the 2-D view's).
  void backward(const Mat<T>& doutputs) {
    const Mat<T>* g = &doutputs;
    for (size_t i = layers_.size(); i-- > 0;) g = &layers_[i]->backward(*g, i > 0);
  }

  /// Softmax probabilities of the last forward_backward or predict().
  const Mat<T>& probabilities() const { return probs_; }

  /// Class probabilities for a batch (no gradients).
  const Mat<T>& predict(const Mat<T>& x) {
    const Mat<T>& logits = forward(x);
    const size_t n = logits.shape(0), c = logits.shape(1);
    ensure_shape(probs_, n, c);
    for (size_t i = 0; i < n; ++i) softmax_row(logits.data() + i * c, probs_.data() + i * c, c);
    return probs_;
  }

  /// Class probabilities for one sample, through each layer's forward_row: no
  /// batch matrices and, after the first call, no allocation. `probs` gets
  /// spec.outputs values.
  void predict_row(const T* x, T* probs) {
    if (row_a_.empty()) {
      size_t widest = static_cast<size_t>(spec_.inputs);
      for (const auto& l : layers_) widest = std::max(widest, l->out_features());
      for (const auto& b : blocks_) widest = std::max(widest, b.dense->out_features());
      row_a_.assign(widest, T(0));
      row_b_.assign(widest, T(0));
    }
    const T* in = x;
    T* out = row_a_.data();
    for (auto& l : layers_) {
      l->forward_row(in, out);
      in = out;
      out = out == row_a_.data() ? row_b_.data() : row_a_.data();
    }
    softmax_row(in, probs, static_cast<size_t>(spec_.outputs));
  }

  /// All trainable tensors in a fixed order (the order of weights files).
  std::vector<ParamRef<T>> params() {
    std::vector<ParamRef<T>> out;
    for (auto& l : layers_)
      for (auto& p : l->params()) out.push_back(p);
    return out;
  }

  size_t parameter_count() {
    size_t n = 0;
    for (auto& p : params()) n += p.size;
    return n;
  }

  const ModelSpec& spec() const { return spec_; }
  std::vector<HiddenBlock<T>>& blocks() { return blocks_; }
  Dense<T>& head() { return *head_; }
  std::vector<std::unique_ptr<Layer<T>>>& layers() { return layers_; }

 private:
  ModelSpec spec_;
  std::vector<HiddenLayerPlan> plans_;  ///< never resized after construction: blocks_ point into it
  std::vector<std::unique_ptr<Layer<T>>> layers_;
  std::vector<HiddenBlock<T>> blocks_;
  Dense<T>* head_ = nullptr;
  Mat<T> probs_, dlogits_;
  std::vector<T> row_a_, row_b_;  ///< predict_row's two ping-pong rows
};

}  // namespace nn

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
#include "layers.h"
#include "rng.h"
#include "text.h"

namespace nn {

/// One hidden layer: width, activation id from the table, its parameters.
struct HiddenSpec {
  int units = 512;
  std::string activation = "relu";
  std::map<std::string, double> params;
  std::string formula;  ///< for activation "custom": f(x) in the language of formula.h
};

/// A hidden layer's activation parameters, checked against the table, with a
/// custom formula compiled (throws std::invalid_argument / FormulaError).
inline ActParams layer_params(const HiddenSpec& h) {
  const ActivationInfo& info = activation_info(h.activation);
  ActParams p = resolve_params(info, h.params);
  if (info.kind == Activation::custom) p.formula = Formula::compile(h.formula);
  return p;
}

/// The architecture. The default is the study note's network: Dense(512, relu).
struct ModelSpec {
  int inputs = 784;
  int outputs = 10;
  std::vector<HiddenSpec> hidden = {HiddenSpec{}};
  std::string init = "glorot_uniform";  ///< or "he_uniform", "lecun_normal" (for SELU)
  double bias_init = 0.0;  ///< starting bias of the hidden layers (Keras: zeros); negative values kill ReLU units
};

constexpr int kMaxUnits = 4096;
constexpr int kMaxHidden = 16;
constexpr int kMaxInputs = 1 << 20;

/// The largest model the engine builds, in trainable values. It covers every
/// network the page can configure: 8 hidden layers of 1,024 Maxout units with
/// k = 8 on 784 inputs is 65,218,570 values (the largest; 249 MiB of float32).
constexpr uint64_t kMaxParameters = uint64_t(1) << 26;  // 67,108,864

/// One trainable tensor of a spec, in the order of Model::params() and of
/// weights files.
struct TensorLayout {
  std::string name;
  uint64_t size;
  uint64_t columns;  ///< the last dimension (output units for a kernel; size for a vector)
};

/// The names and sizes of a spec's tensors, computed in 64-bit arithmetic
/// without allocating any of them (so a hostile spec costs nothing). The spec's
/// activations must be known ids (validate() checks that first).
inline std::vector<TensorLayout> tensor_layout(const ModelSpec& s) {
  std::vector<TensorLayout> out;
  uint64_t in = static_cast<uint64_t>(s.inputs);
  int index = 0;
  for (const auto& h : s.hidden) {
    const ActivationInfo& info = activation_info(h.activation);
    const uint64_t k = info.layer == LayerKind::maxout ? static_cast<uint64_t>(resolve_params(info, h.params).v[0]) : 1;
    const uint64_t width = static_cast<uint64_t>(h.units) * k;
    const std::string dense = "dense" + std::to_string(index);
    out.push_back({dense + "/kernel", in * width, width});
    out.push_back({dense + "/bias", width, width});
    if (info.layer == LayerKind::prelu)
      out.push_back({"prelu" + std::to_string(index) + "/alpha", uint64_t(h.units), uint64_t(h.units)});
    in = static_cast<uint64_t>(h.units);
    ++index;
  }
  const std::string head = "dense" + std::to_string(index);
  out.push_back({head + "/kernel", in * static_cast<uint64_t>(s.outputs), static_cast<uint64_t>(s.outputs)});
  out.push_back({head + "/bias", static_cast<uint64_t>(s.outputs), static_cast<uint64_t>(s.outputs)});
  return out;
}

/// Trainable values of a spec (64-bit: no spec can wrap it).
inline uint64_t parameter_count(const ModelSpec& s) {
  uint64_t n = 0;
  for (const auto& t : tensor_layout(s)) n += t.size;
  return n;
}

/// Throws std::invalid_argument with a clear message if the spec is impossible,
/// including a model larger than kMaxParameters (checked before anything is
/// allocated).
inline void validate(const ModelSpec& s) {
  if (s.inputs < 1 || s.inputs > kMaxInputs)
    throw std::invalid_argument("inputs must be in [1, " + grouped(kMaxInputs) + "], got " + std::to_string(s.inputs));
  if (s.outputs < 2 || s.outputs > 256) throw std::invalid_argument("outputs must be in [2, 256]");
  if (s.hidden.size() > static_cast<size_t>(kMaxHidden))
    throw std::invalid_argument("at most " + std::to_string(kMaxHidden) + " hidden layers, got " +
                                std::to_string(s.hidden.size()));
  for (size_t i = 0; i < s.hidden.size(); ++i) {
    const auto& h = s.hidden[i];
    if (h.units < 1 || h.units > kMaxUnits)
      throw std::invalid_argument("hidden layer " + std::to_string(i + 1) + ": units must be in [1, " +
                                  std::to_string(kMaxUnits) + "], got " + std::to_string(h.units));
    layer_params(h);
  }
  if (!std::isfinite(s.bias_init) || s.bias_init < -10 || s.bias_init > 10)
    throw std::invalid_argument("bias init must be in [-10, 10], got " + std::to_string(s.bias_init));
  if (s.init != "glorot_uniform" && s.init != "he_uniform" && s.init != "lecun_normal")
    throw std::invalid_argument("unknown initializer '" + printable(s.init) +
                                "' (expected glorot_uniform, he_uniform or lecun_normal)");
  const uint64_t n = parameter_count(s);
  if (n > kMaxParameters)
    throw std::invalid_argument("the model needs " + grouped(n) + " parameters (" + grouped(n * 4 / (1 << 20)) +
                                " MB); the limit is " + grouped(kMaxParameters) + " (" +
                                grouped(kMaxParameters * 4 / (1 << 20)) + " MB)");
}

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

/// One hidden block, for diagnostics: its Dense, the activation stage and its info.
template <class T>
struct HiddenBlock {
  Dense<T>* dense;
  Layer<T>* act;
  const ActivationInfo* info;
  ActParams p;
  int units;
  int pieces;  ///< Maxout k, else 1
};

/// The network. Weights are drawn from Rng(seed) in layer order, in double and
/// then rounded, so float and double models built from one seed agree.
template <class T>
class Model {
 public:
  Model(const ModelSpec& spec, uint64_t seed) : spec_(spec) {
    validate(spec);
    size_t in = spec.inputs;
    int index = 0;
    for (const auto& h : spec.hidden) {
      const ActivationInfo& info = activation_info(h.activation);
      const ActParams p = layer_params(h);  // compiles a custom formula once per network
      const int k = info.layer == LayerKind::maxout ? static_cast<int>(p.v[0]) : 1;
      auto dense = std::make_unique<Dense<T>>(in, static_cast<size_t>(h.units) * k, "dense" + std::to_string(index));
      HiddenBlock<T> block{dense.get(), nullptr, &info, p, h.units, k};
      layers_.push_back(std::move(dense));
      std::unique_ptr<Layer<T>> act;
      if (info.layer == LayerKind::prelu)
        act = std::make_unique<PReLULayer<T>>(h.units, static_cast<T>(p.v[0]), "prelu" + std::to_string(index));
      else if (info.layer == LayerKind::maxout)
        act = std::make_unique<MaxoutLayer<T>>(h.units, k);
      else
        act = std::make_unique<ActivationLayer<T>>(info.kind, p, h.units);
      block.act = act.get();
      layers_.push_back(std::move(act));
      blocks_.push_back(block);
      in = h.units;
      ++index;
    }
    auto head = std::make_unique<Dense<T>>(in, spec.outputs, "dense" + std::to_string(index));
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
      if (auto* pr = dynamic_cast<PReLULayer<T>*>(b.act)) pr->alpha.fill(static_cast<T>(b.p.v[0]));
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
  std::vector<std::unique_ptr<Layer<T>>> layers_;
  std::vector<HiddenBlock<T>> blocks_;
  Dense<T>* head_ = nullptr;
  Mat<T> probs_, dlogits_;
  std::vector<T> row_a_, row_b_;  ///< predict_row's two ping-pong rows
};

}  // namespace nn

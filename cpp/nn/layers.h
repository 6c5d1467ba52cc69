// Layers of a sequential network, templated on the scalar type (float for
// training, double for gradient checks) so both run the same code.
//
// Gradient convention: backward() ASSIGNS parameter gradients (it does not
// accumulate), and returns dL/dx for the layer's input. forward() keeps a
// pointer to its input, which must stay alive until backward().
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>
#include <xtensor/xtensor.hpp>

#include "activations.h"
#include "gemm.h"
#include "kernels.h"

namespace nn {

template <class T>
using Mat = xt::xtensor<T, 2>;
template <class T>
using Vec = xt::xtensor<T, 1>;

/// A trainable tensor and its gradient, seen as flat arrays.
template <class T>
struct ParamRef {
  std::string name;
  T* value;
  T* grad;
  size_t size;
};

/// Gives m the shape rows×cols, reallocating only when the shape changes.
template <class T>
void ensure_shape(Mat<T>& m, size_t rows, size_t cols) {
  if (m.shape(0) != rows || m.shape(1) != cols) m = Mat<T>::from_shape({rows, cols});
}

/// What an activation stage says about its units on its last forward, for
/// diagnostics. Inactive: pre-activation <= 0 on every sample. Dead: no
/// gradient passes on any sample, f'(z) == 0 exactly (the table's flows()).
struct UnitStats {
  std::vector<uint8_t> dead, inactive;  ///< per unit, 1 or 0
  size_t saturated = 0;                 ///< (sample, unit) pairs with |f'(z)| below the threshold
  std::vector<float> alpha;             ///< PReLU only: the learned slopes, one per unit
  std::vector<double> piece_usage;      ///< Maxout only: share of wins per piece
};

/// 1 for each of u units whose value is <= 0 in every one of n rows (row stride `stride`).
template <class T>
std::vector<uint8_t> never_positive(const T* v, size_t n, size_t u, size_t stride) {
  std::vector<uint8_t> out(u, 1);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < u; ++j)
      if (v[i * stride + j] > T(0)) out[j] = 0;
  return out;
}

/// Base class of all layers.
template <class T>
class Layer {
 public:
  virtual ~Layer() = default;
  /// Computes the output for a batch x (rows = samples).
  virtual const Mat<T>& forward(const Mat<T>& x) = 0;
  /// Given dL/dy, assigns parameter gradients and returns dL/dx (left empty,
  /// and not computed, when need_dx is false: the first layer's input gradient).
  virtual const Mat<T>& backward(const Mat<T>& dy, bool need_dx) = 0;
  virtual std::vector<ParamRef<T>> params() { return {}; }
  /// One sample's output y (out_features values) for its input x, with no
  /// allocation and no state kept: the prediction path of a drawn digit.
  virtual void forward_row(const T* x, T* y) const = 0;
  virtual size_t out_features() const = 0;
  /// The output of the last forward().
  virtual const Mat<T>& output() const = 0;
  /// Whether forward() also keeps what backward() needs beyond its output (the
  /// smooth activations' f', computed with f); off for a network that only infers.
  virtual void keep_slopes(bool on) { (void)on; }
  /// An activation stage's figures on its last forward, whose input was the
  /// Dense output z (see UnitStats); other layers leave `out` as it is.
  virtual void unit_stats(const Mat<T>& z, double saturated_below, UnitStats& out) const {
    (void)z, (void)saturated_below, (void)out;
  }
};

/// y = x·W + b, W is in×out (Keras' "kernel"), b is out.
template <class T>
class Dense : public Layer<T> {
 public:
  Dense(size_t in, size_t out, std::string name)
      : name_(std::move(name)),
        W(Mat<T>::from_shape({in, out})),
        b(Vec<T>::from_shape({out})),
        dW(Mat<T>::from_shape({in, out})),
        db(Vec<T>::from_shape({out})) {
    W.fill(T(0));
    b.fill(T(0));
    dW.fill(T(0));
    db.fill(T(0));
  }

  const Mat<T>& forward(const Mat<T>& x) override {
    x_ = &x;
    const int n = static_cast<int>(x.shape(0)), in = static_cast<int>(W.shape(0)), out = static_cast<int>(W.shape(1));
    ensure_shape(y_, n, out);
    gemm(false, false, n, out, in, x.data(), in, W.data(), out, y_.data(), out, false);
    const T* bias = b.data();
    for (int i = 0; i < n; ++i) {
      T* row = y_.data() + static_cast<size_t>(i) * out;
      for (int j = 0; j < out; ++j) row[j] += bias[j];
    }
    return y_;
  }

  const Mat<T>& backward(const Mat<T>& dy, bool need_dx) override {
    const Mat<T>& x = *x_;
    const int n = static_cast<int>(x.shape(0)), in = static_cast<int>(W.shape(0)), out = static_cast<int>(W.shape(1));
    // dW = xᵀ·dy
    gemm(true, false, in, out, n, x.data(), in, dy.data(), out, dW.data(), out, false);
    // db = column sums of dy
    T* g = db.data();
    std::fill(g, g + out, T(0));
    for (int i = 0; i < n; ++i) {
      const T* row = dy.data() + static_cast<size_t>(i) * out;
      for (int j = 0; j < out; ++j) g[j] += row[j];
    }
    if (need_dx) {
      // dx = dy·Wᵀ
      ensure_shape(dx_, n, in);
      gemm(false, true, n, in, out, dy.data(), out, W.data(), out, dx_.data(), in, false);
    } else {
      dx_ = Mat<T>();
    }
    return dx_;
  }

  std::vector<ParamRef<T>> params() override {
    return {{name_ + "/kernel", W.data(), dW.data(), W.size()}, {name_ + "/bias", b.data(), db.data(), b.size()}};
  }
  /// y = b + sum_i x_i W[i, :]: reads the kernel as stored, row by row, and
  /// skips zero inputs (most of a drawn digit's pixels).
  void forward_row(const T* x, T* y) const override {
    const size_t in = W.shape(0), out = W.shape(1);
    std::copy(b.data(), b.data() + out, y);
    for (size_t i = 0; i < in; ++i) {
      const T xi = x[i];
      if (xi == T(0)) continue;
      axpy(out, xi, W.data() + i * out, y);
    }
  }
  size_t out_features() const override { return W.shape(1); }
  const Mat<T>& output() const override { return y_; }
  size_t in_features() const { return W.shape(0); }

 private:
  std::string name_;
  const Mat<T>* x_ = nullptr;
  Mat<T> y_, dx_;

 public:
  Mat<T> W;
  Vec<T> b;
  Mat<T> dW;
  Vec<T> db;
};

/// An element-wise activation from the table (everything but PReLU and Maxout).
template <class T>
class ActivationLayer : public Layer<T> {
 public:
  ActivationLayer(Activation kind, ActParams p, size_t width) : kind(kind), p(p), width_(width) {}

  /// The smooth kinds compute f' with f (one exp for both) and keep it for the
  /// backward, unless told the layer only infers (keep_slopes(false)).
  const Mat<T>& forward(const Mat<T>& x) override {
    x_ = &x;
    ensure_shape(y_, x.shape(0), x.shape(1));
    if (keep_slopes_) ensure_shape(d_, x.shape(0), x.shape(1));
    slopes_ = keep_slopes_ && activation_forward_slope(kind, p, x.data(), y_.data(), d_.data(), x.size());
    if (!slopes_) activation_forward(kind, p, x.data(), y_.data(), x.size());
    return y_;
  }
  const Mat<T>& backward(const Mat<T>& dy, bool) override {
    ensure_shape(dx_, dy.shape(0), dy.shape(1));
    if (slopes_)
      scale_by_slopes(dy.data(), d_.data(), dx_.data(), dy.size());
    else
      activation_backward(kind, p, x_->data(), y_.data(), dy.data(), dx_.data(), dy.size());
    return dx_;
  }
  void keep_slopes(bool on) override { keep_slopes_ = on && keeps_slopes(kind); }
  void forward_row(const T* x, T* y) const override { activation_forward(kind, p, x, y, width_); }
  size_t out_features() const override { return width_; }
  const Mat<T>& output() const override { return y_; }
  void unit_stats(const Mat<T>& z, double saturated_below, UnitStats& out) const override {
    const size_t n = z.shape(0), u = width_;
    out.inactive = never_positive(z.data(), n, u, u);
    out.dead.assign(u, 1);
    out.saturated = 0;
    visit_activation(kind, [&](auto fn) {
      using Fn = decltype(fn);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < u; ++j) {
          const T zi = z.data()[i * u + j];
          if (out.dead[j] && Fn::flows(zi, p)) out.dead[j] = 0;
          out.saturated += std::fabs(double(Fn::df(zi, y_.data()[i * u + j], p))) < saturated_below;
        }
      return 0;
    });
  }

  const Activation kind;
  const ActParams p;

 private:
  size_t width_;
  const Mat<T>* x_ = nullptr;
  Mat<T> y_, dx_, d_;
  bool keep_slopes_ = keeps_slopes(kind), slopes_ = false;
};

/// PReLU: y = x if x > 0 else alpha_j x, one learned alpha per unit (Keras'
/// PReLU with shared_axes=None on a Dense output).
template <class T>
class PReLULayer : public Layer<T> {
 public:
  PReLULayer(size_t units, T alpha_init, std::string name)
      : name_(std::move(name)), alpha(Vec<T>::from_shape({units})), dalpha(Vec<T>::from_shape({units})) {
    alpha.fill(alpha_init);
    dalpha.fill(T(0));
  }

  const Mat<T>& forward(const Mat<T>& x) override {
    x_ = &x;
    const size_t n = x.shape(0), u = x.shape(1);
    ensure_shape(y_, n, u);
    for (size_t i = 0; i < n; ++i) prelu_forward_row(x.data() + i * u, alpha.data(), y_.data() + i * u, u);
    return y_;
  }
  const Mat<T>& backward(const Mat<T>& dy, bool) override {
    const size_t n = dy.shape(0), u = dy.shape(1);
    ensure_shape(dx_, n, u);
    T* da = dalpha.data();
    std::fill(da, da + u, T(0));
    for (size_t i = 0; i < n; ++i)
      prelu_backward_row(x_->data() + i * u, alpha.data(), dy.data() + i * u, dx_.data() + i * u, da, u);
    return dx_;
  }
  std::vector<ParamRef<T>> params() override { return {{name_ + "/alpha", alpha.data(), dalpha.data(), alpha.size()}}; }
  void forward_row(const T* x, T* y) const override { prelu_forward_row(x, alpha.data(), y, alpha.size()); }
  size_t out_features() const override { return alpha.size(); }
  const Mat<T>& output() const override { return y_; }
  /// Never dead: alpha gets a gradient on every sample. The slope below 0 is the unit's alpha.
  void unit_stats(const Mat<T>& z, double saturated_below, UnitStats& out) const override {
    const size_t n = z.shape(0), u = alpha.size();
    out.inactive = never_positive(z.data(), n, u, u);
    out.dead.assign(u, 0);
    out.saturated = 0;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < u; ++j)
        out.saturated += std::fabs(z.data()[i * u + j] > T(0) ? 1.0 : double(alpha.data()[j])) < saturated_below;
    out.alpha.assign(alpha.begin(), alpha.end());
  }

 private:
  std::string name_;
  const Mat<T>* x_ = nullptr;
  Mat<T> y_, dx_;

 public:
  Vec<T> alpha;
  Vec<T> dalpha;
};

/// Maxout (Goodfellow et al. 2013): the preceding Dense has units·k outputs,
/// grouped per unit as [unit0: piece0..k-1, unit1: ...]; y_j = max over its k
/// pieces. Ties go to the lowest piece; only the winner receives gradient.
template <class T>
class MaxoutLayer : public Layer<T> {
 public:
  MaxoutLayer(size_t units, int k) : units_(units), k(k) {}

  const Mat<T>& forward(const Mat<T>& z) override {
    const size_t n = z.shape(0);
    ensure_shape(y_, n, units_);
    winner.resize(n * units_);
    for (size_t i = 0; i < n; ++i) {
      const T* zr = z.data() + i * units_ * k;
      T* yr = y_.data() + i * units_;
      uint8_t* wr = winner.data() + i * units_;
      for (size_t j = 0; j < units_; ++j) {
        const T* g = zr + j * k;
        int best = 0;
        for (int p = 1; p < k; ++p)
          if (g[p] > g[best]) best = p;
        yr[j] = g[best];
        wr[j] = static_cast<uint8_t>(best);
      }
    }
    return y_;
  }
  const Mat<T>& backward(const Mat<T>& dy, bool) override {
    const size_t n = dy.shape(0);
    ensure_shape(dx_, n, units_ * k);
    dx_.fill(T(0));
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < units_; ++j)
        dx_.data()[(i * units_ + j) * k + winner[i * units_ + j]] = dy.data()[i * units_ + j];
    return dx_;
  }
  void forward_row(const T* z, T* y) const override {
    for (size_t j = 0; j < units_; ++j) {
      const T* g = z + j * k;
      T best = g[0];
      for (int p = 1; p < k; ++p) best = g[p] > best ? g[p] : best;
      y[j] = best;
    }
  }
  size_t out_features() const override { return units_; }
  const Mat<T>& output() const override { return y_; }
  /// Never dead and never saturated: the winning piece passes the gradient with
  /// slope 1. Inactive reads the output (the winner's pre-activation).
  void unit_stats(const Mat<T>&, double, UnitStats& out) const override {
    out.inactive = never_positive(y_.data(), y_.shape(0), units_, units_);
    out.dead.assign(units_, 0);
    out.saturated = 0;
    out.piece_usage.assign(static_cast<size_t>(k), 0.0);
    for (uint8_t w : winner) out.piece_usage[w] += 1.0;
    for (double& v : out.piece_usage) v /= static_cast<double>(std::max<size_t>(1, winner.size()));
  }

 private:
  size_t units_;
  Mat<T> y_, dx_;

 public:
  const int k;
  std::vector<uint8_t> winner;  ///< winning piece per (sample, unit) of the last forward
};

/// Softmax of one row of c logits into p, with the max subtracted before exp.
/// Returns the argmax; `log_sum` gets log of the sum of exps (so that
/// logsumexp(z) = log_sum + z[argmax]).
template <class T>
size_t softmax_row(const T* z, T* p, size_t c, T* log_sum = nullptr) {
  size_t arg = 0;
  for (size_t j = 1; j < c; ++j)
    if (z[j] > z[arg]) arg = j;
  const T zmax = z[arg];
  T sum = 0;
  for (size_t j = 0; j < c; ++j) sum += (p[j] = std::exp(z[j] - zmax));
  for (size_t j = 0; j < c; ++j) p[j] /= sum;
  if (log_sum) *log_sum = std::log(sum);
  return arg;
}

/// Fused softmax + categorical cross-entropy over a batch.
/// probs = softmax(logits) (max subtracted before exp); returns the mean loss
/// -log p[label] computed as logsumexp - logit (finite for any finite logits),
/// and dlogits = (probs - onehot) / n, the gradient of the mean loss.
/// `correct` receives how many argmax predictions equal the label.
template <class T>
T softmax_cross_entropy(const Mat<T>& logits, const uint8_t* labels, Mat<T>& probs,
                        typename std::common_type<Mat<T>>::type* dlogits, size_t* correct = nullptr) {
  const size_t n = logits.shape(0), c = logits.shape(1);
  ensure_shape(probs, n, c);
  if (dlogits) ensure_shape(*dlogits, n, c);
  T total = 0;
  size_t right = 0;
  for (size_t i = 0; i < n; ++i) {
    const T* z = logits.data() + i * c;
    T* p = probs.data() + i * c;
    T log_sum;
    const size_t arg = softmax_row(z, p, c, &log_sum);
    total += log_sum + z[arg] - z[labels[i]];
    right += arg == labels[i];
    if (dlogits) {
      T* d = dlogits->data() + i * c;
      for (size_t j = 0; j < c; ++j) d[j] = (p[j] - (j == labels[i] ? T(1) : T(0))) / T(n);
    }
  }
  if (correct) *correct = right;
  return total / T(n);
}

}  // namespace nn

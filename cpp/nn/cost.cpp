#include "cost.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <vector>

#include "kernels.h"
#include "layers.h"

namespace nn {
namespace {

constexpr size_t kBlock = 65536;
constexpr size_t kUnits = 512;  // PReLU rows: the note's layer width

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Seconds per call of fn, averaged over reps calls.
double per_call(const std::function<void()>& fn, int reps) {
  const double t0 = now();
  for (int r = 0; r < reps; ++r) fn();
  return (now() - t0) / reps;
}

/// How many calls of fn last about two milliseconds (at least one).
int calibrate(const std::function<void()>& fn) {
  int reps = 1;
  for (;;) {
    const double t = per_call(fn, reps) * reps;
    if (t >= 2e-3 || reps >= (1 << 20)) return reps;
    reps *= t > 0 ? std::max(2, static_cast<int>(2.4e-3 / t)) : 16;
  }
}

volatile float sink;

}  // namespace

ActivationCost activation_cost(const ActivationInfo& info, const ActParams& p, int rounds) {
  const int k = info.layer == LayerKind::maxout ? static_cast<int>(p.v[0]) : 1;
  constexpr size_t rows = kBlock / kUnits;
  // The values: [-6, 6], for Maxout k pieces per output value, as rows of a layer.
  Mat<float> x = Mat<float>::from_shape({rows, kUnits * k}), dy = Mat<float>::from_shape({rows, kUnits});
  for (size_t i = 0; i < x.size(); ++i)
    x.data()[i] = -6.f + 12.f * static_cast<float>((i * 7919) % x.size()) / x.size();
  dy.fill(0.5f);
  std::vector<float> y(kBlock), dx(kBlock), ry(kBlock), rdx(kBlock);

  const ActParams none;
  auto relu_f = [&] { activation_forward(Activation::relu, none, x.data(), ry.data(), kBlock); };
  auto relu_b = [&] {
    activation_backward(Activation::relu, none, x.data(), ry.data(), dy.data(), rdx.data(), kBlock);
  };
  // PReLU and Maxout: the very layers a network runs (per-unit alpha rows; the
  // max over k pieces and the winner's gradient back).
  PReLULayer<float> prelu(kUnits, 0.25f, "prelu");
  MaxoutLayer<float> maxout(kUnits, k);
  std::function<void()> f, b;
  if (info.layer == LayerKind::prelu) {
    f = [&] { prelu.forward(x); };
    b = [&] { prelu.backward(dy, true); };
  } else if (info.layer == LayerKind::maxout) {
    f = [&] { maxout.forward(x); };
    b = [&] { maxout.backward(dy, true); };
  } else {
    f = [&] { activation_forward(info.kind, p, x.data(), y.data(), kBlock); };
    b = [&] { activation_backward(info.kind, p, x.data(), y.data(), dy.data(), dx.data(), kBlock); };
  }
  f();  // y must hold f(x) for the backward pass
  relu_f();
  const int reps_f = calibrate(f), reps_b = calibrate(b), reps_rf = calibrate(relu_f), reps_rb = calibrate(relu_b);

  std::vector<double> tf, tb, trf, trb, rel_f, rel_b, rel;
  for (int r = 0; r < std::max(1, rounds); ++r) {
    const double a = per_call(relu_f, reps_rf), c = per_call(f, reps_f);
    const double d = per_call(relu_b, reps_rb), e = per_call(b, reps_b);
    trf.push_back(a);
    tf.push_back(c);
    trb.push_back(d);
    tb.push_back(e);
    rel_f.push_back(c / a);
    rel_b.push_back(e / d);
    rel.push_back((c + e) / (a + d));
  }
  const Mat<float>* layer_out = info.layer == LayerKind::prelu    ? &prelu.output()
                                : info.layer == LayerKind::maxout ? &maxout.output()
                                                                  : nullptr;
  sink = y[kBlock / 3] + dx[kBlock / 5] + ry[7] + rdx[9] + (layer_out ? layer_out->data()[3] : 0.f);
  ActivationCost out;
  const double per = 1e9 / kBlock;
  out.forward_ns = median(tf) * per;
  out.backward_ns = median(tb) * per;
  out.relu_forward_ns = median(trf) * per;
  out.relu_backward_ns = median(trb) * per;
  out.forward_relative = median(rel_f);
  out.backward_relative = median(rel_b);
  out.relative_to_relu = median(rel);
  return out;
}

}  // namespace nn

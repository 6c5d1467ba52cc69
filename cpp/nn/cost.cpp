#include "cost.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <vector>

#include "hidden.h"

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

ActivationCost activation_cost(const HiddenSpec& spec, int rounds) {
  // Both stages are the very layers a network runs (PReLU with per-unit alpha
  // rows; Maxout's max over k pieces and the winner's gradient back), built by
  // the hidden-layer plan, rows of the note's width.
  HiddenSpec rows_of_layer = spec, relu_spec;
  rows_of_layer.units = relu_spec.units = static_cast<int>(kUnits);
  relu_spec.activation = "relu";
  const HiddenLayerPlan plan = plan_hidden(rows_of_layer), relu_plan = plan_hidden(relu_spec);
  constexpr size_t rows = kBlock / kUnits;
  // The values: [-6, 6], for Maxout k pieces per output value.
  auto values = [](size_t width) {
    Mat<float> x = Mat<float>::from_shape({rows, width});
    for (size_t i = 0; i < x.size(); ++i)
      x.data()[i] = -6.f + 12.f * static_cast<float>((i * 7919) % x.size()) / x.size();
    return x;
  };
  const Mat<float> x = values(plan.dense_width()), rx = values(kUnits);
  Mat<float> dy = Mat<float>::from_shape({rows, kUnits});
  dy.fill(0.5f);
  const auto layer = plan.make_activation<float>(0), relu = relu_plan.make_activation<float>(0);
  std::function<void()> f = [&] { layer->forward(x); }, b = [&] { layer->backward(dy, true); };
  std::function<void()> relu_f = [&] { relu->forward(rx); }, relu_b = [&] { relu->backward(dy, true); };
  f();  // the output must hold f(x) for the backward pass
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
  sink = layer->output().data()[kBlock / 3] + relu->output().data()[7];
  ActivationCost out;
  const double per = 1e9 / kBlock;
  out.forward_ns = median(tf) * per;
  out.backward_ns = median(tb) * per;
  out.relu_forward_ns = median(trf) * per;
  out.relu_backward_ns = median(trb) * per;
  out.forward_relative = median(rel_f);
  out.backward_relative = median(rel_b);
  out.relative_to_relu = median(rel);
  if (plan.info->kind == Activation::relu) {
    // The reference reads as the reference: ReLU is 1.0x itself by definition
    // (its two interleaved timings differ only by noise), with one figure each.
    out.forward_ns = out.relu_forward_ns;
    out.backward_ns = out.relu_backward_ns;
    out.forward_relative = out.backward_relative = out.relative_to_relu = 1.0;
  }
  return out;
}

}  // namespace nn

// The float loops of the activations and of PReLU's per-unit rows, over four
// lanes: each kind's vf and vdf from the activation table (activations.h). The
// piecewise-linear kinds compute exactly what the reference loop computes, lane
// by lane (same operations in the same order, no FMA), so they are
// bit-identical; the smooth ones use the vector math of vmath.h. A tail shorter
// than four lanes runs through the same vector code on a padded copy, so a
// value's result never depends on where it sits in the array.
#include <algorithm>

#include "activations.h"
#include "kernels.h"
#include "simd.h"

namespace nn {

using simd::load;
using simd::select;
using simd::splat;
using simd::store;
using simd::v4f;
using simd::v4i;

namespace {

FloatKernels g_float_kernels = FloatKernels::vector;

/// out[i] = op(a[i], b[i], c[i]) over n values, four at a time; the tail
/// through a zero-padded copy (b and c may be null: zeros).
template <class Op>
void map4(size_t n, float* out, Op op, const float* a, const float* b = nullptr, const float* c = nullptr) {
  const v4f zero = splat(0.f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) store(out + i, op(load(a + i), b ? load(b + i) : zero, c ? load(c + i) : zero));
  if (i == n) return;
  float pa[4] = {0, 0, 0, 0}, pb[4] = {0, 0, 0, 0}, pc[4] = {0, 0, 0, 0}, po[4];
  for (size_t j = i; j < n; ++j) {
    pa[j - i] = a[j];
    if (b) pb[j - i] = b[j];
    if (c) pc[j - i] = c[j];
  }
  store(po, op(load(pa), load(pb), load(pc)));
  for (size_t j = i; j < n; ++j) out[j] = po[j - i];
}

}  // namespace

void set_float_kernels(FloatKernels k) { g_float_kernels = k; }
FloatKernels float_kernels() { return g_float_kernels; }

void activation_forward(Activation kind, const ActParams& p, const float* x, float* y, size_t n) {
  if (kind == Activation::custom && p.formula) return p.formula->forward(x, y, n);
  if (g_float_kernels == FloatKernels::reference) return activation_forward_generic(kind, p, x, y, n);
  visit_activation(kind, [&](auto fn) {
    using Fn = decltype(fn);
    if constexpr (HasVectorForm<Fn>::value)
      map4(n, y, [&](v4f v, v4f, v4f) { return Fn::vf(v, p); }, x);
    else
      activation_forward_generic(kind, p, x, y, n);
  });
}

void activation_backward(Activation kind, const ActParams& p, const float* x, const float* y, const float* dy,
                         float* dx, size_t n) {
  if (kind == Activation::custom && p.formula) return p.formula->backward(x, dy, dx, n);
  if (g_float_kernels == FloatKernels::reference) return activation_backward_generic(kind, p, x, y, dy, dx, n);
  visit_activation(kind, [&](auto fn) {
    using Fn = decltype(fn);
    if constexpr (HasVectorForm<Fn>::value)
      map4(n, dx, [&](v4f v, v4f w, v4f g) { return g * Fn::vdf(v, w, p); }, x, y, dy);
    else
      activation_backward_generic(kind, p, x, y, dy, dx, n);
  });
}

bool activation_forward_slope(Activation kind, const ActParams& p, const float* x, float* y, float* d, size_t n) {
  if (g_float_kernels == FloatKernels::reference) return false;
  return visit_activation(kind, [&](auto fn) {
    using Fn = decltype(fn);
    if constexpr (HasFusedSlope<Fn>::value) {
      // Four independent vectors per step: the exp's long chain of dependent
      // operations overlaps (measured in V8: 15-25 % faster than one vector per
      // step; two, three, five, six and eight per step were each slower).
      size_t i = 0;
      for (; i + 16 <= n; i += 16) {
        v4f s0, s1, s2, s3;
        const v4f y0 = Fn::vfd(load(x + i), p, s0), y1 = Fn::vfd(load(x + i + 4), p, s1);
        const v4f y2 = Fn::vfd(load(x + i + 8), p, s2), y3 = Fn::vfd(load(x + i + 12), p, s3);
        store(y + i, y0);
        store(d + i, s0);
        store(y + i + 4, y1);
        store(d + i + 4, s1);
        store(y + i + 8, y2);
        store(d + i + 8, s2);
        store(y + i + 12, y3);
        store(d + i + 12, s3);
      }
      // The last 15 values or fewer, four at a time through a zero-padded copy.
      for (; i < n; i += 4) {
        const size_t k = std::min<size_t>(4, n - i);
        float px[4] = {0, 0, 0, 0}, py[4], pd[4];
        std::copy(x + i, x + i + k, px);
        v4f s;
        store(py, Fn::vfd(load(px), p, s));
        store(pd, s);
        std::copy(py, py + k, y + i);
        std::copy(pd, pd + k, d + i);
      }
      return true;
    } else {
      return false;
    }
  });
}

void scale_by_slopes(const float* dy, const float* d, float* dx, size_t n) {
  map4(n, dx, [](v4f g, v4f s, v4f) { return g * s; }, dy, d);
}

void axpy(size_t n, float a, const float* x, float* y) {
  const v4f av = splat(a);
  size_t j = 0;
  for (; j + 16 <= n; j += 16) {  // four vectors per step: independent adds
    store(y + j, load(y + j) + av * load(x + j));
    store(y + j + 4, load(y + j + 4) + av * load(x + j + 4));
    store(y + j + 8, load(y + j + 8) + av * load(x + j + 8));
    store(y + j + 12, load(y + j + 12) + av * load(x + j + 12));
  }
  for (; j + 4 <= n; j += 4) store(y + j, load(y + j) + av * load(x + j));
  axpy_generic(n - j, a, x + j, y + j);
}

void prelu_forward_row(const float* x, const float* alpha, float* y, size_t units) {
  const v4f zero = splat(0.f);
  size_t j = 0;
  for (; j + 4 <= units; j += 4) {
    const v4f v = load(x + j);
    store(y + j, select(v > zero, v, load(alpha + j) * v));
  }
  prelu_forward_row_generic(x + j, alpha + j, y + j, units - j);
}

void prelu_backward_row(const float* x, const float* alpha, const float* dy, float* dx, float* dalpha, size_t units) {
  const v4f zero = splat(0.f);
  size_t j = 0;
  for (; j + 4 <= units; j += 4) {
    const v4i pos = load(x + j) > zero;
    const v4f g = load(dy + j);
    store(dx + j, select(pos, g, load(alpha + j) * g));
    store(dalpha + j, load(dalpha + j) + select(pos, zero, g * load(x + j)));
  }
  prelu_backward_row_generic(x + j, alpha + j, dy + j, dx + j, dalpha + j, units - j);
}

}  // namespace nn

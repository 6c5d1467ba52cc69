// SIMD versions of the activation loops and of PReLU's per-unit loops, for
// float. Each computes exactly what the reference loop computes, lane by lane
// (same operations in the same order, no FMA), so results are bit-identical.
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

void activation_forward(Activation kind, const ActParams& p, const float* x, float* y, size_t n) {
  if (kind == Activation::custom && p.formula) return p.formula->forward(x, y, n);
  const v4f zero = splat(0.f);
  size_t i = 0;
  switch (kind) {
    case Activation::relu:
      for (; i + 4 <= n; i += 4) {
        const v4f v = load(x + i);
        store(y + i, select(v > zero, v, zero));
      }
      break;
    case Activation::leaky_relu:
    case Activation::prelu: {
      const v4f a = splat(static_cast<float>(p.v[0]));
      for (; i + 4 <= n; i += 4) {
        const v4f v = load(x + i);
        store(y + i, select(v > zero, v, a * v));
      }
      break;
    }
    case Activation::linear:
      for (; i + 4 <= n; i += 4) store(y + i, load(x + i));
      break;
    default:
      break;  // exp-based or Maxout's curve: reference loop below
  }
  activation_forward_generic(kind, p, x + i, y + i, n - i);
}

void activation_backward(Activation kind, const ActParams& p, const float* x, const float* y, const float* dy,
                         float* dx, size_t n) {
  if (kind == Activation::custom && p.formula) return p.formula->backward(x, dy, dx, n);
  const v4f zero = splat(0.f), one = splat(1.f);
  size_t i = 0;
  switch (kind) {
    case Activation::relu:
      for (; i + 4 <= n; i += 4) store(dx + i, load(dy + i) * select(load(x + i) > zero, one, zero));
      break;
    case Activation::leaky_relu:
    case Activation::prelu: {
      const v4f a = splat(static_cast<float>(p.v[0]));
      for (; i + 4 <= n; i += 4) store(dx + i, load(dy + i) * select(load(x + i) > zero, one, a));
      break;
    }
    case Activation::linear:
      for (; i + 4 <= n; i += 4) store(dx + i, load(dy + i) * one);
      break;
    case Activation::sigmoid:
      for (; i + 4 <= n; i += 4) {
        const v4f v = load(y + i);
        store(dx + i, load(dy + i) * (v * (one - v)));
      }
      break;
    case Activation::tanh:
      for (; i + 4 <= n; i += 4) {
        const v4f v = load(y + i);
        store(dx + i, load(dy + i) * (one - v * v));
      }
      break;
    case Activation::elu: {
      const v4f a = splat(static_cast<float>(p.v[0]));
      for (; i + 4 <= n; i += 4) store(dx + i, load(dy + i) * select(load(x + i) > zero, one, load(y + i) + a));
      break;
    }
    default:
      break;  // Maxout's curve: reference loop below
  }
  activation_backward_generic(kind, p, x + i, y + i, dy + i, dx + i, n - i);
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

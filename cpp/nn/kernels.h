// Element-wise loops of the layers and optimizers that have explicit SIMD float
// versions (activation_kernels.cpp, optimizer_kernels.cpp). Each has a
// reference template (any scalar type) and a float overload; the overload must
// give bit-identical values (the tests check it), except the returned sums of
// squares, which are summed in another order.
#pragma once
#include <cmath>
#include <cstddef>

namespace nn {

/// Which float loops the layers and formula programs run: the four-lane vector
/// math (the default) or the scalar reference loops that call libm per element
/// (the engine before the vector math). The benchmark times both side by side
/// and a test compares training trajectories; nothing else switches it.
enum class FloatKernels { vector, reference };
void set_float_kernels(FloatKernels k);
FloatKernels float_kernels();

// ---- PReLU, one row of a batch: y = x > 0 ? x : alpha x ----------------------------------
template <class T>
void prelu_forward_row_generic(const T* x, const T* alpha, T* y, size_t units) {
  for (size_t j = 0; j < units; ++j) y[j] = x[j] > T(0) ? x[j] : alpha[j] * x[j];
}
/// dx = dy·(x > 0 ? 1 : alpha); dalpha += x > 0 ? 0 : dy·x (dy/dalpha = min(0, x)).
template <class T>
void prelu_backward_row_generic(const T* x, const T* alpha, const T* dy, T* dx, T* dalpha, size_t units) {
  for (size_t j = 0; j < units; ++j) {
    const bool pos = x[j] > T(0);
    dx[j] = pos ? dy[j] : alpha[j] * dy[j];
    dalpha[j] += pos ? T(0) : dy[j] * x[j];
  }
}
void prelu_forward_row(const float* x, const float* alpha, float* y, size_t units);
void prelu_backward_row(const float* x, const float* alpha, const float* dy, float* dx, float* dalpha, size_t units);
template <class T>
void prelu_forward_row(const T* x, const T* alpha, T* y, size_t units) {
  prelu_forward_row_generic(x, alpha, y, units);
}
template <class T>
void prelu_backward_row(const T* x, const T* alpha, const T* dy, T* dx, T* dalpha, size_t units) {
  prelu_backward_row_generic(x, alpha, dy, dx, dalpha, units);
}

// ---- One row of a Dense layer ---------------------------------------------------------------
/// y += a·x over n values (a row of the kernel into the output row).
template <class T>
void axpy_generic(size_t n, T a, const T* x, T* y) {
  for (size_t j = 0; j < n; ++j) y[j] += a * x[j];
}
void axpy(size_t n, float a, const float* x, float* y);
template <class T>
void axpy(size_t n, T a, const T* x, T* y) {
  axpy_generic(n, a, x, y);
}

// ---- Optimizer updates (Keras rules); each returns the sum of squared updates ------------
/// w += -lr g
template <class T>
double sgd_update_generic(T* w, const T* g, size_t n, T lr) {
  double sq = 0;
  for (size_t i = 0; i < n; ++i) {
    const T u = -lr * g[i];
    w[i] += u;
    sq += double(u) * u;
  }
  return sq;
}
/// m = mu m - lr g; w += m, or with Nesterov w += mu m - lr g
template <class T>
double momentum_update_generic(T* w, const T* g, T* m, size_t n, T lr, T mu, bool nesterov) {
  double sq = 0;
  for (size_t i = 0; i < n; ++i) {
    m[i] = mu * m[i] - lr * g[i];
    const T u = nesterov ? mu * m[i] - lr * g[i] : m[i];
    w[i] += u;
    sq += double(u) * u;
  }
  return sq;
}
/// v = rho v + (1 - rho) g^2; w -= lr g / sqrt(v + eps)
template <class T>
double rmsprop_update_generic(T* w, const T* g, T* v, size_t n, T lr, T rho, T eps) {
  double sq = 0;
  for (size_t i = 0; i < n; ++i) {
    v[i] = rho * v[i] + (T(1) - rho) * g[i] * g[i];
    const T u = -lr * g[i] / std::sqrt(v[i] + eps);
    w[i] += u;
    sq += double(u) * u;
  }
  return sq;
}
/// m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); w -= alpha m / (sqrt(v) + eps)
template <class T>
double adam_update_generic(T* w, const T* g, T* m, T* v, size_t n, T alpha, T c1, T c2, T eps) {
  double sq = 0;
  for (size_t i = 0; i < n; ++i) {
    m[i] += (g[i] - m[i]) * c1;
    v[i] += (g[i] * g[i] - v[i]) * c2;
    const T u = -alpha * m[i] / (std::sqrt(v[i]) + eps);
    w[i] += u;
    sq += double(u) * u;
  }
  return sq;
}

double sgd_update(float* w, const float* g, size_t n, float lr);
double momentum_update(float* w, const float* g, float* m, size_t n, float lr, float mu, bool nesterov);
double rmsprop_update(float* w, const float* g, float* v, size_t n, float lr, float rho, float eps);
double adam_update(float* w, const float* g, float* m, float* v, size_t n, float alpha, float c1, float c2, float eps);

template <class T>
double sgd_update(T* w, const T* g, size_t n, T lr) {
  return sgd_update_generic(w, g, n, lr);
}
template <class T>
double momentum_update(T* w, const T* g, T* m, size_t n, T lr, T mu, bool nesterov) {
  return momentum_update_generic(w, g, m, n, lr, mu, nesterov);
}
template <class T>
double rmsprop_update(T* w, const T* g, T* v, size_t n, T lr, T rho, T eps) {
  return rmsprop_update_generic(w, g, v, n, lr, rho, eps);
}
template <class T>
double adam_update(T* w, const T* g, T* m, T* v, size_t n, T alpha, T c1, T c2, T eps) {
  return adam_update_generic(w, g, m, v, n, alpha, c1, c2, eps);
}

}  // namespace nn

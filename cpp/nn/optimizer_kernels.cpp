// SIMD versions of the optimizer updates for float: lane by lane the same
// operations as the reference loops in kernels.h (bit-identical weights); the
// sum of squared updates is kept per lane and added at the end.
#include "kernels.h"
#include "simd.h"

namespace nn {

using simd::load;
using simd::splat;
using simd::store;
using simd::v4f;

double sgd_update(float* w, const float* g, size_t n, float lr) {
  const v4f nlr = splat(-lr);
  v4f sq = splat(0.f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4f u = nlr * load(g + i);
    store(w + i, load(w + i) + u);
    sq += u * u;
  }
  return double(simd::sum(sq)) + sgd_update_generic(w + i, g + i, n - i, lr);
}

double momentum_update(float* w, const float* g, float* m, size_t n, float lr, float mu, bool nesterov) {
  const v4f vlr = splat(lr), vmu = splat(mu);
  v4f sq = splat(0.f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4f gi = load(g + i);
    const v4f mi = vmu * load(m + i) - vlr * gi;
    store(m + i, mi);
    const v4f u = nesterov ? vmu * mi - vlr * gi : mi;
    store(w + i, load(w + i) + u);
    sq += u * u;
  }
  return double(simd::sum(sq)) + momentum_update_generic(w + i, g + i, m + i, n - i, lr, mu, nesterov);
}

double rmsprop_update(float* w, const float* g, float* v, size_t n, float lr, float rho, float eps) {
  const v4f vlr = splat(lr), vrho = splat(rho), vone_rho = splat(1.f - rho), veps = splat(eps);
  v4f sq = splat(0.f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4f gi = load(g + i);
    const v4f vi = vrho * load(v + i) + vone_rho * gi * gi;
    store(v + i, vi);
    const v4f u = -vlr * gi / simd::sqrt(vi + veps);
    store(w + i, load(w + i) + u);
    sq += u * u;
  }
  return double(simd::sum(sq)) + rmsprop_update_generic(w + i, g + i, v + i, n - i, lr, rho, eps);
}

double adam_update(float* w, const float* g, float* m, float* v, size_t n, float alpha, float c1, float c2, float eps) {
  const v4f valpha = splat(alpha), vc1 = splat(c1), vc2 = splat(c2), veps = splat(eps);
  v4f sq = splat(0.f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4f gi = load(g + i);
    const v4f mi = load(m + i) + (gi - load(m + i)) * vc1;
    const v4f vi = load(v + i) + (gi * gi - load(v + i)) * vc2;
    store(m + i, mi);
    store(v + i, vi);
    const v4f u = -valpha * mi / (simd::sqrt(vi) + veps);
    store(w + i, load(w + i) + u);
    sq += u * u;
  }
  return double(simd::sum(sq)) + adam_update_generic(w + i, g + i, m + i, v + i, n - i, alpha, c1, c2, eps);
}

}  // namespace nn

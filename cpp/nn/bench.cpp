#include "bench.h"

#include <chrono>
#include <cstring>
#include <vector>

#include "gemm.h"
#include "simd.h"

namespace nn {
namespace {
using simd::v4f;
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
volatile float sink;
volatile float seed_value = 0.999f;
}  // namespace

double time_sgemm(bool trans_a, bool trans_b, int M, int N, int K, int reps) {
  std::vector<float> A(static_cast<size_t>(M) * K, 0.01f), B(static_cast<size_t>(K) * N, 0.02f),
      C(static_cast<size_t>(M) * N);
  const int lda = trans_a ? M : K, ldb = trans_b ? K : N;
  sgemm(trans_a, trans_b, M, N, K, A.data(), lda, B.data(), ldb, C.data(), N, false);
  const double t0 = now();
  for (int r = 0; r < reps; ++r) sgemm(trans_a, trans_b, M, N, K, A.data(), lda, B.data(), ldb, C.data(), N, false);
  const double t = (now() - t0) / reps;
  sink = C[0];
  return t;
}

double simd_peak_gflops(long iterations) {
  const float s = seed_value;
  const v4f m = {s, s, s, s}, c = {1e-3f, 1e-3f, 1e-3f, 1e-3f};
  v4f a0 = m, a1 = m + c, a2 = m - c, a3 = m * m, a4 = m + m, a5 = m - m, a6 = c, a7 = c + c, a8 = c * m,
      a9 = m + c + c, a10 = m - c - c, a11 = c - m;
  const double t0 = now();
  for (long i = 0; i < iterations; ++i) {
    a0 = a0 * m + c;
    a1 = a1 * m + c;
    a2 = a2 * m + c;
    a3 = a3 * m + c;
    a4 = a4 * m + c;
    a5 = a5 * m + c;
    a6 = a6 * m + c;
    a7 = a7 * m + c;
    a8 = a8 * m + c;
    a9 = a9 * m + c;
    a10 = a10 * m + c;
    a11 = a11 * m + c;
  }
  const double t = now() - t0;
  const v4f sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
  sink = sum[0] + sum[1] + sum[2] + sum[3];
  return 12.0 * 4 * 2 * iterations / t / 1e9;
}

}  // namespace nn

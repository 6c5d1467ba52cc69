// Matrix products for training dense layers: X·W (forward), Xᵀ·dY (weight
// gradient) and dY·Wᵀ (input gradient), all row-major.
#pragma once
#include <cstddef>

namespace nn {

/// C[M×N] = op(A)·op(B), or C += op(A)·op(B) when `accumulate`.
/// op(A) is M×K: A is M×K with row stride lda, or, if trans_a, K×M (Aᵀ is used).
/// op(B) is K×N: B is K×N with row stride ldb, or, if trans_b, N×K.
/// The float version is cache-blocked, packs its operands and runs a 4×8
/// register-tiled micro-kernel written with vector extensions, which compile to
/// WASM SIMD (-msimd128) and to SSE natively (and to scalar code without SIMD).
void sgemm(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
           int ldc, bool accumulate);

/// Straightforward triple loop, accumulating in double: the reference the tests
/// compare sgemm against, and the kernel used when the model runs in double.
void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, const double* A, int lda, const double* B, int ldb,
                    double* C, int ldc, bool accumulate);

/// Overloads picked by the scalar type of the layer templates.
inline void gemm(bool ta, bool tb, int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
                 int ldc, bool acc) {
  sgemm(ta, tb, M, N, K, A, lda, B, ldb, C, ldc, acc);
}
inline void gemm(bool ta, bool tb, int M, int N, int K, const double* A, int lda, const double* B, int ldb, double* C,
                 int ldc, bool acc) {
  gemm_reference(ta, tb, M, N, K, A, lda, B, ldb, C, ldc, acc);
}

}  // namespace nn

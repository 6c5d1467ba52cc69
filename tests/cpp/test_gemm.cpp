// SGEMM (packed, register-tiled, SIMD) against a double-precision reference on
// odd shapes, all transpose combinations, strided operands and accumulation.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/gemm.h"
#include "nn/rng.h"

namespace {

struct Case {
  int M, N, K;
};

void check(bool ta, bool tb, Case c, bool accumulate, int pad) {
  nn::Rng rng(static_cast<uint64_t>(c.M * 1000003 + c.N * 1009 + c.K + ta * 7 + tb * 13));
  const int a_rows = ta ? c.K : c.M, a_cols = ta ? c.M : c.K;
  const int b_rows = tb ? c.N : c.K, b_cols = tb ? c.K : c.N;
  const int lda = a_cols + pad, ldb = b_cols + pad, ldc = c.N + pad;
  std::vector<float> A(static_cast<size_t>(a_rows) * lda), B(static_cast<size_t>(b_rows) * ldb),
      C(static_cast<size_t>(c.M) * ldc);
  for (auto& v : A) v = static_cast<float>(rng.uniform(-1, 1));
  for (auto& v : B) v = static_cast<float>(rng.uniform(-1, 1));
  for (auto& v : C) v = static_cast<float>(rng.uniform(-1, 1));
  std::vector<double> Ad(A.begin(), A.end()), Bd(B.begin(), B.end()), Cd(C.begin(), C.end());
  // |A|·|B| bounds the rounding error of a float dot product.
  std::vector<double> Aa(Ad), Ba(Bd), bound(static_cast<size_t>(c.M) * ldc, 0.0);
  for (auto& v : Aa) v = std::fabs(v);
  for (auto& v : Ba) v = std::fabs(v);
  nn::gemm_reference(ta, tb, c.M, c.N, c.K, Aa.data(), lda, Ba.data(), ldb, bound.data(), ldc, false);
  const std::vector<float> C0 = C;

  nn::sgemm(ta, tb, c.M, c.N, c.K, A.data(), lda, B.data(), ldb, C.data(), ldc, accumulate);
  nn::gemm_reference(ta, tb, c.M, c.N, c.K, Ad.data(), lda, Bd.data(), ldb, Cd.data(), ldc, accumulate);
  for (int i = 0; i < c.M; ++i) {
    for (int j = 0; j < ldc; ++j) {
      const size_t at = static_cast<size_t>(i) * ldc + j;
      if (j >= c.N) {
        ASSERT_EQ(C[at], C0[at]) << "wrote outside C at " << i << "," << j;
        continue;
      }
      const double tol = 4 * 6e-8 * (c.K + 2) * (bound[at] + std::fabs(C0[at])) + 1e-7;
      ASSERT_NEAR(C[at], Cd[at], tol) << "ta=" << ta << " tb=" << tb << " M=" << c.M << " N=" << c.N << " K=" << c.K
                                      << " acc=" << accumulate << " at " << i << "," << j;
    }
  }
}

}  // namespace

TEST(Sgemm, MatchesDoubleReferenceOnOddShapes) {
  const Case cases[] = {{1, 1, 1},      {7, 13, 5}, {4, 8, 3},  {5, 9, 257},    {129, 785, 33},
                        {33, 129, 785}, {3, 1, 17}, {1, 17, 3}, {130, 10, 512}, {128, 31, 300}};
  for (const Case& c : cases)
    for (int ta = 0; ta < 2; ++ta)
      for (int tb = 0; tb < 2; ++tb) {
        check(ta, tb, c, false, 0);
        check(ta, tb, c, true, 3);
      }
}

TEST(Sgemm, TrainingShapesOfTheNotesNetwork) {
  check(false, false, {128, 512, 784}, false, 0);  // X·W
  check(true, false, {784, 512, 128}, false, 0);   // Xᵀ·dY
  check(false, true, {128, 784, 512}, false, 0);   // dY·Wᵀ
}

TEST(Sgemm, ZeroDepthClearsOrKeeps) {
  std::vector<float> C = {1, 2, 3, 4};
  nn::sgemm(false, false, 2, 2, 0, nullptr, 1, nullptr, 2, C.data(), 2, true);
  EXPECT_EQ(C, (std::vector<float>{1, 2, 3, 4}));
  nn::sgemm(false, false, 2, 2, 0, nullptr, 1, nullptr, 2, C.data(), 2, false);
  EXPECT_EQ(C, (std::vector<float>{0, 0, 0, 0}));
}

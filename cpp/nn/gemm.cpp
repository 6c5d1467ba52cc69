#include "gemm.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "simd.h"

namespace nn {
namespace {

// 4 floats in one 128-bit register: v128 in WASM, xmm natively.
using simd::load;
using simd::store;
using simd::v4f;

constexpr int MR = 4;     // rows of C per micro-tile
constexpr int NR = 8;     // columns of C per micro-tile (two vectors)
constexpr int KC = 256;   // depth of one packed block (A panel 4 KB, B panel 8 KB: L1)
constexpr int MC = 128;   // rows of A per packed block (128 KB: L2)
constexpr int NC = 2048;  // columns of B per packed block

// Packs op(A)[i0:i0+mc, p0:p0+kc] into row panels of MR: panel r holds
// kc groups of MR values (rows padded with zeros).
void pack_a(bool trans, const float* A, int lda, int i0, int p0, int mc, int kc, float* out) {
  for (int ir = 0; ir < mc; ir += MR) {
    const int mr = std::min(MR, mc - ir);
    for (int p = 0; p < kc; ++p) {
      for (int i = 0; i < MR; ++i) {
        float v = 0.f;
        if (i < mr) {
          const int row = i0 + ir + i, col = p0 + p;
          v = trans ? A[static_cast<size_t>(col) * lda + row] : A[static_cast<size_t>(row) * lda + col];
        }
        *out++ = v;
      }
    }
  }
}

// Packs op(B)[p0:p0+kc, j0:j0+nc] into column panels of NR: panel c holds kc
// groups of NR values (columns padded with zeros).
void pack_b(bool trans, const float* B, int ldb, int p0, int j0, int kc, int nc, float* out) {
  for (int jr = 0; jr < nc; jr += NR) {
    const int nr = std::min(NR, nc - jr);
    if (!trans && nr == NR) {
      for (int p = 0; p < kc; ++p) {
        std::memcpy(out, B + static_cast<size_t>(p0 + p) * ldb + j0 + jr, NR * sizeof(float));
        out += NR;
      }
      continue;
    }
    if (trans) {
      // op(B) = Bᵀ: column j of op(B) is row j of B, contiguous in p. Read each
      // row once, write it down the panel with stride NR.
      for (int j = 0; j < NR; ++j) {
        if (j < nr) {
          const float* row = B + static_cast<size_t>(j0 + jr + j) * ldb + p0;
          for (int p = 0; p < kc; ++p) out[p * NR + j] = row[p];
        } else {
          for (int p = 0; p < kc; ++p) out[p * NR + j] = 0.f;
        }
      }
      out += static_cast<size_t>(kc) * NR;
      continue;
    }
    for (int p = 0; p < kc; ++p) {
      for (int j = 0; j < NR; ++j) {
        *out++ = j < nr ? B[static_cast<size_t>(p0 + p) * ldb + j0 + jr + j] : 0.f;
      }
    }
  }
}

// C[4×8] (+)= Apanel · Bpanel over kc. `add` = keep what is in C.
// Each step: 2 vector loads of B, 4 splats of A, 8 multiplies and 8 adds.
inline void micro_kernel(int kc, const float* a, const float* b, float* c, int ldc, bool add) {
  v4f c00 = {0, 0, 0, 0}, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int p = 0; p < kc; ++p) {
    const v4f b0 = load(b), b1 = load(b + 4);
    const v4f a0 = {a[0], a[0], a[0], a[0]};
    const v4f a1 = {a[1], a[1], a[1], a[1]};
    const v4f a2 = {a[2], a[2], a[2], a[2]};
    const v4f a3 = {a[3], a[3], a[3], a[3]};
    c00 += a0 * b0;
    c01 += a0 * b1;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c30 += a3 * b0;
    c31 += a3 * b1;
    a += MR;
    b += NR;
  }
  if (add) {
    c00 += load(c);
    c01 += load(c + 4);
    c += ldc;
    c10 += load(c);
    c11 += load(c + 4);
    c += ldc;
    c20 += load(c);
    c21 += load(c + 4);
    c += ldc;
    c30 += load(c);
    c31 += load(c + 4);
    c -= 3 * ldc;
  }
  store(c, c00);
  store(c + 4, c01);
  c += ldc;
  store(c, c10);
  store(c + 4, c11);
  c += ldc;
  store(c, c20);
  store(c + 4, c21);
  c += ldc;
  store(c, c30);
  store(c + 4, c31);
}

// Packing buffers reused across calls (single-threaded engine), 64-byte aligned
// so a packed panel never straddles cache lines more than it must.
struct AlignedFloats {
  std::vector<float> storage;
  float* ptr = nullptr;
  size_t capacity = 0;
  void reserve(size_t n) {
    if (n <= capacity) return;
    storage.assign(n + 16, 0.f);
    const uintptr_t p = reinterpret_cast<uintptr_t>(storage.data());
    ptr = reinterpret_cast<float*>((p + 63) & ~uintptr_t(63));
    capacity = n;
  }
  float* data() { return ptr; }
};
struct PackBuffers {
  AlignedFloats a, b;
};
PackBuffers& buffers() {
  static PackBuffers b;
  return b;
}

}  // namespace

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
           int ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate)
      for (int i = 0; i < M; ++i)
        std::fill(C + static_cast<size_t>(i) * ldc, C + static_cast<size_t>(i) * ldc + N, 0.f);
    return;
  }
  PackBuffers& buf = buffers();
  const size_t need_a = static_cast<size_t>((std::min(MC, M) + MR - 1) / MR * MR) * KC;
  const size_t need_b = static_cast<size_t>((std::min(NC, N) + NR - 1) / NR * NR) * KC;
  buf.a.reserve(need_a);
  buf.b.reserve(need_b);
  float edge[MR * NR];

  for (int jc = 0; jc < N; jc += NC) {
    const int nc = std::min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      const int kc = std::min(KC, K - pc);
      const bool add = accumulate || pc > 0;
      pack_b(trans_b, B, ldb, pc, jc, kc, nc, buf.b.data());
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = std::min(MC, M - ic);
        pack_a(trans_a, A, lda, ic, pc, mc, kc, buf.a.data());
        for (int jr = 0; jr < nc; jr += NR) {
          const int nr = std::min(NR, nc - jr);
          const float* bp = buf.b.data() + static_cast<size_t>(jr) * kc;
          for (int ir = 0; ir < mc; ir += MR) {
            const int mr = std::min(MR, mc - ir);
            const float* ap = buf.a.data() + static_cast<size_t>(ir) * kc;
            float* c = C + static_cast<size_t>(ic + ir) * ldc + jc + jr;
            if (mr == MR && nr == NR) {
              micro_kernel(kc, ap, bp, c, ldc, add);
            } else {
              // Edge tile: compute the full tile aside, then copy the valid part.
              micro_kernel(kc, ap, bp, edge, NR, false);
              for (int i = 0; i < mr; ++i)
                for (int j = 0; j < nr; ++j) {
                  float& dst = c[static_cast<size_t>(i) * ldc + j];
                  dst = add ? dst + edge[i * NR + j] : edge[i * NR + j];
                }
            }
          }
        }
      }
    }
  }
}

void gemm_reference(bool trans_a, bool trans_b, int M, int N, int K, const double* A, int lda, const double* B, int ldb,
                    double* C, int ldc, bool accumulate) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double s = 0;
      for (int p = 0; p < K; ++p) {
        const double a = trans_a ? A[static_cast<size_t>(p) * lda + i] : A[static_cast<size_t>(i) * lda + p];
        const double b = trans_b ? B[static_cast<size_t>(j) * ldb + p] : B[static_cast<size_t>(p) * ldb + j];
        s += a * b;
      }
      double& c = C[static_cast<size_t>(i) * ldc + j];
      c = accumulate ? c + s : s;
    }
}

}  // namespace nn

// Measurement kernels for the benchmark (tests/bench): timing SGEMM on a
// shape, and an independent multiply-add loop that estimates the machine's
// peak f32x4 throughput on one core (the yardstick for the SGEMM).
#pragma once

namespace nn {

/// Seconds per call of sgemm(trans_a, trans_b, M, N, K) averaged over reps calls
/// (after one warm-up call), on operands filled with small values.
double time_sgemm(bool trans_a, bool trans_b, int M, int N, int K, int reps);

/// GFLOP/s of a loop of independent 4-lane multiplies and adds (12 accumulators,
/// a multiply and an add per lane per step: what the SGEMM micro-kernel does).
double simd_peak_gflops(long iterations);

}  // namespace nn

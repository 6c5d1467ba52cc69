#!/usr/bin/env python3
"""Where the polynomial coefficients of cpp/nn/vmath.h come from, and their
errors: /usr/bin/python3 build-scripts/fit-polynomials.py (Debian's numpy,
installed by setup.sh with python3-torch).

Two methods, both in double, with the coefficients then rounded to float and
the polynomial evaluated in float (Horner, as the kernels do) to give the
error that matters:
- Chebyshev interpolation (near-minimax) for the older kernels;
- minimax for relative error by Lawson's iteration (reweighted least squares),
  the coefficients rounded to float one at a time from the highest, the rest
  refitted after each, for the kernels tuned for speed.

  detail::exp_poly            e^r = 1 + r + r^2 q(r), |r| <= ln2/2, q degree 3 (minimax)
  detail::exp2_poly           2^f, |f| <= 1/2, degree 5 with p(0) = 1 (minimax)
  detail::expm1_over_r        (e^r - 1)/r, |r| <= 1.02 ln2/2, degree 5 (Chebyshev)
  detail::log1p_unit          2 atanh(sqrt z)/sqrt z = 2 + z g(z), z in [0, 1/9], g degree 2 (minimax)
  detail::erfc_scaled         erfc(a) e^(a^2)/t, t = 1/(1 + a/2) in (0, 1], degree 10 (Chebyshev)
  detail::erf_near0           erf(sqrt u)/sqrt u, u in [0, 1], degree 5 (Chebyshev)
  detail::normal_tail_scaled  Q(a) e^(a^2/2)/t, t = 1/(1 + 0.3 a), a <= 13.3, in u = t - 0.6002,
                              degree 7 (minimax, weighted 20x where GELU's f' cancels)
The sweeps in tests/cpp/test_vmath.cpp are what check the kernels built on them.
"""
import math
import numpy as np

F = np.float32


def horner_f32(c, x):
    """c low to high, evaluated in float as the kernels do."""
    x = np.asarray(x, dtype=F)
    p = np.full_like(x, F(c[-1]))
    for v in reversed(c[:-1]):
        p = p * x + F(v)
    return p.astype(np.float64)


def solve(A, b):
    """Gaussian elimination with partial pivoting (the order of operations the
    coefficients in vmath.h were first computed with)."""
    n = len(b)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c:
                f = M[r][c] / M[c][c]
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    return [M[i][n] / M[i][i] for i in range(n)]


def chebyshev(g, a, b, deg):
    """Interpolation at the deg + 1 Chebyshev nodes of [a, b]; coefficients low to high."""
    nodes = [(a + b) / 2 + (b - a) / 2 * math.cos(math.pi * (k + 0.5) / (deg + 1)) for k in range(deg + 1)]
    return solve([[x ** j for j in range(deg + 1)] for x in nodes], [g(x) for x in nodes])


def lawson(powers, target, weight, xs, iters=800):
    """min over c of max |weight (sum c_k x^k - target)|, k in powers."""
    B = np.array([xs ** k for k in powers]).T
    t, w = target(xs), weight(xs)
    lw = np.ones(len(xs)) / len(xs)
    for _ in range(iters):
        sw = np.sqrt(lw)
        c, *_ = np.linalg.lstsq(B * (w * sw)[:, None], t * w * sw, rcond=None)
        e = np.abs(w * (B @ c - t))
        lw = lw * e / np.sum(lw * e)
    return c


def minimax_f32(powers, target, weight, xs, fixed=None):
    """Lawson, rounding the coefficients to float from the highest power down."""
    fixed = dict(fixed or {})
    for k in sorted(powers, reverse=True):
        free = [j for j in powers if j not in fixed]
        rest = lambda x: target(x) - sum(v * x ** j for j, v in fixed.items() if j in powers)
        c = lawson(free, rest, weight, xs)
        fixed[k] = float(F(c[free.index(k)]))
    return fixed


def cheb_points(a, b, n=3000):
    return (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (np.arange(n) + 0.5) / n)


def show(name, coeffs, err):
    print(f"{name}: max relative error {err:.2e} (float evaluation)")
    print("  low to high: " + ", ".join(f"{float(F(v)):.9g}f" for v in coeffs))


L = math.log(2) / 2

# exp_poly: e^r = 1 + r + c2 r^2 + ... + c5 r^5
xs = cheb_points(-L * 1.001, L * 1.001)
c = minimax_f32([2, 3, 4, 5], lambda r: np.exp(r) - 1 - r, lambda r: np.exp(-r), xs)
coeffs = [1.0, 1.0] + [c[k] for k in (2, 3, 4, 5)]
r = np.linspace(-L, L, 200001)
show("exp_poly", coeffs, np.max(np.abs(horner_f32(coeffs, r) - np.exp(r)) / np.exp(r)))

# exp2_poly: 2^f = 1 + c1 f + ... + c5 f^5, |f| <= 1/2
xs = cheb_points(-0.5005, 0.5005)
c = minimax_f32([1, 2, 3, 4, 5], lambda f: np.exp2(f) - 1, lambda f: np.exp2(-f), xs)
coeffs = [1.0] + [c[k] for k in (1, 2, 3, 4, 5)]
f = np.linspace(-0.5, 0.5, 200001)
show("exp2_poly", coeffs, np.max(np.abs(horner_f32(coeffs, f) - np.exp2(f)) / np.exp2(f)))

# expm1_over_r (degree 5, p(0) = 1)
h = lambda r: math.expm1(r) / r if r != 0 else 1.0
c = chebyshev(h, -L * 1.02, L * 1.02, 5)
c = [1.0] + c[1:]
rr = np.linspace(-L, L, 200001)
ref = np.array([h(v) for v in rr])
show("expm1_over_r", c, np.max(np.abs(horner_f32(c, rr) - ref) / ref))

# log1p_unit: G(z) = 2 + g1 z + g2 z^2 + g3 z^3
G = lambda z: np.where(z > 1e-12, 2 * np.arctanh(np.sqrt(np.maximum(z, 1e-30))) / np.sqrt(np.maximum(z, 1e-30)), 2.0)
c = minimax_f32([1, 2, 3], lambda z: G(z) - 2, lambda z: 1 / G(z), cheb_points(0, 1 / 9))
coeffs = [2.0] + [c[k] for k in (1, 2, 3)]
z = np.linspace(0, 1 / 9, 100001)
show("log1p_unit G", coeffs, np.max(np.abs(horner_f32(coeffs, z) - G(z)) / G(z)))


def erfc_scaled(t):
    if t <= 1e-9:
        return 1 / (2 * math.sqrt(math.pi))
    a = 2 * (1 / t - 1)
    v = (1 / (a * math.sqrt(math.pi)) * (1 - 1 / (2 * a * a) + 3 / (4 * a ** 4) - 15 / (8 * a ** 6))
         if a > 25 else math.erfc(a) * math.exp(a * a))
    return v / t


c = chebyshev(erfc_scaled, 0, 1, 10)
tt = np.linspace(1e-6, 1, 20001)
ref = np.array([erfc_scaled(v) for v in tt])
show("erfc_scaled", c, np.max(np.abs(horner_f32(c, tt) - ref) / ref))

erf0 = lambda u: math.erf(math.sqrt(u)) / math.sqrt(u) if u > 0 else 2 / math.sqrt(math.pi)
c = chebyshev(erf0, 0, 1, 5)
uu = np.linspace(1e-9, 1, 20001)
ref = np.array([erf0(v) for v in uu])
show("erf_near0", c, np.max(np.abs(horner_f32(c, uu) - ref) / ref))

# normal_tail_scaled: M(t) = Q(a) e^(a^2/2) / t, t = 1/(1 + 0.3 a), in u = t - tc.
# Fitted over every a whose e^(-a^2/2) is a normal float (a <= 13.3), weighted
# 20x on a in [0.3, 1.6], where GELU's f' = Phi(x) + x phi(x) cancels (its zero
# is at x = -0.75), and 1e-5 beyond 13.3, where the kernel's exp is 0.
K, A = 0.3, 13.3


def M(t):
    out = []
    for v in np.atleast_1d(t):
        if v < 1e-12:
            out.append(0.5 * K * math.sqrt(2 / math.pi))
            continue
        a = (1 / v - 1) / K
        zz = a / math.sqrt(2)
        q = (0.5 / (zz * math.sqrt(math.pi)) * (1 - 1 / (2 * zz * zz) + 3 / (4 * zz ** 4) - 15 / (8 * zz ** 6))
             if zz >= 25 else 0.5 * math.erfc(zz) * math.exp(zz * zz))
        out.append(q / v)
    return np.array(out)


tmin = 1 / (1 + K * A)
tc = float(F((1 + tmin) / 2))
lo, hi = 1 / (1 + K * 1.6), 1 / (1 + K * 0.3)
ts = np.concatenate([np.linspace(0, tmin, 400), cheb_points(tmin, 1)])
weight = lambda u: (np.where(u + tc >= tmin, 1.0, 1e-5) * np.where((u + tc >= lo) & (u + tc <= hi), 20.0, 1.0)
                    / M(u + tc))
c = minimax_f32(list(range(8)), lambda u: M(u + tc), weight, ts - tc)
coeffs = [c[k] for k in range(8)]
t = np.linspace(tmin, 1, 20001).astype(F)
u = (t - F(tc)).astype(F)
rel = np.abs(horner_f32(coeffs, u) - M(t.astype(np.float64))) / M(t.astype(np.float64))
show(f"normal_tail_scaled (tc = {tc:.9g}f)", coeffs, rel.max())
print(f"  on a in [0.3, 1.6]: {rel[(t >= lo) & (t <= hi)].max():.2e}")

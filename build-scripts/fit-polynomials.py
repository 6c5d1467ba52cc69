#!/usr/bin/env python3
"""Where the polynomial coefficients of cpp/nn/vmath.h come from: Chebyshev
interpolation (near-minimax) of each function on its reduced range, in double,
with the coefficients rounded to float before the error is measured. Pure
Python, no packages: python3 build-scripts/fit-polynomials.py

  (e^r - 1)/r      on |r| <= 1.02 ln2/2, degree 5  -> vmath detail::expm1_over_r
  erfc(a) e^(a^2)/t with t = 1/(1 + a/2), t in (0, 1], degree 10 -> erfc_scaled
  atanh(sqrt z)/sqrt z on [0, 1/9], degree 4       -> log1p_unit
  erf(sqrt u)/sqrt u  on [0, 1], degree 5          -> erf_near0
The sweep in tests/cpp/test_vmath.cpp is what checks the kernels built on them.
"""
import math, struct
def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
def solve(A, b):
    n=len(b); M=[row[:]+[b[i]] for i,row in enumerate(A)]
    for c in range(n):
        p=max(range(c,n), key=lambda r: abs(M[r][c])); M[c],M[p]=M[p],M[c]
        for r in range(n):
            if r!=c:
                f=M[r][c]/M[c][c]
                for k in range(c,n+1): M[r][k]-=f*M[c][k]
    return [M[i][n]/M[i][i] for i in range(n)]
def fit(g, a, b, deg):
    # interpolate at Chebyshev nodes, then a few rounds of Remez-like reweighting skipped: plain interpolation
    nodes=[(a+b)/2+(b-a)/2*math.cos(math.pi*(k+0.5)/(deg+1)) for k in range(deg+1)]
    A=[[x**j for j in range(deg+1)] for x in nodes]
    return solve(A,[g(x) for x in nodes])
def horner(c, x):
    p=c[-1]
    for k in reversed(c[:-1]): p=p*x+k
    return p
def maxrel(g, c, a, b, n=20001):
    cf=[f32(v) for v in c]
    return max(abs(horner(cf,x)-g(x))/abs(g(x)) for x in [a+(b-a)*i/(n-1) for i in range(n)])
import sys
# 1. (e^r - 1)/r on [-ln2/2, ln2/2]
h=lambda r: math.expm1(r)/r if r!=0 else 1.0
L=math.log(2)/2*1.02
for deg in (4,5):
    c=fit(h,-L,L,deg); print('expm1/r deg',deg,[float('%.9g'%f32(v)) for v in c], 'maxrel %.2e'%maxrel(h,c,-L,L))
# 2. P(t) = erfc(z) e^{z^2} / t, z = 2(1/t - 1), t in (0,1]
def P(t):
    if t<=1e-9: return 1/(2*math.sqrt(math.pi))
    z=2*(1/t-1)
    if z>25:
        # asymptotic erfc(z) e^{z^2} ~ 1/(z sqrt pi) (1 - 1/(2z^2) + 3/(4z^4))
        v=1/(z*math.sqrt(math.pi))*(1-1/(2*z*z)+3/(4*z**4)-15/(8*z**6))
    else:
        v=math.erfc(z)*math.exp(z*z)
    return v/t
for deg in (7,8,9,10,11):
    c=fit(P,0,1,deg); print('P deg',deg,'maxrel %.2e'%maxrel(P,c,1e-6,1), 'max|c| %.2f'%max(abs(v) for v in c))
# 3. atanh(sqrt z)/sqrt z on [0, 1/9]: 2s*g(z) = log1p
g=lambda z: math.atanh(math.sqrt(z))/math.sqrt(z) if z>0 else 1.0
for deg in (3,4,5):
    c=fit(g,0,1/9,deg); print('atanh deg',deg,[float('%.9g'%f32(v)) for v in c],'maxrel %.2e'%maxrel(g,c,1e-9,1/9))
# 4. erf(sqrt u)/sqrt u on [0,1]
e=lambda u: math.erf(math.sqrt(u))/math.sqrt(u) if u>0 else 2/math.sqrt(math.pi)
for deg in (5,6,7):
    c=fit(e,0,1,deg); print('erf deg',deg,[float('%.9g'%f32(v)) for v in c],'maxrel %.2e'%maxrel(e,c,1e-9,1))
print('---')
L=math.log(2)/2*1.02
print('EXPM1', ['%.9g'%f32(v) for v in fit(h,-L,L,5)])
print('P9', ['%.9g'%f32(v) for v in fit(P,0,1,9)])
print('ATANH4', ['%.9g'%f32(v) for v in fit(g,0,1/9,4)])
print('ERF5', ['%.9g'%f32(v) for v in fit(e,0,1,5)])
print('P10', ['%.9g'%f32(v) for v in fit(P,0,1,10)])

"""Reference values for tests/core/distributions.test.ts, computed with mpmath at 60 digits.

Run: python3 tools/make_distribution_fixtures.py > tests/fixtures/distributions.json
(needs mpmath, and scipy for root brackets; the JSON it writes is committed, so the tests need no Python).
"""
import json
import mpmath as mp
from scipy.stats import norm, t as student_t

mp.mp.dps = 60


def t_upper(t, df):
    t = mp.mpf(t); df = mp.mpf(df)
    x = df / (df + t * t)
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
    return tail if t > 0 else 1 - tail


def solve_decreasing(f, target, lo, hi):
    """Bisection at 60 digits: f decreasing on [lo, hi]."""
    lo = mp.mpf(lo); hi = mp.mpf(hi)
    for _ in range(120):
        mid = (lo + hi) / 2
        if f(mid) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_quantile_upper(q, df):
    # scipy only brackets the root; the digits come from mpmath's bisection.
    start = float(student_t.isf(q, df))
    return solve_decreasing(lambda x: t_upper(x, df), mp.mpf(q), start * (1 - 1e-6), start * (1 + 1e-6))


def n_upper(z):
    return mp.erfc(mp.mpf(z) / mp.sqrt(2)) / 2


dfs = [1, 1.5, 2, 3, 4.7, 10, 29.3, 100, 587.25, 1000, 1e4, 123456.5, 1e6]
ts = [0.05, 0.5, 1, 1.96, 2.5, 4, 8, 15, 40]
qs = [0.4, 0.25, 0.05, 0.025, 0.005, 1e-4, 1e-7]
out = {"tUpper": [], "tQuantileUpper": [], "normalUpper": [], "normalQuantileUpper": [], "lnGamma": []}
for df in dfs:
    for t in ts + [-1.5]:
        out["tUpper"].append([t, df, float(t_upper(t, df))])
    for q in qs:
        if df == 1 and q < 1e-6:
            continue
        out["tQuantileUpper"].append([q, df, float(t_quantile_upper(q, df))])
for z in [-3, -0.5, 0.01, 0.3, 1, 1.5, 1.959963984540054, 2, 2.5, 3, 5, 8, 12, 20, 30]:
    out["normalUpper"].append([z, float(n_upper(z))])
for q in [0.5 - 1e-9, 0.4, 0.1, 0.05, 0.025, 0.01, 1e-4, 1e-8, 1e-12, 1e-20, 0.975]:
    out["normalQuantileUpper"].append([q, float(solve_decreasing(n_upper, mp.mpf(q), norm.isf(q) - 1e-6, norm.isf(q) + 1e-6))])
for x in [0.01, 0.5, 1, 1.5, 2.5, 7.3, 9.99, 10, 10.01, 50.5, 1234.5, 5e5, 5e5 + 0.5]:
    out["lnGamma"].append([x, float(mp.loggamma(x))])
print(json.dumps(out, indent=1))

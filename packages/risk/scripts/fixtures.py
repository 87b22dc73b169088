#!/usr/bin/python3
"""Reference answers for packages/risk, computed independently with numpy, scipy and mpmath.

Regenerate with:  /usr/bin/python3 packages/risk/scripts/fixtures.py
(Debian's python3-numpy, python3-scipy, python3-mpmath). Writes JSON into packages/risk/test/fixtures/.

The references deliberately take other routes than the TypeScript code:
- bivariate normal: mpmath quadrature (30 digits) of Plackett's identity, not Genz's algorithm;
- Vasicek ES and variance: quadrature of the quantile function and of E[p(Y)^2], not the
  bivariate-normal closed forms;
- portfolio loss variance: a double loop over obligor pairs with bivariate normals, not the
  tetrachoric series;
- the finite homogeneous portfolio: the exact binomial mixture by quadrature, for the Monte Carlo;
- IRB, granularity adjustment and IFRS 9: plain numpy re-implementations of the published formulas,
  looping the way the texts write them (the IRB values are also checked against the BCBS tables);
- xoshiro128**: the reference C algorithm transcribed to Python integers.
"""
import json
import math
import os
import warnings

import mpmath
import numpy as np
import scipy
from scipy import integrate, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures")
mpmath.mp.dps = 30
N = stats.norm


def write(name, payload):
    payload = {"generatedBy": "packages/risk/scripts/fixtures.py", "numpy": np.__version__, "scipy": scipy.__version__, **payload}
    with open(os.path.join(OUT, name), "w") as handle:
        json.dump(payload, handle, indent=1)
        handle.write("\n")


def bvn(h, k, r):
    """P(X <= h, Y <= k) = N(h) N(k) + int_0^r phi2(h, k; t) dt (Plackett), 30-digit quadrature."""
    h, k, r = mpmath.mpf(h), mpmath.mpf(k), mpmath.mpf(r)
    if r == 0:
        return float(mpmath.ncdf(h) * mpmath.ncdf(k))

    def density(t):
        s = 1 - t * t
        return mpmath.exp(-(h * h - 2 * t * h * k + k * k) / (2 * s)) / (2 * mpmath.pi * mpmath.sqrt(s))

    return float(mpmath.ncdf(h) * mpmath.ncdf(k) + mpmath.quad(density, [0, r]))


def bivariate_fixture():
    cases = []
    for h in [-6.0, -3.2, -2.0, -0.7, 0.0, 0.4, 1.5, 3.0]:
        for k in [-4.5, -1.1, 0.0, 0.9, 2.6]:
            for r in [-0.999, -0.95, -0.6, -0.2, 0.0, 0.1, 0.35, 0.74, 0.8, 0.93, 0.96, 0.999]:
                cases.append({"h": h, "k": k, "r": r, "cdf": bvn(h, k, r)})
    write("bivariate-normal.json", {"cases": cases})


def vasicek_fixture():
    cases = []
    for p in [0.0005, 0.003, 0.01, 0.05, 0.2]:
        for rho in [0.04, 0.12, 0.15, 0.24, 0.5]:
            c = N.ppf(p)

            def quantile(u):
                return N.cdf((c + math.sqrt(rho) * N.ppf(u)) / math.sqrt(1 - rho))

            row = {"pd": p, "rho": rho, "quantiles": {}, "es": {}, "cdf": {}}
            for alpha in [0.9, 0.99, 0.999]:
                row["quantiles"][str(alpha)] = quantile(alpha)
                # ES as the average quantile above alpha, substituting u = N(z) to tame the tail.
                zalpha = N.ppf(alpha)
                es = integrate.quad(lambda z: quantile(N.cdf(z)) * N.pdf(z), zalpha, np.inf, epsabs=1e-15, epsrel=1e-12, limit=200)[0]
                row["es"][str(alpha)] = es / (1 - alpha)
            for x in [0.001, 0.01, 0.05, 0.2]:
                # P(L <= x) = P(Y >= (c - sqrt(1-rho) G(x)) / sqrt(rho)), here by quadrature over Y.
                y0 = (c - math.sqrt(1 - rho) * N.ppf(x)) / math.sqrt(rho)
                row["cdf"][str(x)] = integrate.quad(N.pdf, y0, np.inf, epsabs=1e-15, epsrel=1e-13)[0]
            second = integrate.quad(lambda y: N.cdf((c - math.sqrt(rho) * y) / math.sqrt(1 - rho)) ** 2 * N.pdf(y), -np.inf, np.inf, epsabs=1e-16, epsrel=1e-12, limit=200)[0]
            row["variance"] = second - p * p
            cases.append(row)
    write("vasicek.json", {"cases": cases})


def basel_correlation(pd, asset_class, sales=None, large_financial=False):
    if asset_class == "residential-mortgage":
        return 0.15
    if asset_class in ("qrre", "qrre-transactor"):
        return 0.04
    if asset_class == "other-retail":
        w = (1 - math.exp(-35 * pd)) / (1 - math.exp(-35))
        return 0.03 * w + 0.16 * (1 - w)
    w = (1 - math.exp(-50 * pd)) / (1 - math.exp(-50))
    r = 0.12 * w + 0.24 * (1 - w)
    if asset_class in ("corporate", "sme") and sales is not None and sales < 50:
        r -= 0.04 * (1 - (max(5, sales) - 5) / 45)
    if large_financial:
        r *= 1.25
    return r


def irb_k(pd, lgd, r, m, retail):
    k = lgd * N.cdf((1 - r) ** -0.5 * N.ppf(pd) + (r / (1 - r)) ** 0.5 * N.ppf(0.999)) - pd * lgd
    if retail:
        return k
    b = (0.11852 - 0.05478 * math.log(pd)) ** 2
    return k * (1 + (m - 2.5) * b) / (1 - 1.5 * b)


def irb_fixture():
    rng = np.random.default_rng(11)
    classes = ["corporate", "sme", "sovereign", "bank", "residential-mortgage", "qrre", "qrre-transactor", "other-retail"]
    cases = []
    for i in range(120):
        asset_class = classes[i % len(classes)]
        pd = float(np.round(np.exp(rng.uniform(np.log(0.0003), np.log(0.4))), 6))
        lgd = float(np.round(rng.uniform(0.05, 0.9), 4))
        m = float(np.round(rng.uniform(0.3, 7), 3))
        sales = float(np.round(rng.uniform(1, 80), 2)) if asset_class in ("corporate", "sme") and i % 3 else None
        large = asset_class == "bank" and i % 2 == 0
        retail = asset_class in ("residential-mortgage", "qrre", "qrre-transactor", "other-retail")
        r = basel_correlation(pd, asset_class, sales, large)
        m_used = min(5, max(1, m))
        k = irb_k(pd, lgd, r, m_used, retail)
        cases.append({
            "exposure": {"id": f"E{i}", "sector": "x", "ead": 1000.0, "pd": pd, "lgd": lgd, "maturity": m, "assetClass": asset_class,
                         **({"annualSales": sales} if sales is not None else {}), **({"largeFinancial": True} if large else {})},
            "correlation": r, "k": k, "riskWeight": 12.5 * k,
        })
    write("irb.json", {"note": "PD floors are set to 0 in the test so these raw values apply", "cases": cases})


def small_portfolio(rng):
    sectors = ["energy", "retail", "tech"]
    corr = np.array([[1.0, 0.45, 0.2], [0.45, 1.0, 0.6], [0.2, 0.6, 1.0]])
    exposures = []
    for o in range(30):
        pd = float(np.round(np.exp(rng.uniform(np.log(0.001), np.log(0.25))), 6)) if o % 10 else [0.0, 1.0, 0.02][o // 10]
        sector = sectors[o % 3]
        r = float(np.round(rng.uniform(0.02, 0.45), 4))
        for e in range(1 + (o % 4 == 0)):
            sd = float(np.round(rng.uniform(0.05, 0.2), 4)) if (o + e) % 3 == 0 else 0.0
            exposures.append({"id": f"X{o}-{e}", "obligorId": f"O{o}", "sector": sector, "ead": float(np.round(rng.lognormal(3, 0.8), 2)),
                              "pd": pd, "lgd": float(np.round(rng.uniform(0.3, 0.7), 3)), "lgdSd": sd, "assetCorrelation": r})
    return sectors, corr, exposures


def loss_variance_fixture():
    rng = np.random.default_rng(5)
    sectors, corr, exposures = small_portfolio(rng)
    obligors = {}
    for e in exposures:
        o = obligors.setdefault(e["obligorId"], {"pd": e["pd"], "r": e["assetCorrelation"], "s": sectors.index(e["sector"]), "v": 0.0, "vv": 0.0})
        o["v"] += e["ead"] * e["lgd"]
        o["vv"] += e["ead"] ** 2 * e["lgdSd"] ** 2
    ids = list(obligors)
    n = len(ids)
    cov = np.zeros((n, n))
    for i, a in enumerate(ids):
        A = obligors[a]
        for j, b in enumerate(ids):
            B = obligors[b]
            if i == j:
                cov[i, j] = A["pd"] * (A["v"] ** 2 + A["vv"]) - (A["pd"] * A["v"]) ** 2
            elif 0 < A["pd"] < 1 and 0 < B["pd"] < 1:
                rho = math.sqrt(A["r"] * B["r"]) * corr[A["s"], B["s"]]
                joint = bvn(N.ppf(A["pd"]), N.ppf(B["pd"]), rho)
                cov[i, j] = A["v"] * B["v"] * (joint - A["pd"] * B["pd"])
    variance = cov.sum()
    sd = math.sqrt(variance)
    write("loss-variance.json", {
        "factorModel": {"sectors": sectors, "correlation": corr.tolist()},
        "exposures": exposures,
        "expectedLoss": sum(obligors[a]["pd"] * obligors[a]["v"] for a in ids),
        "variance": variance,
        "unexpectedLoss": sd,
        "contributions": {a: cov[i].sum() / sd for i, a in enumerate(ids)},
    })


def finite_homogeneous_fixture():
    """Exact loss distribution of n identical obligors (p, rho), LGD 1, EAD 1, by quadrature."""
    cases = []
    for n, p, rho in [(1000, 0.01, 0.15), (200, 0.05, 0.2)]:
        y = np.linspace(-9, 9, 6001)
        weight = N.pdf(y) * (y[1] - y[0])
        weight[0] *= 0.5
        weight[-1] *= 0.5
        cond = N.cdf((N.ppf(p) - math.sqrt(rho) * y) / math.sqrt(1 - rho))
        k = np.arange(n + 1)
        pmf = np.zeros(n + 1)
        for start in range(0, len(y), 500):
            pmf += stats.binom.pmf(k[:, None], n, cond[None, start:start + 500]) @ weight[start:start + 500]
        row = {"n": n, "pd": p, "rho": rho, "massCheck": float(pmf.sum()), "levels": {}}
        for alpha in [0.99, 0.999]:
            above = np.cumsum(pmf[::-1])[::-1]  # P(D >= k)
            # VaR = smallest k with P(D <= k) >= alpha; ES (Acerbi-Tasche) with the atom share at VaR.
            cdf = np.cumsum(pmf)
            q = int(np.argmax(cdf >= alpha))
            tail_above = 1 - cdf[q]
            es = (float((k[q + 1:] * pmf[q + 1:]).sum()) + q * (1 - alpha - tail_above)) / (1 - alpha)
            row["levels"][str(alpha)] = {"valueAtRisk": q, "expectedShortfall": es, "probabilityAbove": float(above[q + 1]) if q + 1 <= n else 0.0}
        cases.append(row)
    write("finite-homogeneous.json", {"cases": cases})


def granularity_fixture():
    rng = np.random.default_rng(21)
    xi, nu, q = 0.25, 0.25, 0.999
    a = stats.gamma.ppf(q, a=xi, scale=1 / xi)
    delta = (a - 1) * (xi + (1 - xi) / a)
    exposures = []
    for i in range(40):
        exposures.append({"id": f"G{i}", "sector": "x", "ead": float(np.round(rng.pareto(1.5) * 10 + 1, 2)),
                          "pd": float(np.round(np.exp(rng.uniform(np.log(0.001), np.log(0.1))), 5)),
                          "lgd": float(np.round(rng.uniform(0.2, 0.6), 3)), "maturity": 2.5, "assetClass": "corporate"})
    total = sum(e["ead"] for e in exposures)
    ks, terms, terms_simple = [], [], []
    for e in exposures:
        pd = max(e["pd"], 0.0005)
        k = irb_k(pd, e["lgd"], basel_correlation(pd, "corporate"), 2.5, False)
        s = e["ead"] / total
        E = e["lgd"]
        V = nu * E * (1 - E)
        C = (V + E * E) / E
        R = E * pd
        ks.append(s * k)
        terms.append(s * s * (delta * C * (k + R) + delta * (k + R) ** 2 * V / E ** 2 - k * (C + 2 * (k + R) * V / E ** 2)))
        terms_simple.append(s * s * C * (delta * (k + R) - k))
    kstar = sum(ks)
    write("granularity.json", {"xi": xi, "nu": nu, "confidence": q, "delta": delta, "exposures": exposures,
                               "kStar": kstar, "adjustment": sum(terms) / (2 * kstar), "simplifiedAdjustment": sum(terms_simple) / (2 * kstar)})


def ecl_fixture():
    cases = []
    # Amortising loan, monthly periods, cumulative PD curve with interpolation by constant hazard.
    cumulative = [0.02, 0.045, 0.07, 0.092]
    def survival(t):
        if t <= 0:
            return 1.0
        S = [1.0] + [1 - c for c in cumulative]
        whole = int(math.floor(t))
        if whole >= len(cumulative):
            yearly = S[-1] / S[-2]
            return S[-1] * yearly ** (t - len(cumulative))
        return S[whole] * (S[whole + 1] / S[whole]) ** (t - whole)
    for life, amort, timing, f in [(3.5, "linear", "end", 12), (5.25, "none", "middle", 4), (0.6, "none", "end", 12)]:
        periods = math.ceil(life * f - 1e-9)
        def ead_at(k):
            return 100000.0 * (periods - k + 1) / periods if amort == "linear" else 100000.0
        def ecl(horizon):
            total = 0.0
            prev = 1.0
            for k in range(1, math.ceil(horizon * f - 1e-9) + 1):
                start, end = (k - 1) / f, min(k / f, horizon)
                s = survival(end)
                tau = end if timing == "end" else (start + end) / 2
                total += (prev - s) * 0.4 * ead_at(k) / 1.06 ** tau
                prev = s
            return total
        cases.append({"exposure": {"id": f"L{len(cases)}", "stage": 2, "ead": 100000.0, "lgd": 0.4, "eir": 0.06, "remainingLife": life,
                                   "pdTermStructure": {"cumulative": cumulative}, "amortisation": amort},
                      "options": {"periodsPerYear": f, "timing": timing}, "twelveMonth": ecl(min(1, life)), "lifetime": ecl(life)})
    matrix = np.array([[0.90, 0.08, 0.015, 0.005], [0.05, 0.85, 0.08, 0.02], [0.01, 0.09, 0.80, 0.10], [0, 0, 0, 1.0]])
    migration = [[float(np.linalg.matrix_power(matrix, t)[i, -1]) for t in range(1, 6)] for i in range(3)]
    write("ifrs9.json", {"ecl": cases, "migration": {"matrix": matrix.tolist(), "cumulative": migration}})


def xoshiro_fixture():
    mask = 0xFFFFFFFF
    s = [1, 2, 3, 4]
    def rotl(x, k):
        return ((x << k) | (x >> (32 - k))) & mask
    out = []
    for _ in range(12):
        result = (rotl((s[1] * 5) & mask, 7) * 9) & mask
        t = (s[1] << 9) & mask
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        out.append(result)
    write("xoshiro128starstar.json", {"state": [1, 2, 3, 4], "outputs": out})


if __name__ == "__main__":
    # binom.pmf warns about p = 0 at the edge of the factor grid; the value (0) is right.
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    os.makedirs(OUT, exist_ok=True)
    bivariate_fixture()
    vasicek_fixture()
    irb_fixture()
    loss_variance_fixture()
    finite_homogeneous_fixture()
    granularity_fixture()
    ecl_fixture()
    xoshiro_fixture()

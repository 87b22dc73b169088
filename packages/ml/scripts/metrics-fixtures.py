#!/usr/bin/python3
"""Reference answers for packages/ml/src/metrics, computed with scikit-learn, scipy and numpy.

Regenerate with:  /usr/bin/python3 packages/ml/scripts/metrics-fixtures.py
(Debian's python3-sklearn, python3-scipy, python3-pandas). Writes JSON into
packages/ml/test/fixtures/metrics/. The data are synthetic (fixed seed) but shaped like a
credit portfolio: about 9% defaults, PDs rounded so that ties occur, a scorecard with few
distinct point totals, a drifted population for PSI/CSI with missing values and new levels.

The references deliberately avoid the TypeScript algorithms: DeLong placements come from the
O(n1 * n0) pairwise kernel, bucketing from pandas.cut, tails from scipy.stats.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "metrics")
MASTER_SCALE = [  # must match DEFAULT_MASTER_SCALE in src/metrics/grades.ts
    ("AAA", 0.0003), ("AA", 0.001), ("A", 0.0025), ("BBB", 0.006), ("BB", 0.015),
    ("B", 0.035), ("CCC", 0.08), ("CC", 0.18), ("C", 0.4), ("D", 1.0),
]
EMPTY_BIN_SHARE = 1e-4  # must match EMPTY_BIN_SHARE in src/metrics/psi.ts


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def num(x):
    """JSON-safe float: NaN -> None, +-inf -> strings."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def make_portfolio(rng, n):
    quality = rng.normal(size=n)
    labels = (rng.random(n) < sigmoid(-2.7 + 1.2 * quality)).astype(int)
    # Model A: a good model whose PDs are rounded to 3 decimals (ties), with a few extreme PDs.
    pd_a = np.round(sigmoid(-2.6 + 1.0 * (quality + 0.6 * rng.normal(size=n))), 3)
    pd_a[:3] = [0.0, 1.0, 0.0]
    # Model B: a weaker, correlated model on the same rows.
    pd_b = np.round(sigmoid(-2.5 + 0.7 * quality + 0.8 * rng.normal(size=n)), 4)
    # A scorecard: integer points, very few distinct values (heavy ties).
    points = np.round(quality * 1.5 + rng.normal(size=n) * 0.8).astype(int)
    return labels, pd_a, pd_b, points


def delong_reference(labels, scores_list):
    """Placement values from the pairwise Mann-Whitney kernel (DeLong et al. 1988, eqs. 3-5)."""
    labels = np.asarray(labels)
    out = []
    for s in scores_list:
        s = np.asarray(s, dtype=float)
        x = s[labels == 1][:, None]
        y = s[labels == 0][None, :]
        kernel = (x > y) + 0.5 * (x == y)
        out.append((kernel.mean(axis=1), kernel.mean(axis=0)))  # V10 per default, V01 per non-default
    return out


def delong_single(labels, scores, confidence):
    (v10, v01), = delong_reference(labels, [scores])
    auc = v10.mean()
    var = v10.var(ddof=1) / len(v10) + v01.var(ddof=1) / len(v01)
    se = math.sqrt(var)
    half = stats.norm.ppf(0.5 + confidence / 2) * se
    return {"confidence": confidence, "auc": auc, "se": se,
            "lower": max(0.0, auc - half), "upper": min(1.0, auc + half)}


def delong_pair(labels, a, b):
    (a10, a01), (b10, b01) = delong_reference(labels, [a, b])
    s10 = np.cov(np.vstack([a10, b10]), ddof=1)
    s01 = np.cov(np.vstack([a01, b01]), ddof=1)
    contrast = np.array([1.0, -1.0])
    var = contrast @ s10 @ contrast / len(a10) + contrast @ s01 @ contrast / len(a01)
    se = math.sqrt(var)
    diff = a10.mean() - b10.mean()
    z = diff / se
    return {"aucA": a10.mean(), "aucB": b10.mean(), "diff": diff, "se": se, "z": z,
            "pValue": 2 * stats.norm.sf(abs(z))}


def ks_reference(labels, scores):
    labels = np.asarray(labels)
    scores = np.asarray(scores, dtype=float)
    pos, neg = scores[labels == 1], scores[labels == 0]
    statistic = stats.ks_2samp(pos, neg).statistic
    # Threshold: smallest t maximising |F0(t) - F1(t)|, compared as exact integers.
    t = np.unique(scores)
    c1 = np.searchsorted(np.sort(pos), t, side="right").astype(np.int64)
    c0 = np.searchsorted(np.sort(neg), t, side="right").astype(np.int64)
    gap = np.abs(c1 * len(neg) - c0 * len(pos))
    return {"statistic": statistic, "threshold": t[int(np.argmax(gap))]}


def equal_count_edges(values, groups):
    """Upper edges sorted[floor(k n / groups) - 1], duplicates dropped (ties share a bucket)."""
    s = np.sort(values)
    n = len(s)
    cuts = [(k * n) // groups for k in range(1, groups + 1)]
    return sorted(set(float(s[c - 1]) for c in cuts if c > 0))


def calibration_rows(labels, pdv, bucket_codes, names):
    df = pd.DataFrame({"y": labels, "pd": pdv, "b": bucket_codes})
    g = df.groupby("b", sort=True)
    rows = []
    for b, part in g:
        rows.append({
            "bucket": names[int(b)], "count": int(len(part)), "defaults": int(part.y.sum()),
            "meanPd": float(part.pd.mean()), "observedRate": float(part.y.mean()),
            "lowerPd": float(part.pd.min()), "upperPd": float(part.pd.max()),
        })
    return rows


def deciles(labels, pdv, groups=10):
    edges = equal_count_edges(pdv, groups)
    codes = pd.cut(pdv, bins=[-np.inf] + edges[:-1] + [np.inf], right=True, labels=False)
    return calibration_rows(labels, pdv, codes, [str(i + 1) for i in range(len(edges))])


def hosmer_lemeshow(labels, pdv, groups=10):
    table = deciles(labels, pdv, groups)
    stat = 0.0
    for r in table:
        e = r["count"] * r["meanPd"]
        stat += (r["defaults"] - e) ** 2 / (e * (1 - r["meanPd"]))
    df = len(table) - 2
    return {"groups": groups, "statistic": stat, "df": df, "pValue": stats.chi2.sf(stat, df), "table": table}


def grades(labels, pdv, alpha=0.05):
    bounds = [b for _, b in MASTER_SCALE]
    codes = pd.cut(pdv, bins=[-np.inf] + bounds, right=True, labels=False)
    rows = calibration_rows(labels, pdv, codes, [g for g, _ in MASTER_SCALE])
    for r in rows:
        d, n, p = r["defaults"], r["count"], r["meanPd"]
        b = stats.binom.sf(d - 1, n, p)
        j = stats.beta.cdf(p, d + 0.5, n - d + 0.5)
        r.update({"grade": r["bucket"], "maxPd": dict(MASTER_SCALE)[r["bucket"]],
                  "binomial": {"pValue": b, "reject": bool(b < alpha)},
                  "jeffreys": {"pValue": j, "reject": bool(j < alpha)}})
    return rows


def share_contribution(e, a):
    e = e if e > 0 else EMPTY_BIN_SHARE
    a = a if a > 0 else EMPTY_BIN_SHARE
    return (a - e) * math.log(a / e)


def psi_reference(expected, actual, bins=10, edges=None):
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if edges is None:
        edges = equal_count_edges(expected[~np.isnan(expected)], bins)[:-1]
    cut = [-np.inf] + list(edges) + [np.inf]
    e_counts = pd.Series(pd.cut(expected, bins=cut, right=True, labels=False)).value_counts(dropna=False)
    a_counts = pd.Series(pd.cut(actual, bins=cut, right=True, labels=False)).value_counts(dropna=False)
    keys = list(range(len(cut) - 1))
    if np.isnan(expected).any() or np.isnan(actual).any():
        keys.append("missing")
    out = []
    total = 0.0
    for k in keys:
        if k == "missing":
            ec, ac = int(np.isnan(expected).sum()), int(np.isnan(actual).sum())
            lower = upper = float("nan")
        else:
            ec, ac = int(e_counts.get(k, 0)), int(a_counts.get(k, 0))
            lower, upper = cut[k], cut[k + 1]
        es, as_ = ec / len(expected), ac / len(actual)
        c = share_contribution(es, as_)
        total += c
        out.append({"lower": num(lower), "upper": num(upper), "expectedCount": ec, "actualCount": ac,
                    "expectedShare": es, "actualShare": as_, "contribution": c})
    return {"psi": total, "bins": out}


def categorical_csi(expected, actual):
    e = pd.Series(expected).value_counts()
    a = pd.Series(actual).value_counts()
    levels = sorted(e.index, key=lambda lv: (-int(e[lv]), lv))
    rows = [(lv, int(e[lv]), int(a.get(lv, 0))) for lv in levels]
    rows.append((None, 0, int(a[~a.index.isin(e.index)].sum())))
    total = 0.0
    bins = []
    for lv, ec, ac in rows:
        es, as_ = ec / len(expected), ac / len(actual)
        c = share_contribution(es, as_)
        total += c
        bins.append({"level": lv, "expectedCount": ec, "actualCount": ac,
                     "expectedShare": es, "actualShare": as_, "contribution": c})
    return {"csi": total, "bins": bins}


def distribution_cases():
    z = [-5.0, -1.96, 0.0, 1.0, 1.959963984540054, 3.0, 8.0, 12.0]
    p = [1e-6, 0.025, 0.5, 0.8, 0.9, 0.95, 0.975, 0.995]
    chi = [(0.5, 1), (3.841458820694124, 1), (15.5, 8), (30.0, 8), (100.0, 8), (2.0, 20), (250.0, 7)]
    beta = [(0.02, 3.5, 97.5), (0.001, 0.5, 1000.5), (0.3, 12.5, 30.5), (0.9, 0.5, 0.5), (0.0004, 0.5, 2500.5)]
    binom = [(10, 100, 0.03), (0, 50, 0.1), (1, 50, 0.001), (60, 1000, 0.03), (500, 1000, 0.3),
             (7, 7, 0.2), (3, 2500, 0.0003), (120, 600, 0.15)]
    return {
        "normalSf": [{"z": v, "value": stats.norm.sf(v)} for v in z],
        "normalCdf": [{"z": v, "value": stats.norm.cdf(v)} for v in z],
        "normalQuantile": [{"p": v, "value": stats.norm.ppf(v)} for v in p],
        "chiSquareSf": [{"x": x, "df": d, "value": stats.chi2.sf(x, d)} for x, d in chi],
        "betaCdf": [{"x": x, "a": a, "b": b, "value": stats.beta.cdf(x, a, b)} for x, a, b in beta],
        # P(X >= k) = sf(k - 1)
        "binomialUpperTail": [{"k": k, "n": n, "p": q, "value": stats.binom.sf(k - 1, n, q)} for k, n, q in binom],
        "jeffreys": [{"defaults": k, "count": n, "pd": q, "value": stats.beta.cdf(q, k + 0.5, n - k + 0.5)}
                     for k, n, q in binom],
    }


def main():
    rng = np.random.default_rng(20240601)
    labels, pd_a, pd_b, points = make_portfolio(rng, 3000)

    portfolio = {
        "labels": labels.tolist(), "pdA": pd_a.tolist(), "pdB": pd_b.tolist(), "points": points.tolist(),
        "auc": {"pdA": roc_auc_score(labels, pd_a), "pdB": roc_auc_score(labels, pd_b),
                "points": roc_auc_score(labels, points)},
        "deLong": {"pdA": delong_single(labels, pd_a, 0.95), "pointsAt90": delong_single(labels, points, 0.90)},
        "deLongCompare": delong_pair(labels, pd_a, pd_b),
        "ks": {"pdA": ks_reference(labels, pd_a), "points": ks_reference(labels, points)},
        "brier": {"pdA": brier_score_loss(labels, pd_a), "pdB": brier_score_loss(labels, pd_b)},
        "logLoss": {"pdA": log_loss(labels, pd_a, eps=1e-15), "pdB": log_loss(labels, pd_b, eps=1e-15),
                    "pdAEps1e-6": log_loss(labels, pd_a, eps=1e-6)},
        "deciles": {"pdA": deciles(labels, pd_a), "pdB": deciles(labels, pd_b)},
        "hosmerLemeshow": {"pdB": hosmer_lemeshow(labels, pd_b), "pdB20": hosmer_lemeshow(labels, pd_b, 20)},
        "grades": {"pdB": grades(labels, pd_b), "pdBAlpha01": grades(labels, pd_b, 0.01)},
    }

    # A scorecard's few distinct PDs: deciles collapse to fewer buckets.
    scorecard_pd = np.round(sigmoid(-2.4 + 0.9 * np.clip(points, -3, 3)), 4)
    portfolio["scorecardPd"] = scorecard_pd.tolist()
    portfolio["deciles"]["scorecardPd"] = deciles(labels, scorecard_pd)

    # Population drift: development sample vs a recent one that moved, with missing values.
    income_dev = np.round(rng.lognormal(10.5, 0.6, 4000), -2)
    income_new = np.round(rng.lognormal(10.65, 0.7, 2500), -2)
    income_dev[rng.random(4000) < 0.02] = np.nan
    income_new[rng.random(2500) < 0.05] = np.nan
    region_dev = rng.choice(["north", "south", "east", "west", "islands"], 4000, p=[0.3, 0.3, 0.2, 0.15, 0.05]).tolist()
    region_new = rng.choice(["north", "south", "east", "west", "capital", "abroad"], 2500,
                            p=[0.25, 0.35, 0.2, 0.1, 0.07, 0.03]).tolist()
    score_dev = np.round(rng.normal(600, 50, 4000))
    score_new = np.round(rng.normal(590, 55, 2500))
    drift = {
        "incomeDev": [num(v) for v in income_dev], "incomeNew": [num(v) for v in income_new],
        "regionDev": region_dev, "regionNew": region_new,
        "scoreDev": score_dev.tolist(), "scoreNew": score_new.tolist(),
        "psi": {
            "score": psi_reference(score_dev, score_new),
            "score5": psi_reference(score_dev, score_new, bins=5),
            "scoreEdges": psi_reference(score_dev, score_new, edges=[500.0, 550.0, 600.0, 650.0, 700.0]),
            "income": psi_reference(income_dev, income_new),
        },
        "csi": {
            "income": psi_reference(income_dev, income_new),
            "score": psi_reference(score_dev, score_new),
            "region": categorical_csi(region_dev, region_new),
        },
    }

    meta = {"generator": "packages/ml/scripts/metrics-fixtures.py",
            "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                         "sklearn": sklearn.__version__, "pandas": pd.__version__}}
    os.makedirs(OUT, exist_ok=True)
    for name, body in [("distributions", distribution_cases()), ("portfolio", portfolio), ("drift", drift)]:
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump({"meta": meta, **body}, f, separators=(",", ":"), allow_nan=False,
                      default=lambda o: o.item())
            f.write("\n")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()

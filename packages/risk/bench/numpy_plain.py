#!/usr/bin/python3
"""Plain Monte Carlo of portfolio credit loss in numpy: the reference of the risk benchmark.

One normal draw per obligor and scenario, no variance reduction:
  Y = L z (sector factors, L the Cholesky factor of the sector correlation), X_i = sqrt(R_i) Y_s(i)
  + sqrt(1 - R_i) e_i, default iff X_i < G(PD_i), loss = sum of EAD x LGD over defaults.
VaR, ES and their standard errors use the same estimators as @probity/risk (weights 1).

Usage: numpy_plain.py PORTFOLIO.json SCENARIOS REPEATS
Prints JSON: per-repetition seconds, throughput, and estimates from the pooled repetitions.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.stats import norm


def load(path):
    with open(path) as handle:
        data = json.load(handle)
    exposures = data["exposures"]
    sectors = data["factorModel"]["sectors"]
    index = {s: i for i, s in enumerate(sectors)}
    c = norm.ppf(np.array([e["pd"] for e in exposures]))
    r = np.array([e["assetCorrelation"] for e in exposures])
    v = np.array([e["ead"] * e["lgd"] for e in exposures])
    sector = np.array([index[e["sector"]] for e in exposures])
    chol = np.linalg.cholesky(np.array(data["factorModel"]["correlation"]))
    return c, np.sqrt(r), np.sqrt(1 - r), v, sector, chol


def simulate(model, scenarios, seed, batch=200):
    c, sr, s1r, v, sector, chol = model
    rng = np.random.default_rng(seed)
    losses = np.empty(scenarios)
    for start in range(0, scenarios, batch):
        b = min(batch, scenarios - start)
        y = rng.standard_normal((b, chol.shape[0])) @ chol.T
        x = sr * y[:, sector] + s1r * rng.standard_normal((b, len(c)))
        losses[start:start + b] = (x < c) @ v
    return losses


def quantile(sorted_desc, level):
    """Smallest loss x with P(L > x) <= 1 - level (the estimator of @probity/risk)."""
    n = len(sorted_desc)
    k = max(1, math.ceil(n * (1 - level) - 1e-9))
    return sorted_desc[k - 1]


def estimates(losses, level):
    n = len(losses)
    desc = np.sort(losses)[::-1]
    q = quantile(desc, level)
    above = losses > q
    p_above = above.mean()
    tail = 1 - level
    es = q + np.maximum(losses - q, 0).mean() / tail
    es_se = np.maximum(losses - q, 0).std() / math.sqrt(n) / tail
    s = math.sqrt(p_above * (1 - p_above) / n)
    var_se = (quantile(desc, min(1 - 1e-15, level + s)) - quantile(desc, max(1e-12, level - s))) / 2
    return {"valueAtRisk": float(q), "valueAtRiskSE": float(var_se), "expectedShortfall": float(es), "expectedShortfallSE": float(es_se)}


def main():
    path, scenarios, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    model = load(path)
    simulate(model, 400, 0)  # warm-up
    runs, pooled = [], []
    for rep in range(repeats):
        start = time.perf_counter()
        losses = simulate(model, scenarios, 1000 + rep)
        runs.append(time.perf_counter() - start)
        pooled.append(losses)
    losses = np.concatenate(pooled)
    obligors = len(model[0])
    seconds = sorted(runs)[len(runs) // 2]
    print(json.dumps({
        "numpy": np.__version__,
        "obligors": obligors,
        "scenariosPerRepetition": scenarios,
        "seconds": runs,
        "medianSeconds": seconds,
        "obligorScenariosPerSecond": scenarios * obligors / seconds,
        "pooledScenarios": len(losses),
        "expectedLoss": float(losses.mean()),
        "levels": {str(level): estimates(losses, level) for level in (0.99, 0.999)},
    }))


if __name__ == "__main__":
    main()

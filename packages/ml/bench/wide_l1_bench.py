"""The scikit-learn side of the wide L1 benchmark (bench/wide-l1.ts calls this; never used by tests).

Subcommands, each printing one JSON object:
  generate DIR ROWS COLUMNS INFORMATIVE SEED
      writes DIR/X.f32 (rows x columns float32, row-major, as numpy and scikit-learn read it),
      DIR/y.u8 and DIR/meta.json, a block of rows at a time (never the whole matrix in float64)
  fit DIR SOLVER C
      LogisticRegression(penalty="l1", C=C, solver=SOLVER) on that data, timed (fit only); its
      coefficients go to DIR/SOLVER.coef.f64, and the answer holds the seconds, the iterations, the
      peak resident memory of this process and the objective of the solution under both conventions:
      saga's (intercept unpenalised) and liblinear's (intercept penalised like a coefficient).

The data look like a credit bureau extract of ratios (share of revolving limit used, share of trades
ever delinquent, ...): each column is Beta(1, 8) (mean 0.11, mostly near 0, never above 1), and the
log-odds of default are linear in INFORMATIVE of them, at random positions, with effects of 1 to 4
per unit ratio in either direction, and an intercept giving a default rate near 10%.
Run with Debian's Python: /usr/bin/python3 bench/wide_l1_bench.py ...
"""
import json
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np

BLOCK = 10_000


def generate(directory, rows, columns, informative, seed):
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(columns, informative, replace=False))
    effects = rng.uniform(1.0, 4.0, informative) * rng.choice([-1.0, 1.0], informative)
    mean = 1.0 / 9.0  # of Beta(1, 8)
    labels = np.empty(rows, dtype=np.uint8)
    started = time.perf_counter()
    with open(d / "X.f32", "wb") as out:
        for start in range(0, rows, BLOCK):
            m = min(BLOCK, rows - start)
            u = rng.random((m, columns), dtype=np.float32)
            x = (1.0 - np.power(u, np.float32(1.0 / 8.0))).astype(np.float32)  # Beta(1, 8) by inversion
            z = -2.9 + (x[:, picked].astype(np.float64) - mean) @ effects
            labels[start:start + m] = rng.random(m) < 1.0 / (1.0 + np.exp(-z))
            out.write(x.tobytes())
    labels.tofile(d / "y.u8")
    meta = {"rows": rows, "columns": columns, "informative": picked.tolist(), "effects": effects.tolist(), "seed": seed,
            "defaultRate": float(labels.mean()), "generator": "beta(1,8) ratios v1"}
    (d / "meta.json").write_text(json.dumps(meta))
    return {"seconds": time.perf_counter() - started, "defaultRate": meta["defaultRate"]}


def objectives(X, y, coef, intercept, lam):
    z = X @ coef.astype(np.float32)
    z = z.astype(np.float64) + intercept
    loss = float(np.sum(np.logaddexp(0, z) - y * z))
    l1 = float(np.abs(coef).sum())
    return {"loss": loss, "objectiveInterceptFree": loss + lam * l1, "objectiveInterceptPenalised": loss + lam * (l1 + abs(intercept))}


def fit(directory, solver, C):
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    d = Path(directory)
    meta = json.loads((d / "meta.json").read_text())
    X = np.fromfile(d / "X.f32", dtype=np.float32).reshape(meta["rows"], meta["columns"])
    y = np.fromfile(d / "y.u8", dtype=np.uint8).astype(np.float64)
    model = LogisticRegression(penalty="l1", C=C, solver=solver)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        started = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - started
    coef = model.coef_[0].astype(np.float64)
    intercept = float(model.intercept_[0])
    np.append(coef, intercept).tofile(d / f"{solver}.coef.f64")
    return {
        "sklearn": sklearn.__version__,
        "solver": solver,
        "C": C,
        "seconds": seconds,
        "iterations": int(np.max(model.n_iter_)),
        "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
        "peakRssMegabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "selected": np.flatnonzero(coef).tolist(),
        **objectives(X, y, coef, intercept, 1.0 / C),
    }


def main():
    command = sys.argv[1]
    if command == "generate":
        result = generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif command == "fit":
        result = fit(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

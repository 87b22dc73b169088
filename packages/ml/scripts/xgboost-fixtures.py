"""Reference answers for the trees' evaluator and TreeSHAP, computed by XGBoost (Debian's python3-xgboost 1.7).

Run with Debian's Python:  /usr/bin/python3 scripts/xgboost-fixtures.py
Writes test/fixtures/trees/xgboost-*.json: each holds XGBoost's own JSON model (save_model format),
float32 rows with missing values (null), XGBoost's margins (output_margin) and pred_contribs
(path-dependent TreeSHAP; the last column is the bias). The TypeScript tests read the model through
Probity's XGBoost importer and must reproduce the margins and the contributions.
"""
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import xgboost as xgb

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "trees"
OUT.mkdir(parents=True, exist_ok=True)


def make_data(rng, n, p, missing):
    X = rng.normal(size=(n, p)).astype(np.float32)
    X[:, 1] = np.round(X[:, 1] * 2).astype(np.float32)  # ties: a code-like column
    logit = 1.2 * X[:, 0] - 0.8 * (X[:, 1] > 0) + 0.6 * X[:, 2] * X[:, 3] - 1.0
    mask = rng.random(size=X.shape) < missing
    X[mask] = np.nan
    # Informative missingness: a missing column 2 raises the risk.
    logit = logit + 1.0 * np.isnan(X[:, 2])
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float32)
    return X, y


def case(name, seed, params, rounds, n=600, p=5, missing=0.1):
    rng = np.random.default_rng(seed)
    X, y = make_data(rng, n, p, missing)
    booster = xgb.train({**params, "objective": "binary:logistic", "nthread": 1, "seed": seed}, xgb.DMatrix(X, label=y, missing=np.nan), rounds)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.json")
        booster.save_model(path)
        with open(path) as fh:
            model = json.load(fh)
    test = X[:80]
    dtest = xgb.DMatrix(test, missing=np.nan)
    margin = booster.predict(dtest, output_margin=True)
    contribs = booster.predict(dtest, pred_contribs=True)
    rows = [[None if np.isnan(v) else float(v) for v in row] for row in test]
    out = {
        "xgboostVersion": xgb.__version__,
        "params": {**params, "rounds": rounds},
        "model": model,
        "rows": rows,
        "margin": [float(m) for m in margin],
        "contribs": [[float(c) for c in row] for row in contribs],
    }
    with open(OUT / f"xgboost-{name}.json", "w") as fh:
        json.dump(out, fh)
    print(name, "trees", rounds, "margin[0]", float(margin[0]))


case("depthwise", 1, {"max_depth": 4, "eta": 0.3, "tree_method": "hist", "base_score": 0.3}, 12)
case("lossguide", 2, {"grow_policy": "lossguide", "max_leaves": 15, "max_depth": 0, "eta": 0.2, "tree_method": "hist", "lambda": 2.0}, 15)
case("exact", 3, {"max_depth": 6, "eta": 0.5, "tree_method": "exact", "min_child_weight": 2}, 6, missing=0.25)

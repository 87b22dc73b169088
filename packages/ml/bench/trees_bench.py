"""The scikit-learn and XGBoost side of the trees benchmark (bench/trees.ts calls this; never used by tests).

Subcommands, each printing one JSON object:
  quality CSV TARGET ID|- [hist] (hist: HistGradientBoosting only)
                            --split mod5 (test = ID % 5 == 0, or the 0-based row number without an id):
                            HistGradientBoosting, MLP, LogisticRegression (scikit-learn) and XGBoost
                            test AUC, each trained on all non-test rows with its defaults (median
                            imputation and missing indicators, standardised, for MLP and logistic)
  generate DIR ROWS COLS    float32 X (with 5% missing), uint8 y, for the speed problem
  speed DIR THREADS TREES LEAVES SCORE_ROWS SHAP_ROWS
                            XGBoost hist training (lossguide, TREES trees of LEAVES leaves) on THREADS
                            threads, then predict and pred_contribs on one thread, rows per second
Run with Debian's Python: /usr/bin/python3 bench/trees_bench.py ...
"""
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np


def read_csv(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[float(v) if v not in ("", "?", "NA") else np.nan for v in row] for row in reader]
    return header, np.array(rows, dtype=np.float64)


def quality(path, target, id_column, only_hist=False):
    import sklearn
    import xgboost as xgb
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    header, data = read_csv(path)
    y = data[:, header.index(target)].astype(np.int64)
    ids = data[:, header.index(id_column)] if id_column != "-" else np.arange(len(y))
    test = ids % 5 == 0
    features = [h for h in header if h not in (target, id_column)]
    X = data[:, [header.index(h) for h in features]]
    # Ratios over near-zero denominators reach 1e300 in the Polish file: clip for the linear models.
    impute = lambda: SimpleImputer(strategy="median", add_indicator=True)
    models = {
        "HistGradientBoostingClassifier": HistGradientBoostingClassifier(random_state=0),
        "XGBoost": xgb.XGBClassifier(tree_method="hist", random_state=0, n_jobs=2),
        "MLPClassifier": make_pipeline(impute(), StandardScaler(), MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True, random_state=0, max_iter=300)),
        "LogisticRegression": make_pipeline(impute(), StandardScaler(), LogisticRegression(max_iter=5000)),
    }
    if only_hist:
        models = {"HistGradientBoostingClassifier": models["HistGradientBoostingClassifier"]}
    Xc = np.clip(X, -1e9, 1e9)
    out = {"sklearn": sklearn.__version__, "xgboost": xgb.__version__, "models": {}}
    for name, model in models.items():
        data_x = X if name in ("HistGradientBoostingClassifier", "XGBoost") else Xc
        start = time.perf_counter()
        model.fit(data_x[~test], y[~test])
        seconds = time.perf_counter() - start
        auc = roc_auc_score(y[test], model.predict_proba(data_x[test])[:, 1])
        out["models"][name] = {"testAuc": float(auc), "trainSeconds": seconds}
    return out


def generate(directory, rows, cols):
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240501)
    X = rng.normal(size=(rows, cols)).astype(np.float32)
    z = -1.5 + X[:, :8] @ np.array([0.8, -0.6, 0.5, 0.4, -0.3, 0.3, 0.2, -0.2], dtype=np.float32)
    z += 0.8 * (X[:, 8] > 0.5) * (X[:, 9] < 0) + 0.5 * np.abs(X[:, 10])
    y = (rng.random(rows) < 1 / (1 + np.exp(-z))).astype(np.uint8)
    X[rng.random(size=X.shape) < 0.05] = np.nan
    X.tofile(d / "X.f32")
    y.tofile(d / "y.u8")
    (d / "meta.json").write_text(json.dumps({"rows": rows, "columns": cols}))
    return {"rows": rows, "columns": cols, "defaultRate": float(y.mean())}


def speed(directory, threads, trees, leaves, score_rows, shap_rows):
    import xgboost as xgb

    d = Path(directory)
    meta = json.loads((d / "meta.json").read_text())
    X = np.fromfile(d / "X.f32", dtype=np.float32).reshape(meta["rows"], meta["columns"])
    y = np.fromfile(d / "y.u8", dtype=np.uint8).astype(np.float32)
    params = {
        "tree_method": "hist", "grow_policy": "lossguide", "max_leaves": leaves, "max_depth": 0, "max_bin": 256,
        "eta": 0.1, "lambda": 1.0, "min_child_weight": 1.0, "objective": "binary:logistic", "nthread": threads,
    }
    start = time.perf_counter()
    dtrain = xgb.DMatrix(X, label=y, missing=np.nan, nthread=threads)
    booster = xgb.train(params, dtrain, trees)
    train_seconds = time.perf_counter() - start
    leaves_made = sum(t.count("leaf=") for t in booster.get_dump())
    booster.set_param({"nthread": 1})
    xs = X[:score_rows]
    times = []
    for _ in range(3):
        # A fresh DMatrix each time: XGBoost caches the predictions of one it has seen.
        dscore = xgb.DMatrix(xs, missing=np.nan, nthread=1)
        start = time.perf_counter()
        booster.predict(dscore, output_margin=True)
        times.append(time.perf_counter() - start)
    predict_seconds = float(np.median(times))
    dshap = xgb.DMatrix(X[:shap_rows], missing=np.nan, nthread=1)
    start = time.perf_counter()
    booster.predict(dshap, pred_contribs=True)
    shap_seconds = time.perf_counter() - start
    return {
        "xgboost": xgb.__version__,
        "threads": threads,
        "trainSeconds": train_seconds,
        "leaves": leaves_made,
        "predictRowsPerSecond": score_rows / predict_seconds,
        "contribsRowsPerSecond": shap_rows / shap_seconds,
    }


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "quality":
        result = quality(sys.argv[2], sys.argv[3], sys.argv[4], only_hist=sys.argv[5:6] == ["hist"])
    elif command == "generate":
        result = generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif command == "speed":
        result = speed(sys.argv[2], *map(int, sys.argv[3:8]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))

"""The scikit-learn and numpy side of `npm run bench` (bench/run.ts calls this; never used by tests).

Subcommands, each printing one JSON object:
  quality CSV               Taiwan mod5: LogisticRegression, MLPClassifier, HistGradientBoosting test AUC
  logistic-speed DIR        lbfgs on DIR/X.f32 (n x p float32) and DIR/y.u8, timed; log-likelihood
  logistic-score DIR W.f32  float32 X @ w + sigmoid on one core, rows per second
  deep-score DIR MODEL      the deep model's forward pass in float32 numpy on one core, rows per second,
                            and its largest difference from our scorer's logits (DIR/ours.f64)
Run with Debian's Python: /usr/bin/python3 bench/sklearn_bench.py ...
"""
import os

# One core for the scoring comparisons; the training comparison sets its own threads below.
if os.environ.get("PROBITY_BENCH_THREADS"):
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = os.environ["PROBITY_BENCH_THREADS"]

import base64
import json
import sys
import time
from pathlib import Path

import numpy as np


def best_of(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), float(min(times)), result


def quality(csv):
    import pandas as pd
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    df = pd.read_csv(csv)
    y = df["DEFAULT_NEXT_MONTH"].values
    test = (df["ID"] % 5 == 0).values
    X = df.drop(columns=["ID", "DEFAULT_NEXT_MONTH"])
    categorical = ["SEX", "EDUCATION", "MARRIAGE", "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"]
    numeric = [c for c in X.columns if c not in categorical]
    encode = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ("num", StandardScaler(), numeric),
    ])
    models = {
        "sklearn LogisticRegression": make_pipeline(encode, LogisticRegression(max_iter=5000)),
        "sklearn MLPClassifier": make_pipeline(encode, MLPClassifier(hidden_layer_sizes=(64, 32), early_stopping=True, random_state=0, max_iter=200)),
        "sklearn HistGradientBoostingClassifier": make_pipeline(
            ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical), ("num", "passthrough", numeric)]),
            HistGradientBoostingClassifier(random_state=0),
        ),
    }
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "models": {}}
    for name, model in models.items():
        start = time.perf_counter()
        model.fit(X[~test], y[~test])
        seconds = time.perf_counter() - start
        auc = roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])
        out["models"][name] = {"testAuc": float(auc), "trainSeconds": seconds}
    return out


def load_design(directory):
    d = Path(directory)
    meta = json.loads((d / "meta.json").read_text())
    X = np.fromfile(d / "X.f32", dtype=np.float32).reshape(meta["rows"], meta["columns"])
    return meta, X


def logistic_speed(directory, repeats):
    import sklearn
    from sklearn.linear_model import LogisticRegression

    meta, X32 = load_design(directory)
    y = np.fromfile(Path(directory) / "y.u8", dtype=np.uint8).astype(np.int64)
    X = X32.astype(np.float64)  # the same values our solver reads as float32

    def fit():
        return LogisticRegression(C=1.0 / meta["lambda"], solver="lbfgs", max_iter=1000).fit(X, y)

    median, best, model = best_of(fit, repeats)
    z = X @ model.coef_[0] + model.intercept_[0]
    loglik = float(np.sum(y * z - np.logaddexp(0, z)))
    objective = -loglik + 0.5 * meta["lambda"] * float(np.sum(model.coef_ ** 2))
    return {"sklearn": sklearn.__version__, "seconds": median, "bestSeconds": best, "iterations": int(model.n_iter_[0]),
            "logLikelihood": loglik, "objective": objective, "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}


def logistic_score(directory, weights_file, repeats):
    meta, X = load_design(directory)
    w = np.fromfile(weights_file, dtype=np.float32)
    coef, intercept = w[:-1], w[-1]

    def score():
        z = X @ coef + intercept
        return 1.0 / (1.0 + np.exp(-z))

    median, best, _ = best_of(score, repeats)
    return {"rowsPerSecond": meta["rows"] / median, "bestRowsPerSecond": meta["rows"] / best, "rows": meta["rows"]}


ACTIVATIONS = {
    "swish": lambda x: x / (1 + np.exp(-x)),
    "gelu": lambda x: 0.5 * x * (1 + np.tanh(np.float32(np.sqrt(2 / np.pi)) * (x + np.float32(0.044715) * x ** 3))),
    "softplus": lambda x: np.logaddexp(np.float32(0), x),
    "tanh": np.tanh,
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": lambda x: np.float32(1.0507009873554805) * np.where(x > 0, x, np.float32(1.6732632423543772) * np.expm1(np.minimum(x, 0))),
}


def deep_forward(state, dense, codes, sequences):
    """The deep model's maths (see src/deep/lean-network.ts) in float32 numpy."""
    arch, schema, weights = state["architecture"], state["schema"], state["weights"]

    def w(name):
        t = weights[name]
        return np.frombuffer(base64.b64decode(t["data"]), dtype="<f4").reshape(t["shape"])

    act = ACTIVATIONS[arch["activation"]]
    n = dense.shape[0]
    parts_x = [dense]
    parts_h = [dense]
    for i, _ in enumerate(schema["categorical"]):
        e = w(f"embedding/{i}")[codes[i]]
        parts_x.append(e)
        parts_h.append(e)
    k = arch["conv"]["kernelSize"]
    before = (k - 1) // 2
    for g, s in enumerate(schema["sequences"]):
        steps, channels = s["steps"], s["channels"]
        seq = sequences[g].reshape(n, steps, channels)
        parts_x.append(seq.reshape(n, -1))
        padded = np.zeros((n, steps + k - 1, channels), dtype=np.float32)
        padded[:, before:before + steps] = seq
        unfolded = np.concatenate([padded[:, j:j + steps] for j in range(k)], axis=2)  # n x steps x (k*channels)
        pre = unfolded @ w(f"conv/{g}/kernel") + w(f"conv/{g}/bias")
        out = act(pre)
        parts_h.append(out.mean(axis=1) if arch["conv"]["pooling"] == "mean" else out.reshape(n, -1))
    h = np.concatenate(parts_h, axis=1)
    for l, _ in enumerate(arch["hidden"]):
        h = act(h @ w(f"hidden/{l}/kernel") + w(f"hidden/{l}/bias"))
    logit = (h @ w("output/kernel"))[:, 0] + w("output/bias")[0]
    if arch["wide"]:
        logit = logit + (np.concatenate(parts_x, axis=1) @ w("wide/kernel"))[:, 0]
    return logit


def deep_score(directory, model_file, repeats):
    d = Path(directory)
    meta = json.loads((d / "meta.json").read_text())
    model = json.loads(Path(model_file).read_text())
    part = model["model"]
    state = part["state"] if part["kind"] == "deep" else next(m["model"]["state"] for m in part["state"]["members"] if m["model"]["kind"] == "deep")
    n = meta["rows"]
    dense = np.fromfile(d / "dense.f32", dtype=np.float32).reshape(n, meta["denseDim"])
    codes = [np.fromfile(d / f"codes{i}.i32", dtype=np.int32) for i in range(meta["categorical"])]
    sequences = [np.fromfile(d / f"seq{g}.f32", dtype=np.float32) for g in range(meta["sequences"])]
    median, best, logits = best_of(lambda: deep_forward(state, dense, codes, sequences), repeats)
    ours = np.fromfile(d / "ours.f64", dtype=np.float64)
    return {"rowsPerSecond": n / median, "bestRowsPerSecond": n / best, "rows": n, "maxAbsDiffFromOurs": float(np.max(np.abs(logits - ours)))}


def main():
    command = sys.argv[1]
    if command == "quality":
        result = quality(sys.argv[2])
    elif command == "logistic-speed":
        result = logistic_speed(sys.argv[2], int(sys.argv[3]))
    elif command == "logistic-score":
        result = logistic_score(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif command == "deep-score":
        result = deep_score(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

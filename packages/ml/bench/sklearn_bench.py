"""The scikit-learn and numpy side of `npm run bench` (bench/run.ts calls this; never used by tests).

Subcommands, each printing one JSON object:
  quality CSV               Taiwan mod5: LogisticRegression, MLPClassifier, HistGradientBoosting test AUC
  logistic-speed DIR        lbfgs on DIR/X.f32 (n x p float32) and DIR/y.u8, timed; log-likelihood
  logistic-score DIR W.f32  float32 X @ w + sigmoid on one core, rows per second
  serve                     side-by-side timing: reads one JSON command a line on stdin, answers one
                            JSON line (see serve() below); bench/run.ts alternates one repetition of
                            ours with one of numpy's, so load on the shared machine hits both alike
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


def quality(csv_path):
    import csv
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    # Plain csv and numpy (no pandas: Debian's python3-sklearn is all the benchmark asks for).
    with open(csv_path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        data = np.array([[float(v) for v in row] for row in reader])
    y = data[:, header.index("DEFAULT_NEXT_MONTH")].astype(np.int64)
    test = data[:, header.index("ID")] % 5 == 0
    features = [h for h in header if h not in ("ID", "DEFAULT_NEXT_MONTH")]
    X = data[:, [header.index(h) for h in features]]
    categorical_names = ["SEX", "EDUCATION", "MARRIAGE", "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"]
    categorical = [features.index(c) for c in categorical_names]
    numeric = [i for i in range(len(features)) if i not in categorical]
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


ACTIVATIONS = {
    "swish": lambda x: x / (1 + np.exp(-x)),
    "gelu": lambda x: 0.5 * x * (1 + np.tanh(np.float32(np.sqrt(2 / np.pi)) * (x + np.float32(0.044715) * x ** 3))),
    "softplus": lambda x: np.logaddexp(np.float32(0), x),
    "tanh": np.tanh,
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": lambda x: np.float32(1.0507009873554805) * np.where(x > 0, x, np.float32(1.6732632423543772) * np.expm1(np.minimum(x, 0))),
}


GELU_C = np.float32(np.sqrt(2 / np.pi))
GELU_K = np.float32(0.044715)
SELU_ALPHA = np.float32(1.6732632423543772)
SELU_SCALE = np.float32(1.0507009873554805)


def sigmoid(x):
    return np.float32(1) / (np.float32(1) + np.exp(-x))


DERIVATIVES = {
    "swish": lambda x: (lambda s: s + x * s * (np.float32(1) - s))(sigmoid(x)),
    "gelu": lambda x: (lambda t: np.float32(0.5) * (np.float32(1) + t)
                       + np.float32(0.5) * x * (np.float32(1) - t * t) * GELU_C * (np.float32(1) + np.float32(3) * GELU_K * x * x))(
        np.tanh(GELU_C * (x + GELU_K * x ** 3))),
    "softplus": sigmoid,
    "tanh": lambda x: np.float32(1) - np.tanh(x) ** 2,
    "elu": lambda x: np.where(x > 0, np.float32(1), np.exp(np.minimum(x, 0))),
    "selu": lambda x: SELU_SCALE * np.where(x > 0, np.float32(1), SELU_ALPHA * np.exp(np.minimum(x, 0))),
}


class DeepNumpy:
    """The deep model's maths (src/deep/lean-network.ts) in float32 numpy, batched: the forward pass
    from the input representation x = [dense | embedding vectors | sequence cells], its backward pass
    to d logit / d x, and Integrated Gradients over Gauss-Legendre nodes from the training-mean baseline."""

    def __init__(self, state):
        arch, schema, weights = state["architecture"], state["schema"], state["weights"]
        self.arch, self.schema = arch, schema

        def w(name):
            t = weights[name]
            return np.frombuffer(base64.b64decode(t["data"]), dtype="<f4").reshape(t["shape"]).copy()

        self.w = w
        self.act = ACTIVATIONS[arch["activation"]]
        self.dact = DERIVATIVES[arch["activation"]]
        self.k = arch["conv"]["kernelSize"]
        self.before = (self.k - 1) // 2
        self.embeddings = [w(f"embedding/{i}") for i in range(len(schema["categorical"]))]
        self.direct = len(schema["denseFeatures"]) + sum(arch["embeddingDims"])
        self.seq = []
        at = self.direct
        for g, s in enumerate(schema["sequences"]):
            self.seq.append((at, s["steps"], s["channels"], w(f"conv/{g}/kernel"), w(f"conv/{g}/bias")))
            at += s["steps"] * s["channels"]
        self.width = at
        self.hidden = [(w(f"hidden/{l}/kernel"), w(f"hidden/{l}/bias")) for l in range(len(arch["hidden"]))]
        self.out_w, self.out_b = w("output/kernel")[:, 0], w("output/bias")[0]
        self.wide = w("wide/kernel")[:, 0] if arch["wide"] else None
        # Baseline: dense and sequences 0, each embedding at its training-frequency-weighted mean.
        base = np.zeros(self.width, dtype=np.float64)
        at = len(schema["denseFeatures"])
        for c, table in zip(schema["categorical"], self.embeddings):
            counts = np.asarray(c["counts"], dtype=np.float64)
            weights_ = counts / counts.sum() if counts.sum() > 0 else np.full(len(counts), 1 / len(counts))
            base[at:at + table.shape[1]] = weights_ @ table.astype(np.float64)
            at += table.shape[1]
        self.base = base.astype(np.float32)
        # Which original feature each position of x belongs to (as src/deep/attribution-space.ts).
        names = list(schema["denseFeatures"])
        for c, dim in zip(schema["categorical"], arch["embeddingDims"]):
            names += [c["feature"]] * dim
        for s in schema["sequences"]:
            for t in range(s["steps"]):
                names += [f if f != "" else s["name"] + ":padding" for f in s["features"][t]]
        self.features = list(dict.fromkeys(names))
        # The dense block's rank-gauss transform (src/deep/input-transform.ts), when the model has one:
        # piecewise linear through each column's knots, flat beyond the ends (np.interp's rule).
        transform = state.get("inputTransform")
        self.transform = None if transform is None else list(zip(transform["knots"], transform["scores"]))
        self.feature_matrix = np.zeros((self.width, len(self.features)), dtype=np.float32)
        for j, name in enumerate(names):
            self.feature_matrix[j, self.features.index(name)] = 1

    def inputs(self, dense, codes, sequences):
        if self.transform is not None:
            dense = dense.astype(np.float64)
            for j, (knots, scores) in enumerate(self.transform):
                if knots:
                    dense[:, j] = np.interp(dense[:, j], knots, scores)
        parts = [dense] + [table[c] for table, c in zip(self.embeddings, codes)] + list(sequences)
        return np.concatenate(parts, axis=1).astype(np.float32)

    def forward(self, x, keep=False):
        m = x.shape[0]
        parts = [x[:, :self.direct]]
        cache = {"conv": []}
        for at, steps, channels, kernel, bias in self.seq:
            seq = x[:, at:at + steps * channels].reshape(m, steps, channels)
            padded = np.zeros((m, steps + self.k - 1, channels), dtype=np.float32)
            padded[:, self.before:self.before + steps] = seq
            unfolded = np.concatenate([padded[:, j:j + steps] for j in range(self.k)], axis=2)
            pre = unfolded @ kernel + bias
            out = self.act(pre)
            cache["conv"].append(pre)
            parts.append(out.mean(axis=1) if self.arch["conv"]["pooling"] == "mean" else out.reshape(m, -1))
        h = np.concatenate(parts, axis=1)
        cache["pre"] = []
        for kernel, bias in self.hidden:
            pre = h @ kernel + bias
            cache["pre"].append(pre)
            h = self.act(pre)
        logit = h @ self.out_w + self.out_b
        if self.wide is not None:
            logit = logit + x @ self.wide
        return (logit, cache) if keep else logit

    def backward(self, x, cache):
        m = x.shape[0]
        g = np.broadcast_to(self.out_w, (m, self.out_w.shape[0]))
        for l in range(len(self.hidden) - 1, -1, -1):
            g = g * self.dact(cache["pre"][l])
            g = g @ self.hidden[l][0].T
        gx = np.empty_like(x)
        gx[:, :self.direct] = g[:, :self.direct]
        at_h = self.direct
        for (at, steps, channels, kernel, bias), pre in zip(self.seq, cache["conv"]):
            filters = kernel.shape[1]
            if self.arch["conv"]["pooling"] == "mean":
                g_out = np.repeat(g[:, None, at_h:at_h + filters] / np.float32(steps), steps, axis=1)
                at_h += filters
            else:
                g_out = g[:, at_h:at_h + steps * filters].reshape(m, steps, filters)
                at_h += steps * filters
            g_unfolded = (g_out * self.dact(pre)) @ kernel.T
            g_padded = np.zeros((m, steps + self.k - 1, channels), dtype=np.float32)
            for j in range(self.k):
                g_padded[:, j:j + steps] += g_unfolded[:, :, j * channels:(j + 1) * channels]
            gx[:, at:at + steps * channels] = g_padded[:, self.before:self.before + steps].reshape(m, -1)
        if self.wide is not None:
            gx += self.wide
        return gx

    def explain(self, x, nodes, weights, top, chunk=256):
        """Logits, attributions per feature and the top positive reasons, `chunk` rows at a time."""
        logits = self.forward(x)
        attributions = np.empty((x.shape[0], len(self.features)), dtype=np.float32)
        n = len(nodes)
        for start in range(0, x.shape[0], chunk):
            rows = x[start:start + chunk]
            delta = rows - self.base
            points = (self.base + nodes[None, :, None] * delta[:, None, :]).reshape(-1, self.width)
            _, cache = self.forward(points, keep=True)
            grads = self.backward(points, cache).reshape(rows.shape[0], n, self.width)
            path = np.einsum("rnw,n->rw", grads, weights)
            attributions[start:start + rows.shape[0]] = (delta * path) @ self.feature_matrix
        reasons = np.argpartition(-attributions, top - 1, axis=1)[:, :top]
        order = np.argsort(-np.take_along_axis(attributions, reasons, axis=1), axis=1)
        return logits, attributions, np.take_along_axis(reasons, order, axis=1)


def deep_state(model_file):
    """The deep model's state in a model file (version 2): the model itself, or the fusion's deep member."""
    part = model_file["model"]
    if part["kind"] == "deep":
        return part["state"]
    return next(m["model"]["state"] for m in part["state"]["members"] if m["model"]["kind"] == "deep")


def serve():
    """Commands (one JSON object a line) and replies (one JSON line each):
      {"op": "load-logistic", "dir": D, "weights": W}    the logistic scoring problem (X.f32, meta.json; w.f32)
      {"op": "load-deep", "dir": D, "model": M, "nodes": N, "top": K}   Taiwan rows (dense, codes, sequences) and a model file
      {"op": "time", "what": "logistic" | "deep-forward" | "deep-explain", "rows": R}   one repetition -> {"seconds"}
      {"op": "compare-deep", "dir": D}                    our logits / attributions (ours-*.f64) against numpy's
    """
    from numpy.polynomial.legendre import leggauss

    problems = {}
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "load-logistic":
            meta, X = load_design(command["dir"])
            w = np.fromfile(command["weights"], dtype=np.float32)
            problems["logistic"] = (X, w[:-1].copy(), w[-1])
            reply = {"rows": meta["rows"], "numpy": np.__version__}
        elif op == "load-deep":
            d = Path(command["dir"])
            meta = json.loads((d / "meta.json").read_text())
            n = meta["rows"]
            net = DeepNumpy(deep_state(json.loads(Path(command["model"]).read_text())))
            dense = np.fromfile(d / "dense.f32", dtype=np.float32).reshape(n, meta["denseDim"])
            codes = [np.fromfile(d / f"codes{i}.i32", dtype=np.int32) for i in range(meta["categorical"])]
            sequences = [np.fromfile(d / f"seq{g}.f32", dtype=np.float32).reshape(n, -1) for g in range(meta["sequences"])]
            x = net.inputs(dense, codes, sequences)
            nodes, weights = leggauss(command["nodes"])
            problems["deep"] = (net, x, ((nodes + 1) / 2).astype(np.float32), (weights / 2).astype(np.float32), command["top"])
            reply = {"rows": n, "features": net.features}
        elif op == "time":
            what = command["what"]
            start = time.perf_counter()
            if what == "logistic":
                X, coef, intercept = problems["logistic"]
                z = X @ coef + intercept
                1.0 / (1.0 + np.exp(-z))
            else:
                net, x, nodes, weights, top = problems["deep"]
                rows = x[:command.get("rows", x.shape[0])]
                if what == "deep-forward":
                    net.forward(rows)
                else:
                    net.explain(rows, nodes, weights, top)
            reply = {"seconds": time.perf_counter() - start}
        elif op == "compare-deep":
            d = Path(command["dir"])
            net, x, nodes, weights, top = problems["deep"]
            rows = command["rows"]
            logits, attributions, reasons = net.explain(x[:rows], nodes, weights, top)
            ours_logits = np.fromfile(d / "ours-logits.f64", dtype=np.float64)[:rows]
            ours_attributions = np.fromfile(d / "ours-attributions.f64", dtype=np.float64).reshape(-1, len(net.features))[:rows]
            reply = {
                "maxAbsLogitDifference": float(np.max(np.abs(logits - ours_logits))),
                "maxAbsAttributionDifference": float(np.max(np.abs(attributions - ours_attributions))),
                "completenessGapNumpy": float(np.max(np.abs(attributions.sum(axis=1) - (logits - net.forward(net.base[None, :])[0])))),
            }
        else:
            reply = {"error": f"unknown op {op}"}
        print(json.dumps(reply), flush=True)


def main():
    command = sys.argv[1]
    if command == "quality":
        result = quality(sys.argv[2])
    elif command == "logistic-speed":
        result = logistic_speed(sys.argv[2], int(sys.argv[3]))
    elif command == "serve":
        serve()
        return
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

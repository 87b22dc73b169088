"""PyTorch reference for bench/gpu/gpu-bench.ts, on the same machine.

deep: the same network as Probity's default deep model on the synthetic benchmark data (32 dense
columns, one 6-step x 3-channel sequence: a 'same' 1-D convolution of 16 filters, kernel 3, swish,
flattened; an MLP [64, 32] with swish and dropout 0.1; a wide linear term over the dense columns and
the raw sequence cells; weighted binary cross-entropy, L2 1e-5 on kernels, Adam lr 1e-3), one epoch
= one pass over the rows in a fresh random order, seconds of the second epoch, with the data on the
GPU and each batch gathered there (PyTorch's idiomatic loop), and also with each batch gathered on
the host and copied over (what Probity's loop does).

logistic: IRLS (Newton) with L2 lambda = 1 on the problem gpu-bench.ts writes (X.f32, y.u8), on the
GPU in float64 and float32, until the Newton step is below 1e-8 (float64) or 1e-5 (float32); and scikit-learn's
lbfgs on every CPU core for the same problem.

Usage: python3 torch_bench.py OUT.json [--quick] [--no-deep] [--logistic-dir DIR]
"""

import json
import os
import sys
import time

import numpy as np
import torch

quick = "--quick" in sys.argv
out_path = sys.argv[1]
logistic_dir = sys.argv[sys.argv.index("--logistic-dir") + 1] if "--logistic-dir" in sys.argv else None
report = {"bench": "gpu-torch", "torch": torch.__version__, "cuda": torch.version.cuda, "sections": {}}
if torch.cuda.is_available():
    report["device"] = torch.cuda.get_device_name(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save():
    with open(out_path, "w") as f:
        json.dump(report, f, indent=2)


def sync():
    if device.type == "cuda":
        torch.cuda.synchronize()


class Deep(torch.nn.Module):
    def __init__(self, dense=32, steps=6, channels=3, filters=16, hidden=(64, 32), dropout=0.1):
        super().__init__()
        self.steps, self.channels = steps, channels
        self.conv = torch.nn.Conv1d(channels, filters, 3, padding=1)
        layers, width = [], dense + steps * filters
        for h in hidden:
            layers += [torch.nn.Linear(width, h), torch.nn.SiLU(), torch.nn.Dropout(dropout)]
            width = h
        self.mlp = torch.nn.Sequential(*layers)
        self.out = torch.nn.Linear(width, 1)
        self.wide = torch.nn.Linear(dense + steps * channels, 1, bias=False)

    def forward(self, dense, seq):
        n = dense.shape[0]
        conv = torch.nn.functional.silu(self.conv(seq.view(n, self.steps, self.channels).transpose(1, 2)))
        h = self.mlp(torch.cat([dense, conv.flatten(1)], 1))
        return (self.out(h) + self.wide(torch.cat([dense, seq], 1))).squeeze(1)


def deep_epochs(rows, batch, host_batches, epochs=2):
    g = torch.Generator().manual_seed(3)
    dense = torch.randn(rows, 32, generator=g)
    seq = torch.randn(rows, 18, generator=g)
    y = (torch.rand(rows, generator=g) < torch.sigmoid(dense[:, 0] - 1.5)).float()
    w = torch.ones(rows)
    model = Deep().to(device)
    decay = [p for n, p in model.named_parameters() if "bias" not in n]
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    if not host_batches:
        dense, seq, y, w = dense.to(device), seq.to(device), y.to(device), w.to(device)
    seconds = []
    for _ in range(epochs):
        sync()
        t = time.perf_counter()
        order = torch.randperm(rows, device=device if not host_batches else "cpu")
        total = torch.zeros((), device=device)
        for s in range(0, rows, batch):
            idx = order[s : s + batch]
            bd, bs, by, bw = dense[idx], seq[idx], y[idx], w[idx]
            if host_batches:
                bd, bs, by, bw = bd.to(device), bs.to(device), by.to(device), bw.to(device)
            logits = model(bd, bs)
            per_row = torch.nn.functional.binary_cross_entropy_with_logits(logits, by, reduction="none")
            loss = (per_row * bw).sum() / bw.sum() + 1e-5 * sum((p * p).sum() for p in decay)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.detach() * (len(idx) / rows)
        float(total)  # one read-back per epoch, as Probity's loop does
        sync()
        seconds.append(time.perf_counter() - t)
    return {"rows": rows, "batchSize": batch, "hostBatches": host_batches, "firstEpochSeconds": seconds[0], "secondsPerEpoch": seconds[-1]}


def run(name, body):
    t = time.perf_counter()
    try:
        report["sections"][name] = {"ok": True, **body()}
    except Exception as e:  # record and go on: a later section may still work
        report["sections"][name] = {"ok": False, "error": repr(e)}
    report["sections"][name]["seconds"] = time.perf_counter() - t
    print(f"[torch-bench] {name} done in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    save()


def deep_section():
    plan = [(50_000, 256), (50_000, 4096)] if quick else [(100_000, 256), (100_000, 4096), (100_000, 65536), (1_000_000, 4096), (1_000_000, 65536)]
    timings = []
    for rows, batch in plan:
        for host in (False, True):
            r = deep_epochs(rows, batch, host)
            print(f"[torch-bench] deep rows {rows} batch {batch} host {host}: {r['secondsPerEpoch']:.3f} s/epoch", file=sys.stderr, flush=True)
            timings.append(r)
    return {"timings": timings, "device": str(device)}


def irls(X, y, lam, dtype):
    X = X.to(device=device, dtype=dtype)
    y = y.to(device=device, dtype=dtype)
    n, p = X.shape
    Xa = torch.cat([X, torch.ones(n, 1, device=device, dtype=dtype)], 1)
    beta = torch.zeros(p + 1, device=device, dtype=dtype)
    pen = torch.full((p + 1,), lam, device=device, dtype=dtype)
    pen[-1] = 0  # the intercept is not penalised
    sync()
    t = time.perf_counter()
    iterations = 0
    # Stop when the Newton step is below what the precision can resolve (float32 cannot reach 1e-8).
    tol = 1e-8 if dtype == torch.float64 else 1e-5
    for iterations in range(1, 51):
        mu = torch.sigmoid(Xa @ beta)
        grad = Xa.T @ (y - mu) - pen * beta
        H = (Xa * (mu * (1 - mu))[:, None]).T @ Xa + torch.diag(pen)
        step = torch.linalg.solve(H, grad)
        beta = beta + step
        if float(step.abs().max()) < tol:
            break
    sync()
    seconds = time.perf_counter() - t
    z = Xa @ beta
    loglik = float((y * z - torch.nn.functional.softplus(z)).sum())
    return {"seconds": seconds, "iterations": iterations, "logLikelihood": loglik}


def logistic_section():
    meta = json.load(open(os.path.join(logistic_dir, "meta.json")))
    rows, cols, lam = meta["rows"], meta["columns"], meta["lambda"]
    X = torch.from_numpy(np.fromfile(os.path.join(logistic_dir, "X.f32"), dtype=np.float32).reshape(rows, cols))
    y = torch.from_numpy(np.fromfile(os.path.join(logistic_dir, "y.u8"), dtype=np.uint8).astype(np.float32))
    result = {"rows": rows, "columns": cols, "lambda": lam}
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        irls(X[:1000], y[:1000], lam, dtype)  # warm up the kernels
        runs = [irls(X, y, lam, dtype) for _ in range(3)]
        result[f"torchIrls_{name}"] = sorted(runs, key=lambda r: r["seconds"])[1]
    from sklearn import __version__ as skv
    from sklearn.linear_model import LogisticRegression

    Xn = X.numpy()
    yn = y.numpy().astype(np.int8)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        clf = LogisticRegression(C=1.0 / lam, solver="lbfgs", max_iter=1000, tol=1e-6).fit(Xn, yn)
        times.append(time.perf_counter() - t)
    z = Xn.astype(np.float64) @ clf.coef_[0] + clf.intercept_[0]
    result["sklearnLbfgs"] = {
        "seconds": sorted(times)[1],
        "iterations": int(clf.n_iter_[0]),
        "logLikelihood": float((yn * z - np.logaddexp(0, z)).sum()),
        "sklearn": skv,
        "cpus": os.cpu_count(),
    }
    return result


if "--no-deep" not in sys.argv:
    run("deepEpochs", deep_section)
if logistic_dir:
    run("logistic", logistic_section)
save()

"""Replays stacking rules on member log-odds saved by `bench/quality-cv.ts --dump FILE` (no training).

Usage: /usr/bin/python3 bench/fusion_replay.py --cache bench/results/quality-cv-references.json DUMP.jsonl[.gz]...
bench/results/quality-cv-stack-inputs.jsonl.gz holds the folds behind the figures in ../src/families/fusion.ts
(quality-cv with out-of-fold stacking: repeat 0 of five small data sets, repeats 0 to 2 of polish-1000,
synthetic, breast-cancer and taiwan-700; one synthetic fold of repeat 2 is missing: that run stopped on a
stacking fit that is now fixed).

Per data set, the mean test AUC delta vs the best reference of each member and of these rules:
  val01  stacking on the validation rows, 0/1 labels (main before fusion5: ../src/fusion/select.ts)
  valPl  the same with Platt's targets (../src/fusion/stack.ts now)
  oofPl  stacking logistic and gbdt on their out-of-fold log-odds over every development row, Platt's
         targets, no prior (../src/fusion/out-of-fold.ts without PRIOR_DEFAULTS and without the deep
         member joining on the validation rows)
then each rule's paired difference to valPl with its standard error over folds. The rules stand in for
the TypeScript ones: on quality-cv repeat 0 val01 gave synthetic -0.0100 and polish-1000 -0.0344 as
the harness did (label fusion-v4-deep), and oofPl -0.0454 and -0.0215 (harness without the prior:
-0.0446 and -0.0219). Member log-odds are rounded to 1e-5 in the dump.
"""
import gzip
import json
import sys
import warnings

import numpy as np
from sklearn.metrics import roc_auc_score

warnings.filterwarnings("ignore")


def targets(y, platt):
    if not platt:
        return y.astype(float)
    p = y.sum()
    n = len(y) - p
    return np.where(y > 0, (p + 1) / (p + 2), 1 / (n + 2))


def fit(x, t, ridge=1e-6):
    """Logistic regression of (soft) targets on the columns of x by damped Newton; weights then intercept."""
    n, k = x.shape
    a = np.column_stack([x, np.ones(n)])
    b = np.zeros(k + 1)
    b[:k] = 1 / k
    s = np.full(k + 1, ridge)
    s[k] = 0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a @ b)))
        g = a.T @ (p - t) + s * b
        h = (a * (p * (1 - p))[:, None]).T @ a + np.diag(s)
        step = np.linalg.lstsq(h, g, rcond=None)[0]
        step *= min(1, 5 / max(np.abs(step).max(), 1e-300))
        b = b - step
        if np.abs(step).max() < 1e-10:
            break
    return b


def stack(kinds, logits, y, platt):
    """All members, the lowest non-positive weight dropped until none is (../src/fusion/select.ts)."""
    kinds = list(kinds)
    while True:
        w = fit(np.column_stack([logits[k] for k in kinds]), targets(y, platt))
        if w[:-1].min() > 0 or len(kinds) == 1:
            return kinds, w
        kinds.pop(int(np.argmin(w[:-1])))


def main():
    args = sys.argv[1:]
    cache = json.load(open(args[args.index("--cache") + 1]))
    files = [a for i, a in enumerate(args) if a != "--cache" and (i == 0 or args[i - 1] != "--cache")]
    results, seen = {}, set()
    for line in (l for f in files for l in (gzip.open(f, "rt") if f.endswith(".gz") else open(f))):
        r = json.loads(line)
        key = r.get("key") or r["tag"].split("|")[1]
        if key in seen or key not in cache or not r["testLabels"]:
            continue
        seen.add(key)
        ref = max(cache[key].values())
        m = {x["kind"]: x for x in r["members"]}
        yt, yv = np.array(r["testLabels"]), np.array(r["validationLabels"])
        ydev = np.array(r["trainLabels"] + r["validationLabels"])
        test = {k: np.array(m[k]["test"]) for k in m}
        val = {k: np.array(m[k]["validation"]) for k in m}
        oof = {k: np.array(m[k]["oof"]) for k in m if m[k]["oof"] is not None}

        def auc(z):
            return roc_auc_score(yt, z) - ref

        def fused(kinds, w):
            return sum(w[i] * test[k] for i, k in enumerate(kinds))

        out = {k: auc(test[k]) for k in ("logistic", "deep", "gbdt") if k in test}
        out["val01"] = auc(fused(*stack(list(m), val, yv, False)))
        out["valPl"] = auc(fused(*stack(list(m), val, yv, True)))
        if "logistic" in oof and "gbdt" in oof:
            out["oofPl"] = auc(fused(*stack(["logistic", "gbdt"], oof, ydev, True)))
        results.setdefault(key.split(":")[0], []).append(out)
    names = ["logistic", "deep", "gbdt", "val01", "valPl", "oofPl"]
    print("data".ljust(14) + "folds" + "".join(n.rjust(10) for n in names))
    for data, rows in results.items():
        cells = [np.mean([r[n] for r in rows if n in r]) if any(n in r for r in rows) else np.nan for n in names]
        print(data.ljust(14) + f"{len(rows):5d}" + "".join(f"{c:+10.4f}" for c in cells))
    print("\npaired difference to valPl (standard error over folds)")
    for data, rows in results.items():
        cells = []
        for n in ("val01", "oofPl", "logistic", "gbdt"):
            d = np.array([r[n] - r["valPl"] for r in rows if n in r])
            cells.append(f"{n} {d.mean():+.4f} ({d.std(ddof=1) / np.sqrt(len(d)):.4f})" if len(d) > 1 else f"{n} -")
        print(data.ljust(14) + "  ".join(cells))


main()

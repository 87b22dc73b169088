"""Which ingredient of XGBoost's reference run makes it rank as it does (issue 8, Polish 1,000).

XGBoost 1.7 variants and HistGradientBoosting trained on exactly the rows of quality-cv's folds
(`npx tsx bench/quality-cv.ts --data polish-1000 --folds 8 --repeats 3 --references-only yes
--cache FILE --keep-folds DIR`), test rows those whose ROWKEY % 5 == 0, as trees_bench.py quality:

  xgb            the reference: XGBClassifier(tree_method="hist") defaults (100 trees, rate 0.3,
                 depth 6, min_child_weight 1, lambda 1, base_score 0.5, every row and input)
  exact          tree_method="exact" (what "auto" picks on small data) instead of 256 quantile bins
  base-mean      base_score at the default rate (ours starts from the log-odds of the rate)
  cv-count       the reference's settings, trees counted as ours are: the minimum of the mean held-out
                 log loss over 5 stratified folds of the non-test rows, times 1.25 for the refit
  ours           our defaults (src/trees/defaults.ts: 15 leaves, depth 8, rate 0.05, min hessian 1e-3,
                 L2 1, 65% of rows and 80% of inputs per tree) with that count
  ours-600       our defaults with a fixed 600 trees (about the reference's rate x trees)
  hist           HistGradientBoostingClassifier defaults

Usage: /usr/bin/python3 bench/xgb_ablation.py DIR/polish-1000-*.csv [--target BANKRUPT] [--id ROWKEY]
Prints one JSON line per file, then each variant's mean test AUC and its paired difference to xgb
(standard error over the folds). Folds with one class in their test rows are skipped.
"""
import json
import sys

import numpy as np

from trees_bench import read_csv


def held_out_count(make, X, y, max_trees, step):
    """Trees at the minimum of the mean held-out log loss over 5 stratified folds (as src/trees/cross-validate.ts)."""
    from sklearn.model_selection import StratifiedKFold

    counts = list(range(step, max_trees + 1, step))
    loss = np.zeros(len(counts))
    for train, held in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y):
        model = make(max_trees).fit(X[train], y[train])
        for i, t in enumerate(counts):
            z = model.predict(X[held], output_margin=True, iteration_range=(0, t))
            loss[i] += np.sum(np.logaddexp(0, z) - y[held] * z)
    return max(1, round(counts[int(np.argmin(loss))] * 1.25))


def variants(X, y):
    import xgboost as xgb
    from sklearn.ensemble import HistGradientBoostingClassifier

    rate = float(y.mean())
    base = dict(tree_method="hist", random_state=0, n_jobs=1)
    ours = dict(
        base,
        learning_rate=0.05,
        grow_policy="lossguide",
        max_leaves=15,
        max_depth=8,
        min_child_weight=1e-3,
        reg_lambda=1,
        subsample=0.65,
        colsample_bytree=0.8,
        base_score=rate,
    )
    reference = lambda n: xgb.XGBClassifier(n_estimators=n, **base)
    mine = lambda n: xgb.XGBClassifier(n_estimators=n, **ours)
    return {
        "xgb": lambda: reference(100),
        "exact": lambda: xgb.XGBClassifier(**dict(base, tree_method="exact")),
        "base-mean": lambda: xgb.XGBClassifier(base_score=rate, **base),
        "cv-count": lambda: reference(held_out_count(reference, X, y, 300, 1)),
        "ours": lambda: mine(held_out_count(mine, X, y, 1000, 5)),
        "ours-600": lambda: mine(600),
        "hist": lambda: HistGradientBoostingClassifier(random_state=0),
    }


def main(argv):
    from sklearn.metrics import roc_auc_score

    flags = {argv[i]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    files = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    target, id_column = flags.get("--target", "BANKRUPT"), flags.get("--id", "ROWKEY")
    rows = []
    for path in files:
        header, data = read_csv(path)
        y = data[:, header.index(target)].astype(np.int64)
        test = data[:, header.index(id_column)] % 5 == 0
        X = data[:, [i for i, h in enumerate(header) if h not in (target, id_column)]]
        if len(set(y[test])) < 2:
            continue
        row = {"file": path.split("/")[-1]}
        for name, make in variants(X[~test], y[~test]).items():
            model = make().fit(X[~test], y[~test])
            row[name] = round(float(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])), 4)
        rows.append(row)
        print(json.dumps(row), flush=True)
    names = [k for k in rows[0] if k != "file"]
    for name in names:
        auc = np.array([r[name] for r in rows])
        d = auc - np.array([r["xgb"] for r in rows])
        se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else float("nan")
        print(f"{name:10s} mean {auc.mean():.4f}  minus xgb {d.mean():+.4f} (se {se:.4f}, {len(d)} folds)")


if __name__ == "__main__":
    main(sys.argv[1:])

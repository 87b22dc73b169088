"""What exact TreeSHAP costs in XGBoost on a model shaped like the bench's trees champion.

The re-scoring bench's trees champion (trained on data/taiwan-credit-default.csv with --split mod5) has
about 160 trees of at most 15 leaves over the file's 23 features. This trains XGBoost's `hist` trees of
the same shape (160 trees, lossguide, 15 leaves) on the same file, then times, on one thread, `predict`
and `predict(pred_contribs=True)` (path-dependent TreeSHAP, Lundberg et al. 2018) for a million rows
cycling through the file, as the bench's million exposures do. It is a reference for the issue's target
(re-scoring at half the COPY rate): exact explanations alone cost this much CPU per million rows.

    /usr/bin/python3 packages/scoring/bench/xgboost_treeshap_reference.py [--rows 1000000]

Debian's python3-xgboost (1.7) and python3-numpy; a benchmark reference, never a run-time dependency.
"""
import argparse
import csv
import os
import time

import numpy as np
import xgboost as xgb

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=1_000_000)
args = parser.parse_args()

path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "data", "taiwan-credit-default.csv")
with open(path) as f:
    rows = list(csv.reader(f))
header = rows[0]
data = np.array(rows[1:], dtype=np.float64)
y = data[:, header.index("DEFAULT_NEXT_MONTH")]
x = np.delete(data, [header.index("ID"), header.index("DEFAULT_NEXT_MONTH")], axis=1).astype(np.float32)

params = {
    "tree_method": "hist",
    "grow_policy": "lossguide",
    "max_leaves": 15,
    "max_depth": 0,
    "eta": 0.05,
    "nthread": 1,
    "objective": "binary:logistic",
}
booster = xgb.train(params, xgb.DMatrix(x, label=y, nthread=1), 160)
book = xgb.DMatrix(np.resize(x, (args.rows, x.shape[1])), nthread=1)
for label, contribs in (("predict", False), ("predict(pred_contribs=True), exact TreeSHAP", True)):
    started = time.perf_counter()
    booster.predict(book, pred_contribs=contribs)
    seconds = time.perf_counter() - started
    print(f"XGBoost {xgb.__version__} {label}: {seconds:.1f} s for {args.rows:,} rows on one thread ({args.rows / seconds:,.0f} rows/s)")

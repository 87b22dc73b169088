"""Reference answers for the L1 and elastic-net logistic solver (coordinate descent).

Run with Debian's Python (numpy, scipy, scikit-learn):  /usr/bin/python3 scripts/penalised-logistic-fixtures.py
Writes test/fixtures/logistic/penalised.json with the data (seeded, float32 values) and the answers.

scikit-learn minimises C * sum(loss) + l1_ratio * ||w||_1 + (1 - l1_ratio) / 2 * ||w||^2, which is our
objective sum(loss) + lambda * (...) with lambda = 1 / C. saga leaves the intercept unpenalised;
liblinear adds a constant column and penalises its coefficient like the others. scikit-learn's
solution at C = 1 / lambda is the starting point; the stored answer is the optimum polished to ~1e-12
by scipy's L-BFGS-B on the smooth split form, checked against the optimality conditions and against
scikit-learn's own objective (which it must not exceed).
"""
import json
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "logistic"
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20241130)
warnings.simplefilter("ignore", ConvergenceWarning)


def exact(X, y, l1, l2, sw, penalise_intercept, start):
    """The optimum to ~1e-12: L-BFGS-B (scipy) on the split form beta = plus - minus, plus, minus >= 0,
    where the L1 term is linear and the problem smooth; coefficients at their bound are exactly 0."""
    n, p = X.shape
    Xa = np.hstack([X, np.ones((n, 1))])
    q = p + 1
    l1v = np.full(q, l1)
    if not penalise_intercept:
        l1v[p] = 0.0
    l2v = np.full(q, l2)
    l2v[p] = 0.0

    def f(v):
        theta = v[:q] - v[q:]
        z = Xa @ theta
        loss = np.sum(sw * (np.logaddexp(0, z) - y * z))
        g = Xa.T @ (sw * (1 / (1 + np.exp(-z)) - y)) + l2v * theta
        value = loss + l1v @ (v[:q] + v[q:]) + 0.5 * l2v @ (theta ** 2)
        return value, np.concatenate([g + l1v, -g + l1v])

    v0 = np.concatenate([np.maximum(start, 0), np.maximum(-start, 0)])
    result = minimize(f, v0, jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * q),
                      options={"maxiter": 100000, "maxfun": 200000, "ftol": 1e-16, "gtol": 1e-11, "maxcor": 30})
    theta = result.x[:q] - result.x[q:]
    theta[np.abs(theta) < 1e-13] = 0.0
    z = Xa @ theta
    grad = Xa.T @ (sw * (1 / (1 + np.exp(-z)) - y))
    for j in range(q):
        if l1v[j] == 0 and l2v[j] == 0:
            assert abs(grad[j]) < 1e-7 * n, "intercept not optimal"
        elif theta[j] == 0:
            assert abs(grad[j]) <= l1v[j] + 1e-7 * n, "KKT fails off the support"
        else:
            assert abs(grad[j] + l1v[j] * np.sign(theta[j]) + l2v[j] * theta[j]) < 1e-7 * n, "KKT fails on the support"
    loss = float(np.sum(sw * (np.logaddexp(0, z) - y * z)))
    objective = loss + float(l1v @ np.abs(theta)) + 0.5 * float(l2v @ theta ** 2)
    return theta, loss, objective


def answer(X, y, lam, l1_ratio, solver, sw=None):
    """scikit-learn's solver at C = 1 / lambda gives the start (and a check); the exact optimum is stored."""
    C = 1.0 / lam
    sw_ = np.ones(len(y)) if sw is None else sw
    if solver == "liblinear":
        model = LogisticRegression(penalty="l1", C=C, solver="liblinear", tol=1e-8, max_iter=10000)
    elif l1_ratio == 1.0:
        model = LogisticRegression(penalty="l1", C=C, solver="saga", tol=1e-5, max_iter=5000)
    else:
        model = LogisticRegression(penalty="elasticnet", l1_ratio=l1_ratio, C=C, solver="saga", tol=1e-5, max_iter=5000)
    model.fit(X, y, sample_weight=sw)
    start = np.append(model.coef_[0], model.intercept_[0])
    l1, l2 = lam * l1_ratio, lam * (1 - l1_ratio)
    theta, loss, objective = exact(X, y, l1, l2, sw_, solver == "liblinear", start)
    # scikit-learn's own objective, for the record: it must not beat the optimum.
    z = X @ start[:-1] + start[-1]
    sk = float(np.sum(sw_ * (np.logaddexp(0, z) - y * z)) + l1 * np.abs(start[:-1]).sum() + 0.5 * l2 * (start[:-1] ** 2).sum()
               + (l1 * abs(start[-1]) if solver == "liblinear" else 0.0))
    assert sk >= objective - 1e-9 * abs(objective), "scikit-learn beats the reference optimum"
    support = [j for j in range(X.shape[1]) if theta[j] != 0]
    return {"lambda": lam, "l1Ratio": l1_ratio, "solver": solver, "penaliseIntercept": solver == "liblinear",
            "coefficients": theta[:-1].tolist(), "intercept": float(theta[-1]), "loss": loss, "objective": objective,
            "sklearnObjective": sk, "support": support}


def dense_case():
    n, p = 800, 40
    X = np.asarray(rng.standard_normal((n, p)) * rng.uniform(0.5, 2.0, p), dtype=np.float32).astype(np.float64)
    true = np.zeros(p)
    true[:8] = [1.0, -0.8, 0.6, -0.5, 0.4, 0.3, -0.3, 0.2]
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ true - 1.0)))).astype(float)
    w = np.where(y == 1, 2.5, 1.0)
    cases = [answer(X, y, lam, 1.0, "saga") for lam in (5.0, 20.0, 60.0)]
    cases.append(answer(X, y, 10.0, 0.5, "saga"))
    cases.append(answer(X, y, 20.0, 1.0, "liblinear"))
    weighted = answer(X, y, 15.0, 1.0, "saga", w)
    weighted["defaultWeight"] = 2.5
    return {"X": X.tolist(), "y": y.astype(int).tolist(), "cases": cases, "weighted": weighted}


def onehot_case():
    """A dense column and two one-hot blocks, as the bins encoding makes them, under L1."""
    n = 700
    x = np.asarray(rng.standard_normal(n), dtype=np.float32).astype(np.float64)
    a = rng.integers(0, 4, n)
    b = rng.integers(0, 5, n)
    z = 0.7 * x + np.array([0.0, 0.9, -0.6, 0.0])[a] + np.array([0.4, 0.0, 0.0, 1.1, -0.3])[b] - 1.2
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    X = np.hstack([x[:, None], np.eye(4)[a], np.eye(5)[b]])
    return {"dense": x.tolist(), "a": a.tolist(), "b": b.tolist(), "y": y.astype(int).tolist(), "case": answer(X, y, 8.0, 1.0, "saga")}


(OUT / "penalised.json").write_text(json.dumps({"dense": dense_case(), "onehot": onehot_case()}))
print("wrote", OUT / "penalised.json")

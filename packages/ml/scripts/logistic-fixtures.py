"""Reference answers for the logistic solver and calibration tests, computed with scikit-learn and numpy.

Run with Debian's Python (numpy, scipy, scikit-learn):  /usr/bin/python3 scripts/logistic-fixtures.py
Writes test/fixtures/logistic/*.json. The data are generated here (seeded) and stored with the answers,
so the TypeScript tests read the same rows.
"""
import json
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "logistic"
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20240501)


def f32(a):
    # The solver stores dense inputs as float32; give sklearn exactly those values.
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def penalised_fit(X, y, lam, w=None):
    """sklearn's L2 logistic regression (C = 1/lambda), polished by numpy Newton steps (lbfgs stops on
    a relative objective change of about 1e-14, which leaves ~1e-6 in the coefficients), plus Wald
    standard errors from the inverse of the penalised Hessian X'WX + lambda*I (intercept unpenalised)."""
    C = 1.0 / lam if lam > 0 else 1e12
    model = LogisticRegression(C=C, tol=1e-12, max_iter=100000, solver="lbfgs")
    model.fit(X, y, sample_weight=w)
    sw = np.ones(len(y)) if w is None else w
    Xa = np.hstack([X, np.ones((len(y), 1))])
    penalty = lam * np.eye(Xa.shape[1])
    penalty[-1, -1] = 0.0
    theta = np.append(model.coef_[0], model.intercept_[0])

    def hessian_at(theta):
        p = 1 / (1 + np.exp(-(Xa @ theta)))
        return Xa.T @ (Xa * (sw * p * (1 - p))[:, None]) + penalty, p

    for _ in range(50):
        H, p = hessian_at(theta)
        grad = Xa.T @ (sw * (p - y)) + penalty @ theta
        step = np.linalg.solve(H, grad)
        theta = theta - step
        if np.max(np.abs(step)) < 1e-15:
            break
    H, _ = hessian_at(theta)
    beta, b0 = theta[:-1], theta[-1]
    z = Xa @ theta
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    loglik = float(np.sum(sw * (y * z - np.logaddexp(0, z))))
    return beta, b0, se, loglik


def dense_case():
    n, p = 400, 4
    X = f32(rng.standard_normal((n, p)) * [1.0, 2.0, 0.5, 1.5])
    true = np.array([0.8, -0.4, 1.2, 0.0])
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ true - 0.7)))).astype(int)
    cases = []
    for lam in [0.0, 1.0, 25.0]:
        beta, b0, se, ll = penalised_fit(X, y, lam)
        cases.append({"lambda": lam, "coefficients": beta.tolist(), "intercept": b0, "standardErrors": se.tolist(), "logLikelihood": ll})
    w = np.where(y == 1, 3.0, 1.0)
    beta, b0, se, ll = penalised_fit(X, y, 2.0, w)
    weighted = {"lambda": 2.0, "defaultWeight": 3.0, "coefficients": beta.tolist(), "intercept": b0, "standardErrors": se.tolist(), "logLikelihood": ll}
    return {"X": X.tolist(), "y": y.tolist(), "cases": cases, "weighted": weighted}


def onehot_case():
    """One dense column plus two one-hot blocks (3 and 4 levels), as the bins encoding makes them."""
    n = 500
    x = f32(rng.standard_normal(n))
    a = rng.integers(0, 3, n)
    b = rng.integers(0, 4, n)
    effect_a = np.array([0.0, 0.7, -0.5])
    effect_b = np.array([0.3, -0.2, 0.0, 0.9])
    z = 0.6 * x + effect_a[a] + effect_b[b] - 1.0
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    X = np.hstack([x[:, None], np.eye(3)[a], np.eye(4)[b]])
    beta, b0, se, ll = penalised_fit(X, y, 3.0)
    return {"dense": x.tolist(), "a": a.tolist(), "b": b.tolist(), "y": y.tolist(), "lambda": 3.0,
            "coefficients": beta.tolist(), "intercept": b0, "standardErrors": se.tolist(), "logLikelihood": ll}


def platt_scaling(z, y):
    """Platt's targets, as scikit-learn's _sigmoid_calibration, minimised to a tight tolerance."""
    from scipy.optimize import minimize
    from scipy.special import expit, xlogy
    positives = float(y.sum())
    negatives = len(y) - positives
    t = np.where(y > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(ab):
        p = expit(ab[0] * z + ab[1])
        return -(xlogy(t, p) + xlogy(1 - t, 1 - p)).sum()

    def grad(ab):
        r = expit(ab[0] * z + ab[1]) - t
        return np.array([r @ z, r.sum()])

    ab = minimize(loss, np.zeros(2), jac=grad, method="BFGS", options={"gtol": 1e-12}).x
    return {"a": float(ab[0]), "b": float(ab[1])}


def calibration_case():
    n = 600
    z = rng.standard_normal(n) * 1.5
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.6 * z - 0.4)))).astype(int)
    platt = platt_scaling(z, y)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=1e-6, y_max=1 - 1e-6).fit(z, y)
    grid = np.linspace(-4, 4, 41)
    return {"logits": z.tolist(), "y": y.tolist(),
            "platt": platt,
            "isotonic": {"grid": grid.tolist(), "pd": iso.predict(grid).tolist()}}


for name, build in [("dense", dense_case), ("onehot", onehot_case), ("calibration", calibration_case)]:
    (OUT / f"{name}.json").write_text(json.dumps(build()))
    print("wrote", OUT / f"{name}.json")

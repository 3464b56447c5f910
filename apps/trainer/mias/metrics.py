"""Metrics, calibration and the risk table shared by both trainers (mias/ and screening/) and
evaluate.py: everything reported is computed here."""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

THRESHOLDS = [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9]
N_BOOT = 2000
BOOT_SEED = 12345


def r4(x):
    return float(round(float(x), 4))


def q6(values):
    """Values as the CSV files hold them (6 decimals), parsed back: figures computed from these
    are the ones a reader of the files recomputes."""
    return np.array([float(f'{v:.6f}') for v in values])


def auc(y, p):
    return float(roc_auc_score(y, p))


def resamples(groups, n_boot=N_BOOT, seed=BOOT_SEED):
    """The row indices of `n_boot` bootstrap resamples of the groups (patients), drawn with
    replacement: every CI reported is taken over these, so equal seeds give equal resamples."""
    groups = np.asarray(groups)
    uniq = np.unique(groups)
    idx_of = {g: np.flatnonzero(groups == g) for g in uniq}
    rng = np.random.RandomState(seed)
    for _ in range(n_boot):
        yield np.concatenate([idx_of[uniq[j]] for j in rng.randint(0, len(uniq), len(uniq))])


def auc_ci(y, p, groups, n_boot=N_BOOT, seed=BOOT_SEED):
    """Percentile 95% CI of ROC AUC, bootstrapping patients (film pairs) with replacement."""
    y = np.asarray(y)
    p = np.asarray(p, dtype=float)
    stats = []
    for idx in resamples(groups, n_boot, seed):
        yy = y[idx]
        if yy.min() == yy.max():
            continue
        stats.append(roc_auc_score(yy, p[idx]))
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return float(lo), float(hi)


def brier(y, p):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(np.mean((p - y) ** 2))


def ece(y, p, n_bins=10):
    """Expected calibration error, 10 equal-width bins on [0,1] (last bin closed)."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - y[m].mean())
    return float(total / len(y))


def reliability_bins(y, p, n_bins=10):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    out = []
    for b in range(n_bins):
        m = bins == b
        if m.any():
            out.append((b, int(m.sum()), float(p[m].mean()), float(y[m].mean())))
    return out


def sens_spec(y, p, t):
    """Sensitivity and specificity of the rule p >= t."""
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p, dtype=float) >= t
    sens = (pred & y).sum() / max(y.sum(), 1)
    spec = (~pred & ~y).sum() / max((~y).sum(), 1)
    return float(sens), float(spec)


def summary(y, p, groups, thresholds=True):
    lo, hi = auc_ci(y, p, groups)
    out = {
        "roc_auc": {"value": r4(auc(y, p)), "ci95": [r4(lo), r4(hi)]},
        "brier": r4(brier(y, p)),
        "ece": r4(ece(y, p)),
    }
    if thresholds:
        out["at_thresholds"] = []
        for t in THRESHOLDS:
            s, sp = sens_spec(y, p, t)
            out["at_thresholds"].append({"threshold": t, "sensitivity": r4(s), "specificity": r4(sp)})
    return out


def platt_fit(scores, y):
    """Platt scaling: (a, b) of p = sigmoid(a * score + b), fitted by (unregularised) LR."""
    lr = LogisticRegression(C=1e6, max_iter=10000).fit(np.asarray(scores, float).reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def platt_apply(scores, a, b):
    return 1.0 / (1.0 + np.exp(-(a * np.asarray(scores, float) + b)))


def crossfit_platt(scores, y, folds):
    """Calibrated OOF probabilities: fold k is mapped with (a, b) fitted on the OOF scores and
    labels of the other folds only (fold k's labels are never used)."""
    p = np.zeros(len(y))
    for k in np.unique(folds):
        te = folds == k
        a, b = platt_fit(scores[~te], y[~te])
        p[te] = platt_apply(scores[te], a, b)
    return p


# The risk levels by calibrated probability, as the original API named and coloured them.
RISK_LEVELS = [
    {"level": "Very High Risk", "icon": "🔴", "color": "#ff0000", "min": 0.9, "min_inclusive": True, "max": 1, "max_inclusive": True},
    {"level": "High Risk", "icon": "🟠", "color": "#ff8000", "min": 0.75, "min_inclusive": True, "max": 0.9, "max_inclusive": False},
    {"level": "Moderate-High Risk", "icon": "🟡", "color": "#ffcc00", "min": 0.6, "min_inclusive": True, "max": 0.75, "max_inclusive": False},
    {"level": "Moderate Risk", "icon": "🟡", "color": "#ffe066", "min": 0.4, "min_inclusive": False, "max": 0.6, "max_inclusive": False},
    {"level": "Low-Moderate Risk", "icon": "🟢", "color": "#99cc33", "min": 0.25, "min_inclusive": False, "max": 0.4, "max_inclusive": True},
    {"level": "Low Risk", "icon": "🟢", "color": "#33cc33", "min": 0.1, "min_inclusive": False, "max": 0.25, "max_inclusive": True},
    {"level": "Very Low Risk", "icon": "🟢", "color": "#00aa00", "min": 0, "min_inclusive": True, "max": 0.1, "max_inclusive": True},
]


def manifest(name, version, input, output, ctx, fitted_on, card):
    """A model folder's manifest.json: an ONNX sigmoid-logit model with Platt calibration
    (a, b from ctx), the 0.5 decision threshold and the risk table, around the given card."""
    return {
        "schema_version": 1,
        "name": name,
        "version": version,
        "engine": "onnx",
        "weights": "model.onnx",
        "input": input,
        "output": output,
        "labels": ["Benign", "Malignant"],
        "calibration": {"method": "platt", "a": r4(ctx["a"]), "b": r4(ctx["b"]), "fitted_on": fitted_on},
        "decision_threshold": 0.5,
        "risk_levels": RISK_LEVELS,
        "card": card,
    }

"""Approach B: handcrafted whole-film texture / blob features + bilateral asymmetry
(feature minus the same patient's other film) -> L2 logistic regression."""
import numpy as np
from scipy import ndimage as ndi
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

BREAST_T = 0.1
PCTS = (50, 90, 99, 99.9)


def film_features(img):
    mask = ndi.binary_erosion(img > BREAST_T, iterations=6)
    if mask.sum() < 100:
        mask = img > BREAST_T
    v = img[mask]
    f = [mask.mean(), v.mean(), v.std()] + list(np.percentile(v, (5, 25, 50, 75, 95)))
    g = {s: ndi.gaussian_filter(img, s) for s in (1, 2, 4, 8, 16, 32)}
    for s in (1, 2, 4, 8, 16):
        dog = (g[s] - g[2 * s])[mask]          # bright-blob response at scale s
        f += list(np.percentile(dog, PCTS))
    for s in (2, 8):
        var = ndi.gaussian_filter(img * img, s) - g[s] ** 2
        f += list(np.percentile(np.sqrt(np.maximum(var, 0))[mask], PCTS))
    gm = np.hypot(ndi.sobel(g[1], 0), ndi.sobel(g[1], 1))[mask]
    f += list(np.percentile(gm, PCTS))
    return np.array(f, dtype=np.float64)


def all_features(X, patients):
    F = np.stack([film_features(X[i]) for i in range(len(X))])
    patients = np.asarray(patients)
    asym = np.zeros_like(F)
    for i, p in enumerate(patients):
        other = np.flatnonzero((patients == p) & (np.arange(len(patients)) != i))
        if len(other):
            asym[i] = F[i] - F[other[0]]
    return np.hstack([F, asym])


def fit_lr(F, y, C=0.1):
    # class_weight='balanced' handles the 52/270 imbalance; C fixed in advance (no tuning)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=C, class_weight="balanced", max_iter=5000))
    return model.fit(F, y)

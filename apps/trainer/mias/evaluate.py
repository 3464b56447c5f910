"""Recompute every reported figure from packages/default-model/mias-patch-cnn/oof_predictions.csv alone.

    /usr/bin/python3 evaluate.py [path/to/oof_predictions.csv] [--json]

Every column named p_<name> is a calibrated out-of-fold probability; for each one this prints
ROC AUC with a patient-bootstrap 95% CI, Brier score, ECE (10 bins) and sensitivity /
specificity at the risk thresholds. The model card's numbers are exactly these.
"""
import csv
import json
import os
import sys

import numpy as np

from metrics import THRESHOLDS, summary

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.join(HERE, "..", "..", "..", "packages", "default-model", "mias-patch-cnn", "oof_predictions.csv")


def load(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    cols = [c for c in rows[0].keys() if c.startswith("p_")]
    y = np.array([int(r["label"]) for r in rows])
    groups = np.array([int(r["patient"]) for r in rows])
    probs = {c[2:]: np.array([float(r[c]) for r in rows]) for c in cols}
    return y, groups, probs


def evaluate(path):
    y, groups, probs = load(path)
    return {name: summary(y, p, groups) for name, p in probs.items()}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else DEFAULT_CSV
    res = evaluate(path)
    if "--json" in sys.argv:
        print(json.dumps(res, indent=2))
        return
    y, _, _ = load(path)
    print(f"{path}: {len(y)} films, {int(y.sum())} malignant")
    for name, s in res.items():
        a = s["roc_auc"]
        print(f"\n[{name}] ROC AUC {a['value']:.4f} (95% CI {a['ci95'][0]:.4f}-{a['ci95'][1]:.4f})"
              f"  Brier {s['brier']:.4f}  ECE {s['ece']:.4f}")
        for t in s["at_thresholds"]:
            print(f"  p >= {t['threshold']:.2f}: sensitivity {t['sensitivity']:.4f}  specificity {t['specificity']:.4f}")


if __name__ == "__main__":
    main()

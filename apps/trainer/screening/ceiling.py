"""One-fold experiment: trains on folds 2-5, logs the fold-1 validation AUC after every epoch.

    /usr/bin/python3 screening/ceiling.py work/screening '{"cut": 6, "epochs": 6, "batch": 32, ...}'

Not part of `pnpm train`; experiments.json records what it measured. The frozen features are
cached in the prepared folder (features-<cut>.npy) so that runs with the same cut share them.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from sklearn.metrics import roc_auc_score

import data
import features
import fit as fitting
from mobilenet import MobileNetV1, default_weights_dir, load_tfjs_weights

torch.set_num_threads(2)
T0 = time.time()


def log(*a):
    print(f'[{time.time() - T0:7.1f}s]', *a, flush=True)


def main(work, cfg):
    pixels, _, y, patients = data.load_screening(work)
    folds = data.patient_folds(y, patients, 5, 0)
    backbone = MobileNetV1()
    load_tfjs_weights(backbone, default_weights_dir())
    cut = cfg.setdefault('cut', 11)
    feats = features.cached(os.path.join(work, f'features-{cut}.npy'), backbone, pixels, cut, log=log)
    val_idx, train_idx = np.flatnonzero(folds == 0), np.flatnonzero(folds != 0)

    def validate(top):
        logits, _ = fitting.predict(top, feats[val_idx])
        return {'val_auc': float(roc_auc_score(y[val_idx], logits))}

    _, history, _ = fitting.fit(backbone, feats, y, train_idx, cfg, seed=1, val=(val_idx, validate), log=log)
    aucs = [h['val_auc'] for h in history]
    print('RESULT', json.dumps({'cfg': cfg, 'curve': [round(a, 4) for a in aucs], 'last': round(aucs[-1], 4),
                                'best': round(max(aucs), 4)}), flush=True)


if __name__ == '__main__':
    main(sys.argv[1], json.loads(sys.argv[2]))

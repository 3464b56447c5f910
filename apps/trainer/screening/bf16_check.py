"""Checks that fit.py trains under bfloat16 autocast with the Python that `pnpm train` uses
(Debian's torch 1.13): fit.py swaps nn.ReLU6, which has no bfloat16 backward there, for
mobilenet.py's ClampReLU6, which gives the same values. A tiny random network and data; prints one JSON line for test/bf16.test.ts."""
import json

import numpy as np
import torch
import torch.nn as nn

import fit as fitting
from mobilenet import ClampReLU6, MobileNetV1

torch.manual_seed(0)
x = torch.randn(4, 8, 16, 16) * 5
relu6_max_diff = float((ClampReLU6()(x) - nn.ReLU6()(x)).abs().max())

backbone = MobileNetV1().eval()
cfg = {'cut': 6, 'epochs': 2, 'batch': 8, 'lr_backbone': 3e-4, 'lr_head': 1e-3, 'weight_decay': 1e-4,
       'dropout': 0.3, 'pooling': 'lse', 'lse_r': 2.0, 'bf16': True}
with torch.no_grad():
    images = torch.rand(24, 1, 64, 64)
    features = backbone.forward_range(images, 0, cfg['cut']).numpy().astype(np.float16)
y = np.array([i % 3 == 0 for i in range(24)], dtype=np.int64)
before = {k: v.clone() for k, v in fitting.new_top(backbone, cfg).state_dict().items()}
top, history, _ = fitting.fit(backbone, features, y, np.arange(24), cfg, seed=1)
after = top.state_dict()
changed = [k for k in before if k.endswith('weight') and not torch.equal(before[k], after[k])]
logits, _ = fitting.predict(top, features)
print(json.dumps({
    'torch': torch.__version__,
    'relu6_max_diff': relu6_max_diff,
    'losses': [h['loss'] for h in history],
    'weights_changed': len(changed),
    'weights': sum(k.endswith('weight') for k in before),
    'dtypes': sorted({str(v.dtype) for v in after.values() if v.dtype.is_floating_point}),
    'logits_finite': bool(np.isfinite(logits).all()),
}))

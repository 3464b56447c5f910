"""One single-fold experiment of issue 22's search for a model v3 (not part of `pnpm train`):
train on four of train.py's patient-level folds and validate on the fifth (--fold, 1 by
default), printing the validation image AUC per epoch. experiments.json records what it measured.

    python3 screening/fold_experiment.py --name NAME [--bf16] [--image-aug] [--epochs 4] [--seeds 100,101,102] ...

--bf16: forward passes under CPU bfloat16 autocast, weights kept in float32 (fit.py turns the
  trained blocks' ReLU6 into clamps, whose bfloat16 backward Debian's torch 1.13 has). On this
  project's 2-core AMD EPYC (avx512_bf16) a training step of blocks 7-13 took 23-28 ms an image
  against 100-140 ms in float32 (/usr/bin/python3, torch 1.13; about the same with torch 2.13).
--image-aug: augment the images (rotation, scale, shift, vertical flip, gamma) and run the
  frozen blocks 1-6 on every batch, instead of cached features with shifts and flips of the map.
--seeds: several fine-tunings from the same start; then also their uniform weight average (one
  network: the served cost of one) and, for reference, the mean of their logits (an ensemble).
--cut N: fine-tune from block N+1 (0: every block, only the stem frozen); with --image-aug, the
  images go through the frozen part on every batch and the validation images once.
--ddsm-extra: the DDSM film views (one per source view, cancer volume = 1) as extra training images.
--distill W: after the --seeds (the teachers), one student trained on (1 - W) * label + W * the
  teachers' mean probability on the training images.
--tta: also each model's AUC with a test-time flip (the mean of the logits of the image and of it
  flipped upside down).
The features after block 6 are cached once (float16) in work/screening/feats6.npy, and the DDSM
views' in ddsm_feats6.npy.
"""
import argparse
import copy
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score

import data
import features
import fit as fitting
from mobilenet import MobileNetV1, default_weights_dir, load_tfjs_weights

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = time.time()


def log(*a):
    print(f'[{time.time() - T0:6.0f}s]', *a, flush=True)


def image_aug(pixels, trunk, cut, rot, scale, shift, gamma):
    """inputs(idx, gen) for fit.fit: the images augmented in image space, through the frozen trunk."""
    def inputs(idx, gen):
        x = torch.from_numpy(pixels[idx].astype(np.float32) / np.float32(255.0))[:, None]
        n = len(idx)

        def uniform(half):
            return (torch.rand(n, generator=gen) * 2 - 1) * half

        angle, zoom = uniform(rot * math.pi / 180), 1 + uniform(scale)
        flip = torch.where(torch.rand(n, generator=gen) < 0.5, -1.0, 1.0)
        cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
        theta = torch.stack([torch.stack([cos, -sin * flip, uniform(2 * shift)], 1),
                             torch.stack([sin, cos * flip, uniform(2 * shift)], 1)], 1)
        x = F.grid_sample(x, F.affine_grid(theta, list(x.shape), align_corners=False), align_corners=False)
        x = x.clamp(0, 1) ** torch.exp(uniform(gamma))[:, None, None, None]
        with torch.no_grad():
            return trunk.forward_range(x.contiguous(memory_format=torch.channels_last), 0, cut)
    return inputs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', required=True)
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--bf16', action='store_true')
    ap.add_argument('--image-aug', action='store_true')
    ap.add_argument('--rot', type=float, default=10)
    ap.add_argument('--scale', type=float, default=0.1)
    ap.add_argument('--shift', type=float, default=0.05)
    ap.add_argument('--gamma', type=float, default=0.2)
    ap.add_argument('--ema', type=float, default=None)
    ap.add_argument('--cut', type=int, default=None, help="the first trained block (config's cut by default); another needs --image-aug")
    ap.add_argument('--ddsm-extra', action='store_true', help='the DDSM film views as extra training images (cancer volume = 1)')
    ap.add_argument('--tta', action='store_true', help='also the AUC of each model with a test-time flip (mean of the two logits)')
    ap.add_argument('--distill', type=float, default=None,
                    help='with several --seeds: then one student trained on (1 - w) * label + w * the seeds\' mean probability')
    ap.add_argument('--fold', type=int, default=1, help='the validation fold, 1-5 (train.py numbers them 0-4)')
    ap.add_argument('--seeds', default='100', help='comma-separated; with several, also their weight average and logit mean')
    ap.add_argument('--work', default=os.path.join(HERE, '..', 'work', 'screening'))
    args = ap.parse_args()
    config = json.load(open(os.path.join(HERE, 'config.json')))
    cfg = {**config['full'], **config['recipes']['v2'], 'epochs': args.epochs, 'bf16': args.bf16, 'ema': args.ema}
    cached_cut = cfg['cut']
    if args.cut is not None:
        if args.cut != cached_cut and not args.image_aug:
            ap.error('--cut other than the cached features\' needs --image-aug (images through the frozen part)')
        cfg['cut'] = args.cut
    same_cut = cfg['cut'] == cached_cut
    cached = same_cut and not args.image_aug
    if (args.ddsm_extra or args.tta or args.distill is not None) and not cached:
        ap.error('--ddsm-extra, --tta and --distill read the cached features: no --image-aug or --cut')
    if args.distill is not None and ',' not in args.seeds:
        ap.error('--distill needs several --seeds (the teachers)')
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    pixels, _, y, patients = data.load_screening(args.work)
    folds = data.patient_folds(y, patients, cfg['folds'], 0)
    backbone = MobileNetV1()
    load_tfjs_weights(backbone, default_weights_dir())
    tr, te = np.flatnonzero(folds != args.fold - 1), np.flatnonzero(folds == args.fold - 1)
    if same_cut:
        feats = features.cached(os.path.join(args.work, f'feats{cached_cut}.npy'), backbone, pixels, cached_cut, log=log)
        feats_te = feats[te]
    else:  # only the validation images (float16, as the cache); the training ones go through `inputs`
        feats = np.zeros((len(pixels),), dtype=np.float16)
        feats_te = features.cache_features(backbone, pixels[te], cfg['cut'], log=log)
    log(f'{args}; train {len(tr)} images, validate {len(te)}; torch {torch.__version__}')

    if args.ddsm_extra:
        ddsm_pixels, _, ddsm_y, _ = data.load_ddsm(args.work)
        ddsm_feats = features.cached(os.path.join(args.work, f'ddsm_feats{cached_cut}.npy'), backbone, ddsm_pixels, cached_cut,
                                     log=log)
        n = len(y)
        feats = np.concatenate([feats, ddsm_feats])
        y = np.concatenate([y, ddsm_y])
        tr = np.concatenate([tr, n + np.arange(len(ddsm_y))])
        log(f'plus {len(ddsm_y)} DDSM views ({int(ddsm_y.sum())} cancer) in training: {len(tr)} images')

    inputs = None
    if args.image_aug:
        trunk = backbone.eval().to(memory_format=torch.channels_last)
        inputs = image_aug(pixels, trunk, cfg['cut'], args.rot, args.scale, args.shift, args.gamma)

    def val_logits(top):
        return fitting.predict(top, feats_te)[0]

    def validate(top):
        return {'val_auc': float(roc_auc_score(y[te], val_logits(top)))}

    t = time.time()
    seeds = [int(v) for v in args.seeds.split(',')]
    tops, curves = [], []
    key = 'ema_val_auc' if args.ema else 'val_auc'
    for seed in seeds:
        top, history, ema_top = fitting.fit(backbone, feats, y, tr, cfg, seed=seed, val=(te, validate), log=log, inputs=inputs)
        tops.append(ema_top if args.ema else top)
        curves.append([round(h[key], 4) for h in history])
    result = {'name': args.name, 'fold': args.fold, 'curve': curves[0], 'last': curves[0][-1], 'best': max(curves[0]),
              's_per_epoch': round((time.time() - t) / args.epochs / len(seeds))}
    if args.tta:
        result['tta_auc'] = [round(float(roc_auc_score(y[te], (val_logits(m) + fitting.predict(m, feats_te, flip=True)[0]) / 2)), 4)
                             for m in tops]
    if len(seeds) > 1:
        result['seeds'] = dict(zip(seeds, curves))
        result['soup_auc'] = round(validate(soup(tops))['val_auc'], 4)
        logits = np.mean([val_logits(m) for m in tops], axis=0)
        result['logit_mean_auc'] = round(float(roc_auc_score(y[te], logits)), 4)
    if args.distill is not None:
        teacher = np.mean([fitting.predict(m, feats[tr])[0] for m in tops], axis=0)
        soft = y.astype(np.float64).copy()
        soft[tr] = (1 - args.distill) * y[tr] + args.distill / (1 + np.exp(-teacher))
        _, history, _ = fitting.fit(backbone, feats, soft, tr, cfg, seed=max(seeds) + 1, val=(te, validate), log=log)
        result['distill'] = {'weight': args.distill, 'student_seed': max(seeds) + 1,
                             'curve': [round(h['val_auc'], 4) for h in history]}
    print('RESULT', json.dumps(result), flush=True)


def soup(tops):
    """The uniform weight average of models fine-tuned from the same start (a "model soup"): one
    network, so the served cost of one; BatchNorm statistics averaged too, counters kept."""
    state = tops[0].state_dict()
    averaged = {k: (torch.stack([m.state_dict()[k] for m in tops]).mean(0) if v.dtype.is_floating_point else v)
                for k, v in state.items()}
    out = copy.deepcopy(tops[0])
    out.load_state_dict(averaged)
    return out.eval()


if __name__ == '__main__':
    main()

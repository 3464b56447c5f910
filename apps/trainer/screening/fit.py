"""Fits the top of the network on cached features: one function, used by CV and the final model."""
import copy
import math

import numpy as np
import torch
import torch.nn.functional as F

from mobilenet import clamp_relu6
from model import Top


def augment(x, gen):
    """Feature-space augmentation: vertical flip and shifts of up to 2 cells (32 px at 384)."""
    n, _, h, w = x.shape
    flip = torch.rand(n, generator=gen) < 0.5
    x = torch.where(flip[:, None, None, None], torch.flip(x, dims=(2,)), x)
    padded = F.pad(x, (2, 2, 2, 2))
    dy = torch.randint(0, 5, (n,), generator=gen)
    dx = torch.randint(0, 3, (n,), generator=gen)
    return torch.stack([padded[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(n)])


class Ema:
    """Exponential moving average of every float tensor of a model's state (weights and BatchNorm
    statistics), with the usual warm-up (the decay grows as min(decay, (1 + step) / (10 + step)))."""

    def __init__(self, model, decay):
        self.decay, self.steps = decay, 0
        self.state = {k: v.detach().clone() for k, v in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model):
        self.steps += 1
        d = min(self.decay, (1 + self.steps) / (10 + self.steps))
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.state[k].mul_(d).add_(v.detach(), alpha=1 - d)
            else:
                self.state[k].copy_(v)

    def model(self, like):
        averaged = copy.deepcopy(like)
        averaged.load_state_dict(self.state)
        return averaged.eval()


def new_top(backbone, cfg, init=None):
    """A Top on a copy of the backbone; `init` (a Top's state dict) replaces its weights."""
    top = Top(copy.deepcopy(backbone), cfg['cut'], dropout=cfg['dropout'], pooling=cfg.get('pooling', 'mean'), lse_r=cfg.get('lse_r', 1.0))
    if init is not None:
        top.load_state_dict(init)
    if cfg.get('bf16'):
        clamp_relu6(top)
    return top.to(memory_format=torch.channels_last)


def fit(backbone, features, y, train_idx, cfg, seed, val=None, log=None, init=None, inputs=None):
    """Trains a Top on features[train_idx] (fresh, or from `init`); `val` = (idx, callback) is
    called per epoch with the model (and, when cfg['ema'] is set, its moving average).
    `inputs(idx, gen)`, when given, makes a batch's input in place of the cached features with
    their feature-space augmentation (fold_experiment.py's image-space augmentation).
    cfg['bf16']: forward passes under CPU bfloat16 autocast, the weights kept in float32 (several
    times faster on a CPU with bfloat16 instructions, see fold_experiment.py); the Top's nn.ReLU6
    become clamps, whose bfloat16 backward Debian's torch 1.13 has.
    Returns (top, history, ema_top or None)."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    top = new_top(backbone, cfg, init)
    ema = Ema(top, cfg['ema']) if cfg.get('ema') else None
    pretrained = [p for b in top.blocks for p in b.parameters()] + list(top.dw13.parameters())
    opt = torch.optim.AdamW([
        {'params': pretrained, 'lr': cfg['lr_backbone']},
        {'params': top.score.parameters(), 'lr': cfg['lr_head']},
    ], weight_decay=cfg['weight_decay'])
    yt = torch.tensor(y, dtype=torch.float32)
    pos = float(y[train_idx].mean())
    pos_weight = torch.tensor((1 - pos) / pos)
    steps_per_epoch = math.ceil(len(train_idx) / cfg['batch'])
    total = cfg['epochs'] * steps_per_epoch
    step = 0
    history = []
    for epoch in range(cfg['epochs']):
        top.train()
        order = torch.randperm(len(train_idx), generator=gen).numpy()
        losses = []
        for b in range(steps_per_epoch):
            idx = train_idx[order[b * cfg['batch']:(b + 1) * cfg['batch']]]
            if len(idx) < 2:
                continue
            with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bool(cfg.get('bf16'))):
                if inputs is None:
                    x = augment(torch.from_numpy(features[idx].astype(np.float32)), gen)
                else:
                    x = inputs(idx, gen)
                for g, base in zip(opt.param_groups, (cfg['lr_backbone'], cfg['lr_head'])):
                    g['lr'] = base * 0.5 * (1 + math.cos(math.pi * step / total))
                logit, _ = top(x.contiguous(memory_format=torch.channels_last))
            loss = F.binary_cross_entropy_with_logits(logit[:, 0].float(), yt[idx], pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if ema is not None:
                ema.update(top)
            losses.append(loss.item())
            step += 1
        record = {'epoch': epoch + 1, 'loss': float(np.mean(losses))}
        if val is not None:
            record.update(val[1](top))
            if ema is not None:
                record.update({f'ema_{k}': v for k, v in val[1](ema.model(top)).items()})
        history.append(record)
        if log:
            log('  ' + ' '.join(f'{k}={v:.4f}' if isinstance(v, float) else f'{k}={v}' for k, v in record.items()))
    return top, history, (ema.model(top) if ema is not None else None)


def predict(top, features, batch=64, flip=False):
    """Image logits and score maps for cached features (eval mode, no augmentation; `flip`: the
    features flipped upside down, the one test-time augmentation measured)."""
    top.eval()
    logits, maps = [], []
    with torch.no_grad():
        for start in range(0, len(features), batch):
            x = torch.from_numpy(features[start:start + batch].astype(np.float32))
            if flip:
                x = torch.flip(x, dims=(2,))
            x = x.contiguous(memory_format=torch.channels_last)
            logit, score_map = top(x)
            logits.append(logit[:, 0].numpy())
            maps.append(score_map[:, 0].numpy())
    return np.concatenate(logits), np.concatenate(maps)

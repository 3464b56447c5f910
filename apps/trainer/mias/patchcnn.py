"""Approach A: a small patch CNN trained on lesion-centred / tissue patches of the 512x512
input tensor, made fully convolutional and pooled (top-k mean) into one film logit."""
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PATCH = 64          # patch side in the 512 frame (= 128 px of the 1024 film)
STRIDE = 16         # stride of the score map (4 max-pools)
CROP = 112          # crop taken around a centre before the affine augmentation
BREAST_T = 0.1      # grey level above which a pixel counts as breast (background/air is ~0)
MIN_FRAC = 0.5      # a window is scored only if >= this fraction of it is breast
TOPK = 4            # film score = mean of the TOPK highest window logits
MASKED = -20.0      # logit given to windows that are mostly background

HP = dict(
    epochs=8, per_epoch=2048, batch=64, lr=2e-3, wd=1e-4,
    mine_at=(3, 5), mine_per_film=6, widths=(8, 16, 32, 64),
    benign_pos=0.3, benign_label=0.5,   # benign lesions drawn into the lesion half with this soft target
    film_norm=False, members=3,
)


class PatchNet(nn.Module):
    def __init__(self, widths=(8, 16, 32, 64)):
        super().__init__()
        layers, c = [], 1
        for w in widths:
            layers += [nn.Conv2d(c, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True), nn.MaxPool2d(2)]
            c = w
        layers += [nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True)]
        self.body = nn.Sequential(*layers)
        self.drop = nn.Dropout2d(0.2)
        self.head = nn.Conv2d(c, 1, PATCH // STRIDE)  # 4x4 valid: one logit per 64x64 window
        # film-score standardisation, fitted on the model's own training films (see standardise)
        self.register_buffer("score_shift", torch.zeros(()))
        self.register_buffer("score_scale", torch.ones(()))

    def forward(self, g):  # g: [N,1,H,W] normalised grey -> [N,1,(H-64)/16+1,(W-64)/16+1]
        return self.head(self.drop(self.body(g)))


def film_stats(g):
    """Mean and std of the breast pixels (g > BREAST_T) of each film: g [N,1,H,W] -> [N,1,1,1] x2."""
    m = (g > BREAST_T).float()
    cnt = m.sum(dim=(2, 3), keepdim=True).clamp(min=1.0)
    mu = (g * m).sum(dim=(2, 3), keepdim=True) / cnt
    var = (((g - mu) ** 2) * m).sum(dim=(2, 3), keepdim=True) / cnt
    return mu, torch.sqrt(var + 1e-6)


def normalise(g, mu=None, sd=None):
    if mu is None:
        return (g - 0.5) * 4.0
    return (g - mu) / sd


class FilmNet(nn.Module):
    """Exported graph: [N,3,512,512] in [0,1] -> [N,1] film logit (before calibration).
    `patches` is one PatchNet or a list (seed ensemble): the film logit is the mean of the
    members' standardised top-k-mean scores."""

    def __init__(self, patches, film_norm=False):
        super().__init__()
        if isinstance(patches, nn.Module):
            patches = [patches]
        self.members = nn.ModuleList(patches)
        self.film_norm = film_norm

    def _grey(self, x):
        g = x.mean(dim=1, keepdim=True)
        frac = F.avg_pool2d((g > BREAST_T).float(), PATCH, STRIDE)
        if self.film_norm:
            mu, sd = film_stats(g)
            gn = normalise(g, mu, sd)
        else:
            gn = normalise(g)
        return gn, frac >= MIN_FRAC

    def score_map(self, x, member=0):
        gn, ok = self._grey(x)
        m = self.members[member](gn)
        return torch.where(ok, m, torch.full_like(m, MASKED))

    def forward(self, x):
        gn, ok = self._grey(x)
        total = None
        for p in self.members:
            m = p(gn)
            m = torch.where(ok, m, torch.full_like(m, MASKED))
            top = torch.topk(m.flatten(1), TOPK, dim=1).values.mean(dim=1, keepdim=True)
            z = (top - p.score_shift) / p.score_scale
            total = z if total is None else total + z
        return total / len(self.members)


def all_film_stats(X):
    mus, sds = [], []
    for i in range(0, len(X), 32):
        g = torch.from_numpy(np.ascontiguousarray(X[i:i + 32]))[:, None]
        mu, sd = film_stats(g)
        mus.append(mu.flatten())
        sds.append(sd.flatten())
    return torch.cat(mus).numpy(), torch.cat(sds).numpy()


def window_valid(X):
    """[N,29,29] bool: windows with >= MIN_FRAC breast pixels (same rule as the graph)."""
    out = []
    for i in range(0, len(X), 32):
        g = torch.from_numpy(np.ascontiguousarray(X[i:i + 32]))[:, None]
        out.append(F.avg_pool2d((g > BREAST_T).float(), PATCH, STRIDE)[:, 0] >= MIN_FRAC)
    return torch.cat(out).numpy()


@torch.no_grad()
def score_maps(patch, X, idx, batch=16):
    film = FilmNet(patch, getattr(patch, "film_norm", False)).eval()
    maps = []
    for i in range(0, len(idx), batch):
        x = torch.from_numpy(np.ascontiguousarray(X[idx[i:i + batch]]))[:, None].expand(-1, 3, -1, -1)
        maps.append(film.score_map(x)[:, 0])
    return torch.cat(maps).numpy()


def film_scores(patch, X, idx):
    maps = score_maps(patch, X, idx)
    flat = np.sort(maps.reshape(len(idx), -1), axis=1)[:, ::-1]
    return (flat[:, :TOPK].mean(axis=1) - float(patch.score_shift)) / float(patch.score_scale)


def standardise(patch, X, idx):
    """Make film scores comparable between models: (top-k mean - mean) / std over the model's
    own non-malignant TRAINING films (never test films)."""
    patch.score_shift.fill_(0.0)
    patch.score_scale.fill_(1.0)
    s = film_scores(patch, X, idx)
    patch.score_shift.fill_(float(s.mean()))
    patch.score_scale.fill_(float(max(s.std(), 1e-3)))
    return patch


def _crop(X, f, cy, cx):
    h = CROP // 2
    cy, cx = int(round(cy)), int(round(cx))
    out = np.zeros((CROP, CROP), np.float32)
    y0, x0 = cy - h, cx - h
    ys, xs = max(y0, 0), max(x0, 0)
    ye, xe = min(y0 + CROP, 512), min(x0 + CROP, 512)
    if ye > ys and xe > xs:
        out[ys - y0:ye - y0, xs - x0:xe - x0] = X[f, ys:ye, xs:xe]
    return out


def make_batch(X, centres, rng, heavy, stats=None):
    """centres: list of (film, cy, cx). Returns [B,1,64,64] augmented patches."""
    B = len(centres)
    crops = np.empty((B, 1, CROP, CROP), np.float32)
    for i, (f, cy, cx) in enumerate(centres):
        sh = 12 if heavy[i] else 8
        crops[i, 0] = _crop(X, f, cy + rng.uniform(-sh, sh), cx + rng.uniform(-sh, sh))
    t = torch.from_numpy(crops)
    k = rng.randint(0, 4, B)
    flip = rng.rand(B) < 0.5
    ang = np.deg2rad(rng.uniform(-15, 15, B)) + k * (math.pi / 2)
    scale = np.exp(rng.uniform(math.log(0.85), math.log(1.2), B))
    s = (PATCH / CROP) / scale
    cos, sin = np.cos(ang) * s, np.sin(ang) * s
    theta = np.zeros((B, 2, 3), np.float32)
    theta[:, 0, 0] = cos * np.where(flip, -1, 1)
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * np.where(flip, -1, 1)
    theta[:, 1, 1] = cos
    grid = F.affine_grid(torch.from_numpy(theta), (B, 1, PATCH, PATCH), align_corners=False)
    p = F.grid_sample(t, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # intensity jitter: gamma, contrast, brightness
    gamma = torch.from_numpy(np.exp(rng.uniform(math.log(0.7), math.log(1.4), B)).astype(np.float32))[:, None, None, None]
    contrast = torch.from_numpy(rng.uniform(0.85, 1.15, B).astype(np.float32))[:, None, None, None]
    bright = torch.from_numpy(rng.uniform(-0.05, 0.05, B).astype(np.float32))[:, None, None, None]
    p = p.clamp(0, 1) ** gamma
    p = ((p - 0.5) * contrast + 0.5 + bright).clamp(0, 1)
    p = p + torch.from_numpy(rng.normal(0, 0.01, p.shape).astype(np.float32))
    p = p.clamp(0, 1)
    if stats is None:
        return normalise(p)
    f = np.array([c[0] for c in centres])
    mu = torch.from_numpy(stats[0][f])[:, None, None, None]
    sd = torch.from_numpy(stats[1][f])[:, None, None, None]
    return normalise(p, mu, sd)


def sample_tissue(valid, films, rng, per_film, exclude):
    """Random window centres inside the breast of `films`. exclude: {film: [(cy,cx,rad)]}."""
    out = []
    for f in films:
        ii, jj = np.nonzero(valid[f])
        if len(ii) == 0:
            continue
        pick = rng.choice(len(ii), min(per_film * 3, len(ii)), replace=False)
        # The jitter is drawn lazily, one candidate at a time, as before.
        candidates = ((ii[q] * STRIDE + PATCH / 2 + rng.uniform(-8, 8), jj[q] * STRIDE + PATCH / 2 + rng.uniform(-8, 8)) for q in pick)
        out += clear_of(f, candidates, exclude, per_film)
    return out


def clear_of(f, centres, exclude, per_film):
    """The first `per_film` (cy, cx) of `centres` outside film f's excluded circles, as (f, cy, cx)."""
    out = []
    for cy, cx in centres:
        if any((cy - y) ** 2 + (cx - x) ** 2 < r ** 2 for y, x, r in exclude.get(f, [])):
            continue
        out.append((f, cy, cx))
        if len(out) >= per_film:
            break
    return out


def train_patch_model(X, films, lesions, train_idx, valid, seed, hp=HP, log=print):
    """films: list of dicts with 'malignant' and 'nocoord_malignant'; lesions: list of
    (film_index, cy, cx, r, sev) in the 512 frame. Returns a trained PatchNet (eval mode)."""
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    tr = set(int(i) for i in train_idx)
    pos = [(f, cy, cx) for f, cy, cx, r, sev in lesions if f in tr and sev == "M"]
    ben = [(f, cy, cx) for f, cy, cx, r, sev in lesions if f in tr and sev == "B"]
    exclude = {}
    for f, cy, cx, r, sev in lesions:
        if sev == "M" or hp.get("benign_pos", 0.0):
            exclude.setdefault(f, []).append((cy, cx, r + 24))
    tissue_films = [f for f in sorted(tr) if not films[f]["nocoord_malignant"]]
    tissue = sample_tissue(valid, tissue_films, rng, 24, exclude)
    hard = []
    log(f"    patches: {len(pos)} malignant lesions, {len(ben)} benign lesions, {len(tissue)} tissue windows")

    model = PatchNet(hp["widths"])
    model.film_norm = bool(hp.get("film_norm", False))
    stats = all_film_stats(X) if model.film_norm else None
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    steps = hp["epochs"] * (hp["per_epoch"] // hp["batch"])
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=hp["lr"], total_steps=steps, pct_start=0.15)
    half = hp["batch"] // 2
    for ep in range(hp["epochs"]):
        if ep in hp["mine_at"] and hp["mine_per_film"] > 0:
            hard += mine_hard(model, X, tissue_films, valid, exclude, hp["mine_per_film"], rng)
            model.train()
        model.train()
        t0, tot = time.time(), 0.0
        for _ in range(hp["per_epoch"] // hp["batch"]):
            P, yP = [], []
            for _ in range(half):
                if ben and rng.rand() < hp.get("benign_pos", 0.0):
                    P.append(ben[rng.randint(len(ben))])
                    yP.append(hp["benign_label"])
                else:
                    P.append(pos[rng.randint(len(pos))])
                    yP.append(1.0)
            N = []
            for _ in range(half):
                u = rng.rand()
                if hard and u < 0.4:
                    N.append(hard[rng.randint(len(hard))])
                elif ben and u < 0.6 and not hp.get("benign_pos", 0.0):
                    N.append(ben[rng.randint(len(ben))])
                else:
                    N.append(tissue[rng.randint(len(tissue))])
            xb = make_batch(X, P + N, rng, [True] * half + [False] * half, stats)
            yb = torch.cat([torch.tensor(yP, dtype=torch.float32), torch.zeros(half)])
            logit = model(xb).flatten()
            loss = F.binary_cross_entropy_with_logits(logit, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += loss.item()
        log(f"    epoch {ep + 1}/{hp['epochs']} loss {tot / (hp['per_epoch'] // hp['batch']):.4f} "
            f"({time.time() - t0:.1f}s, hard negatives {len(hard)})")
    model.eval()
    return standardise(model, X, np.array([f for f in sorted(tr) if not films[f]["malignant"]]))


def mine_hard(model, X, tissue_films, valid, exclude, per_film, rng):
    model.eval()
    maps = score_maps(model, X, np.array(tissue_films))
    out = []
    for f, m in zip(tissue_films, maps):
        order = np.argsort(m.ravel())[::-1]
        out += clear_of(f, highest_in_breast(order, m.shape[1], valid[f]), exclude, per_film)
    return out


def highest_in_breast(order, width, valid):
    """Window centres in score order, up to the first one outside the breast."""
    for q in order:
        i, j = divmod(int(q), width)
        if not valid[i, j]:
            return
        yield i * STRIDE + PATCH / 2, j * STRIDE + PATCH / 2


def train_ensemble(X, films, lesions, train_idx, valid, seed, hp=HP, log=print):
    """hp['members'] PatchNets with seeds seed, seed+1, ... (same recipe)."""
    out = []
    for e in range(hp.get("members", 1)):
        log(f"   member {e + 1}/{hp.get('members', 1)} (seed {seed + e})")
        out.append(train_patch_model(X, films, lesions, train_idx, valid, seed=seed + e, hp=hp, log=log))
    return out


def ensemble_scores(members, X, idx):
    return np.mean([film_scores(m, X, idx) for m in members], axis=0)

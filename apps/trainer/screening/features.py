"""Runs the frozen early blocks of MobileNet v1 once per image and keeps their output.

The blocks before `cut` are frozen (ImageNet weights); only the later blocks and the head are
trained, so the expensive high-resolution part of the network runs once per image, not once per
epoch. Blocks 6 to 11 all output 512 channels at stride 16, so any cut in 6..11 caches the same
amount.
"""
import os

import numpy as np
import torch


def cache_features(backbone, pixels, cut, batch=16, log=None):
    """uint8 [N, S, S] -> float16 [N, C, S/s, S/s] after block `cut` (channels-last: ~2x faster)."""
    backbone = backbone.eval().to(memory_format=torch.channels_last)
    out = None
    with torch.no_grad():
        for start in range(0, len(pixels), batch):
            x = torch.from_numpy(pixels[start:start + batch].astype(np.float32) / np.float32(255.0))[:, None]
            f = backbone.forward_range(x.contiguous(memory_format=torch.channels_last), 0, cut)
            if out is None:
                out = np.empty((len(pixels),) + tuple(f.shape[1:]), dtype=np.float16)
            out[start:start + len(f)] = f.float().numpy().astype(np.float16)
            if log and (start // batch) % 25 == 0:
                log(f'features {start + len(f)}/{len(pixels)}')
    backbone.to(memory_format=torch.contiguous_format)
    return out


def cached(path, backbone, pixels, cut, log=None):
    """cache_features, saved to `path` the first time and read from it afterwards."""
    if not os.path.exists(path):
        np.save(path, cache_features(backbone, pixels, cut, log=log))
    return np.load(path)

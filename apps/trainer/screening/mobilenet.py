"""MobileNet v1 (alpha 1.0) in PyTorch, loaded from the TensorFlow.js Layers weights in shared/.

The last pointwise layer (conv_pw_13) is missing from the shared weights (see its MANIFEST), so
the network is cut after conv_dw_13_relu: 1024 channels at stride 32. Keras -> PyTorch: conv
kernels [kh, kw, in, out] -> [out, in, kh, kw]; depthwise [kh, kw, in, 1] -> [in, 1, kh, kw];
TensorFlow "same" padding pads bottom/right on stride 2; BatchNorm epsilon 1e-3.
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# (stride, out channels) of the 13 depthwise-separable blocks.
BLOCKS = [(1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512),
          (1, 512), (1, 512), (1, 512), (1, 512), (1, 512), (2, 1024), (1, 1024)]


class SamePad(nn.Module):
    """TensorFlow 'same' padding for a 3x3 kernel: stride 2 pads only bottom/right (even inputs)."""

    def __init__(self, stride):
        super().__init__()
        self.stride = stride

    def forward(self, x):
        if self.stride == 1:
            return F.pad(x, (1, 1, 1, 1))
        h, w = x.shape[-2:]
        ph = max(0, (-(-h // 2) - 1) * 2 + 3 - h)
        pw = max(0, (-(-w // 2) - 1) * 2 + 3 - w)
        return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


class ClampReLU6(nn.Module):
    """min(max(x, 0), 6) as a clamp: nn.ReLU6's values, but with a bfloat16 backward on Debian's
    torch 1.13 too (nn.ReLU6 has none there). See `clamp_relu6`."""

    def forward(self, x):
        return x.clamp(0, 6)


def clamp_relu6(model):
    """Replaces every nn.ReLU6 in `model` by a ClampReLU6, in place, for training under bfloat16
    autocast (fit.py's cfg['bf16']); the network the v2 recipe trains and exports keeps nn.ReLU6,
    so its ONNX graph stays the same byte for byte."""
    for name, child in model.named_children():
        if isinstance(child, nn.ReLU6):
            setattr(model, name, ClampReLU6())
        else:
            clamp_relu6(child)
    return model


def conv_bn(cin, cout, stride, depthwise):
    groups = cin if depthwise else 1
    k = 3 if depthwise or cout == 32 else 1
    layers = []
    if k == 3:
        layers.append(SamePad(stride))
    layers += [nn.Conv2d(cin, cout, k, stride if k == 3 else 1, 0, groups=groups, bias=False),
               nn.BatchNorm2d(cout, eps=1e-3), nn.ReLU6(inplace=True)]
    return nn.Sequential(*layers)


class MobileNetV1(nn.Module):
    """Input: grey [N, 1, H, W] in [0, 1] (the core's tensor); output: features [N, 1024, H/32, W/32].

    The grey channel feeds the RGB stem with its kernel summed over colours (exact for R=G=B),
    and the [0,1] -> [-1,1] scaling happens inside, so the ONNX graph takes the core's tensor.
    `forward_range` runs a slice of it: the frozen part once per image, the rest while training.
    """

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(1, 32, 2, depthwise=False)
        blocks, cin = [], 32
        for stride, cout in BLOCKS:
            dw = conv_bn(cin, cin, stride, depthwise=True)
            pw = conv_bn(cin, cout, 1, depthwise=False)
            blocks.append(nn.Sequential(dw, pw))
            cin = cout
        self.blocks = nn.ModuleList(blocks)

    def forward_range(self, x, start, stop):
        """Runs blocks[start:stop]; start == 0 includes the scaling and the stem."""
        if start == 0:
            x = self.stem(x * 2.0 - 1.0)
        for block in self.blocks[start:stop]:
            x = block(x)
        return x

    def forward(self, x):
        return self.forward_range(x, 0, len(self.blocks))


def default_weights_dir():
    """MOBILENET_DIR, or the ImageNet weights in ../shared beside the repository."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get('MOBILENET_DIR') or os.path.normpath(
        os.path.join(here, '..', '..', '..', '..', 'shared', 'models', 'mobilenet-v1-1.0-224-imagenet-tfjs'))


def load_tfjs_weights(model, weights_dir):
    """Fills `model` from model.json + shards; returns the names of tensors left at their init."""
    with open(os.path.join(weights_dir, 'model.json')) as f:
        manifest = json.load(f)['weightsManifest']
    tensors = {}
    for group in manifest:
        path = os.path.join(weights_dir, group['paths'][0])
        if not os.path.exists(path):
            continue
        raw = np.fromfile(path, dtype=np.float32)
        offset = 0
        for w in group['weights']:
            n = int(np.prod(w['shape']))
            tensors[w['name']] = raw[offset:offset + n].reshape(w['shape'])
            offset += n

    def conv(seq, name, depthwise):
        conv_layer = [m for m in seq if isinstance(m, nn.Conv2d)][0]
        bn = [m for m in seq if isinstance(m, nn.BatchNorm2d)][0]
        key = f'{name}/depthwise_kernel' if depthwise else f'{name}/kernel'
        if key not in tensors:
            return [key]
        k = torch.from_numpy(tensors[key].copy())
        k = k.permute(2, 3, 0, 1) if depthwise else k.permute(3, 2, 0, 1)
        if k.shape[1] == 3 and conv_layer.weight.shape[1] == 1:
            k = k.sum(dim=1, keepdim=True)  # grey input: R = G = B
        conv_layer.weight.data.copy_(k)
        for field, attr in [('gamma', 'weight'), ('beta', 'bias'), ('moving_mean', 'running_mean'), ('moving_variance', 'running_var')]:
            getattr(bn, attr).data.copy_(torch.from_numpy(tensors[f'{name}_bn/{field}'].copy()))
        return []

    missing = conv(model.stem, 'conv1', False)
    for i, block in enumerate(model.blocks, start=1):
        missing += conv(block[0], f'conv_dw_{i}', True)
        missing += conv(block[1], f'conv_pw_{i}', False)
    return missing

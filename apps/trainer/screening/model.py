"""The trainable top of the network and the whole graph that is exported.

Top: the blocks from `cut` (ImageNet weights) up to the depthwise half of block 13 (its pointwise layer is missing from the shared weights), then a 1x1 convolution that
gives one logit per cell of the stride-32 grid: the score map. The image logit pools that map
(mean, or log-mean-exp with sharpness r, between mean and max), so the map is the prediction's own
class-activation map, from the same pass.
"""
import math

import torch
import torch.nn as nn


class Top(nn.Module):
    def __init__(self, backbone, cut, dropout=0.3, pooling='mean', lse_r=1.0):
        super().__init__()
        self.cut, self.pooling, self.lse_r = cut, pooling, lse_r
        self.blocks = nn.ModuleList([backbone.blocks[i] for i in range(cut, 12)])
        self.dw13 = backbone.blocks[12][0]
        self.dropout = nn.Dropout2d(dropout)
        self.score = nn.Conv2d(1024, 1, 1)
        nn.init.normal_(self.score.weight, std=0.01)
        nn.init.zeros_(self.score.bias)

    def forward(self, features):
        x = features
        for block in self.blocks:
            x = block(x)
        x = self.dw13(x)
        score_map = self.score(self.dropout(x))
        if self.pooling == 'lse':
            cells = score_map.shape[2] * score_map.shape[3]
            pooled = (torch.logsumexp(self.lse_r * score_map.flatten(2), dim=2) - math.log(cells)) / self.lse_r
            return pooled, score_map
        return score_map.mean(dim=(2, 3)), score_map


class Exported(nn.Module):
    """Grey [N, 1, S, S] in [0, 1] -> (logit [N, 1], score_map [N, 1, S/32, S/32])."""

    def __init__(self, backbone, top):
        super().__init__()
        self.backbone, self.top = backbone, top

    def forward(self, x):
        return self.top(self.backbone.forward_range(x, 0, self.top.cut))

"""Graph surgery for the input check's typicality (issue 20), on the exported ONNX model.

- `expose(src, dst, layer)`: a copy of the model with one more output, `input_check_features`
  [N, C]: the spatial mean of `layer`'s activations. extract.mjs runs it through the core.
- `add_typicality(src, dst, layer, fit)`: the model with the output `typicality` [N]: the
  distance of those features to the fitted mammograms under a probabilistic PCA model,
  d^2 = sum_i z_i^2 / l_i + (|x - mu|^2 - sum_i z_i^2) / s2, z = V^T (x - mu), computed as
  |x - mu|^2 / s2 - |(x - mu) W|^2 with W = V diag(sqrt(1 / s2 - 1 / l_i)) (each l_i, a top
  eigenvalue, is at least s2, the mean of the rest). It runs in the same forward pass as the
  verdict: the serving core fetches it beside the logit.
Nodes and outputs that an earlier run added are removed first, so both are idempotent.
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FEATURES = 'input_check_features'
TYPICALITY = 'typicality'
PREFIX = '/input_check/'


def _load_clean(src):
    model = onnx.load(src)
    graph = model.graph
    keep = [n for n in graph.node if not any(o.startswith(PREFIX) or o in (FEATURES, TYPICALITY) for o in n.output)]
    del graph.node[:]
    graph.node.extend(keep)
    outputs = [o for o in graph.output if o.name not in (FEATURES, TYPICALITY)]
    del graph.output[:]
    graph.output.extend(outputs)
    inits = [i for i in graph.initializer if not i.name.startswith(PREFIX)]
    del graph.initializer[:]
    graph.initializer.extend(inits)
    return model


def _features(graph, layer):
    if not any(layer in n.output for n in graph.node):
        raise SystemExit(f'the model has no tensor named {layer!r}: set "layer" in input-check/config.json')
    graph.node.append(helper.make_node('GlobalAveragePool', [layer], [PREFIX + 'pooled']))
    graph.node.append(helper.make_node('Flatten', [PREFIX + 'pooled'], [FEATURES], axis=1))


def expose(src, dst, layer):
    model = _load_clean(src)
    _features(model.graph, layer)
    model.graph.output.append(helper.make_tensor_value_info(FEATURES, TensorProto.FLOAT, ['n', None]))
    onnx.checker.check_model(model)
    onnx.save(model, dst)


def add_typicality(src, dst, layer, fit):
    """fit: dict with mean [C], components [C, k], variances [k], residual_variance (float)."""
    model = _load_clean(src)
    graph = model.graph
    _features(graph, layer)
    mean = np.asarray(fit['mean'], dtype=np.float32)
    s2 = float(fit['residual_variance'])
    variances = np.asarray(fit['variances'], dtype=np.float64)
    if (variances < s2).any():
        raise SystemExit('a principal variance is below the residual variance: the PCA is not sorted')
    scale = np.sqrt(1.0 / s2 - 1.0 / variances)
    w = (np.asarray(fit['components'], dtype=np.float64) * scale[None, :]).astype(np.float32)
    const = lambda name, value: graph.initializer.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), PREFIX + name))
    const('mean', mean)
    const('w', w)
    const('inv_s2', np.array(1.0 / s2, dtype=np.float32))
    axes = PREFIX + 'axes'
    graph.initializer.append(numpy_helper.from_array(np.array([1], dtype=np.int64), axes))
    n = lambda op, inputs, out, **kw: graph.node.append(helper.make_node(op, inputs, [PREFIX + out], **kw))
    n('Sub', [FEATURES, PREFIX + 'mean'], 'centred')
    n('MatMul', [PREFIX + 'centred', PREFIX + 'w'], 'projected')
    n('Mul', [PREFIX + 'projected', PREFIX + 'projected'], 'projected_sq')
    n('ReduceSum', [PREFIX + 'projected_sq', axes], 'in_subspace', keepdims=0)
    n('Mul', [PREFIX + 'centred', PREFIX + 'centred'], 'centred_sq')
    n('ReduceSum', [PREFIX + 'centred_sq', axes], 'norm_sq', keepdims=0)
    n('Mul', [PREFIX + 'norm_sq', PREFIX + 'inv_s2'], 'isotropic')
    n('Sub', [PREFIX + 'isotropic', PREFIX + 'in_subspace'], 'distance_sq')
    # Rounding could take a distance of (almost) 0 below it: never a NaN.
    n('Relu', [PREFIX + 'distance_sq'], 'distance_sq_clamped')
    graph.node.append(helper.make_node('Sqrt', [PREFIX + 'distance_sq_clamped'], [TYPICALITY]))
    graph.output.append(helper.make_tensor_value_info(TYPICALITY, TensorProto.FLOAT, ['n']))
    onnx.checker.check_model(model)
    onnx.save(model, dst)


def distances(features, fit):
    """The same distance in numpy, float64: what the graph computes, for the fit's own figures."""
    x = np.asarray(features, dtype=np.float64) - np.asarray(fit['mean'], dtype=np.float64)
    z = x @ np.asarray(fit['components'], dtype=np.float64)
    l = np.asarray(fit['variances'], dtype=np.float64)
    s2 = float(fit['residual_variance'])
    norm = (x * x).sum(1)
    inside = (z * z).sum(1)
    return np.sqrt((z * z / l).sum(1) + (norm - inside) / s2)

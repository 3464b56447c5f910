"""Quantises the shipped screening model to int8 in several ways, for issue 24's question: does an
int8 graph keep the AUC within 0.01? The weights in packages/ are only read; every graph is written
to --out, which may not lie under packages/ (the lead decides what ships). docs/int8-measurement.md
gives the method and the figures; int8_metrics.py measures the graphs.

    cd apps/trainer && SCREENING_WORK=/tmp/int8-work OMP_NUM_THREADS=1 nice -n 19 \\
      /tmp/int8-venv/bin/python screening/quantize_int8.py --out /tmp/int8-out [--variants a,b] [--sensitivity MinMax]

Needs onnx and onnxruntime (>= 1.30, for onnxruntime.quantization), numpy and scikit-learn (for
data.py), and the prepared images of prepare-data.mjs. About 7 minutes on a 2-core AMD EPYC shared
with other work: the calibrations (MinMax 17 s, Percentile about 2 min, Entropy about 5 min: the
histogram methods), each cached in --out as calib-<method>.json and reused; the quantisation itself
takes a second per graph. --sensitivity adds about 75 s per method. The graphs are deterministic
(a second run gave the same SHA-256).

What it writes into --out:
- `fp32-folded.onnx`: the shipped graph with the padding arithmetic folded into constants (the
  PyTorch export computes every "same" padding from the runtime shape; the quantiser and the
  Pad-into-Conv fusion want constant pads). Checked against the shipped graph: same outputs.
- `<variant>.onnx` for each variant of VARIANTS, `variants.json` (their settings), and
  `calibration.json` (the calibration images: whole RSNA patients, which int8_metrics.py leaves out).
- with --sensitivity: `sensitivity-<method>.json`, each group of layers quantised alone.

Calibration images are RSNA screening images (the shipped model's own domain) of patients drawn
with a fixed seed, 300 images; never a DDSM or mini-MIAS image, which stay wholly unseen.
"""
import argparse
import json
import os
import time

import numpy as np
import onnx
from onnx import numpy_helper
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                      quantize_dynamic, quantize_static)

import data
from ort_one_thread import log, session

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
MODEL = os.path.join(REPO, 'packages', 'default-model', 'model', 'model.onnx')
CALIB_IMAGES, CALIB_SEED = 300, 24
# Node-name prefixes of the export: the stem; MobileNet blocks 1-6 (frozen in training) are
# /blocks.0-5/, blocks 7-12 (fine-tuned) /top/blocks.0-5/, then the depthwise half of block 13 and
# the score-map head. The input-check head (MatMul, typicality) is never quantised: only the ops
# below are, so the pooling and both heads' arithmetic stay float.
STEM, HEAD = ['/stem/'], ['/top/score/']
BLOCK1 = ['/blocks.0/']
EARLY = STEM + [f'/blocks.{i}/' for i in range(4)]                # stem + blocks 1-4 (maps of 192 and 96 px)
FROZEN = STEM + [f'/blocks.{i}/' for i in range(6)]                # stem + blocks 1-6
OPS = ['Conv', 'Clip', 'Pad']
# name: (kind, calibration method, node prefixes kept in float). The float sets were fixed from the
# sensitivity measurement (--sensitivity, on calibration images) before any evaluation: block 1
# moves the logit most, then block 3, the stem, block 4 and block 2 (the five "early" groups); the
# frozen set adds blocks 5 and 6, all the layers training never changed. The head hardly matters.
VARIANTS = {
    'dynamic': ('dynamic', None, []),
    'minmax': ('static', 'MinMax', []),
    'entropy': ('static', 'Entropy', []),
    'percentile': ('static', 'Percentile', []),
    'minmax-float-block1': ('static', 'MinMax', BLOCK1),
    'minmax-float-early': ('static', 'MinMax', EARLY),
    'minmax-float-frozen': ('static', 'MinMax', FROZEN),
}
# The groups of the sensitivity measurement: each quantised alone, the rest float.
GROUPS = ([('stem', STEM)] + [(f'block{i + 1}', [f'/blocks.{i}/']) for i in range(6)] +
          [(f'block{i + 7}', [f'/top/blocks.{i}/']) for i in range(6)] + [('block13dw', ['/top/dw13/']), ('head', HEAD)])
SENSITIVITY_IMAGES = 100

def fold_pads(model, size):
    """Every Pad whose pads the export computes from the runtime shape gets them as a constant
    (they depend on the height and width only, which the manifest fixes; checked at two batch
    sizes), and the arithmetic that computed them goes."""
    pads = {n.input[1] for n in model.graph.node if n.op_type == 'Pad'}
    inits = {i.name for i in model.graph.initializer}
    pads -= inits
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    probe.graph.output.extend([onnx.helper.make_tensor_value_info(p, onnx.TensorProto.INT64, None) for p in sorted(pads)])
    sess = session(probe.SerializeToString())
    names = [o.name for o in sess.get_outputs()]
    values = {}
    for n in (1, 2):
        out = dict(zip(names, sess.run(None, {'input': np.zeros((n, 1, size, size), np.float32)})))
        for p in pads:
            assert p not in values or np.array_equal(values[p], out[p]), f'{p} depends on the batch size'
            values[p] = out[p]
    model.graph.initializer.extend([numpy_helper.from_array(values[p].astype(np.int64), p) for p in sorted(pads)])
    # Dead-code elimination: keep the nodes that some graph output needs.
    needed = {o.name for o in model.graph.output}
    keep = []
    for node in reversed(model.graph.node):
        if any(o in needed for o in node.output):
            keep.append(node)
            needed.update(i for i in node.input if i and i not in pads)
    del model.graph.node[:]
    model.graph.node.extend(reversed(keep))
    used = {i for n in model.graph.node for i in n.input}
    kept_inits = [i for i in model.graph.initializer if i.name in used]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept_inits)
    return model


def calibration_ids(items, y, patients):
    """Whole patients, drawn with a fixed seed from those with and without a cancer image in the
    set's proportion, until about CALIB_IMAGES images."""
    rng = np.random.RandomState(CALIB_SEED)
    uniq = np.unique(patients)
    pos = {p for p, lab in zip(patients, y) if lab == 1}
    order = list(rng.permutation(uniq))
    frac = len(pos) / len(uniq)
    chosen, n, n_pos = [], 0, 0
    count = {p: int(np.sum(patients == p)) for p in uniq}
    for p in order:
        is_pos = p in pos
        # keep the share of patients with cancer near the set's
        if is_pos and n_pos > frac * (len(chosen) + 1):
            continue
        if not is_pos and (len(chosen) - n_pos) > (1 - frac) * (len(chosen) + 1):
            continue
        chosen.append(p)
        n += count[p]
        n_pos += is_pos
        if n >= CALIB_IMAGES:
            break
    chosen = set(chosen)
    return [it['id'] for it, p in zip(items, patients) if p in chosen], sorted(chosen)


class Reader(CalibrationDataReader):
    """Feeds the calibration images one at a time (the tensor is grey / 255, as the server's)."""

    def __init__(self, pixels):
        self.pixels = pixels
        self.set_range(0, len(pixels))

    def __len__(self):
        return len(self.pixels)

    def set_range(self, start_index, end_index):
        self.it = iter(range(start_index, end_index))

    def get_next(self):
        i = next(self.it, None)
        if i is None:
            return None
        return {'input': (self.pixels[i][None, None].astype(np.float32) / np.float32(255))}


def excluded(model, prefixes):
    return [n.name for n in model.graph.node if any(n.name.startswith(p) for p in prefixes)]


def quantize(folded_path, path, calib, method, chunk, out, exclude=(), only=None):
    quantize_static(
        folded_path, path, Reader(calib), quant_format=QuantFormat.QDQ, op_types_to_quantize=OPS,
        per_channel=True, reduce_range=False, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
        nodes_to_exclude=list(exclude), nodes_to_quantize=only, calibrate_method=getattr(CalibrationMethod, method),
        calibration_cache_path=os.path.join(out, f'calib-{method.lower()}.json'),
        extra_options={'CalibStridedMinMax': chunk, 'CalibPercentile': 99.999})


def sensitivity(folded, folded_path, calib, method, chunk, out):
    """Quantises one group of layers at a time (the rest float) and measures how far the logit and
    the typicality move on the first SENSITIVITY_IMAGES calibration images (never an evaluation
    image): which layers the int8 error comes from."""
    x = calib[:SENSITIVITY_IMAGES, None].astype(np.float32) / np.float32(255)
    ref = session(folded_path)
    names = [o.name for o in ref.get_outputs()]

    def run(sess):
        outs = [dict(zip(names, sess.run(None, {'input': x[i:i + 10]}))) for i in range(0, len(x), 10)]
        return np.concatenate([o['logit'].ravel() for o in outs]), np.concatenate([o['typicality'].ravel() for o in outs])

    z0, t0 = run(ref)
    rows = []
    for name, prefixes in GROUPS:
        path = os.path.join(out, f'sens-{method.lower()}-{name}.onnx')
        quantize(folded_path, path, calib, method, chunk, out, only=excluded(folded, prefixes))
        z, t = run(session(path))
        os.remove(path)
        rows.append({'group': name, 'rms_dlogit': float(np.sqrt(np.mean((z - z0) ** 2))),
                     'max_dlogit': float(np.max(np.abs(z - z0))),
                     'rms_dtypicality': float(np.sqrt(np.mean((t - t0) ** 2)))})
        log(f'sensitivity {method} {name}: rms dlogit {rows[-1]["rms_dlogit"]:.4f}, '
            f'rms dtypicality {rows[-1]["rms_dtypicality"]:.3f}')
    json.dump({'method': method, 'images': len(x), 'groups': rows},
              open(os.path.join(out, f'sensitivity-{method.lower()}.json'), 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--model', default=MODEL)
    ap.add_argument('--work', default=os.environ.get('SCREENING_WORK') or os.path.join(HERE, '..', 'work', 'screening'))
    ap.add_argument('--variants', default=','.join(VARIANTS))
    ap.add_argument('--sensitivity', default='',
                    help='calibration methods to run the per-group sensitivity for (e.g. MinMax,Percentile)')
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if out.startswith(os.path.join(REPO, 'packages') + os.sep):
        raise SystemExit('--out may not lie under packages/: the lead decides what ships')
    os.makedirs(out, exist_ok=True)
    manifest = json.load(open(os.path.join(os.path.dirname(args.model), 'manifest.json')))
    size = manifest['input']['width']

    folded_path = os.path.join(out, 'fp32-folded.onnx')
    if not os.path.exists(folded_path):
        folded = fold_pads(onnx.load(args.model), size)
        onnx.checker.check_model(folded)
        onnx.save(folded, folded_path)
    folded = onnx.load(folded_path)

    pixels, items, y, patients = data.load_screening(args.work)
    ids, calib_patients = calibration_ids(items, y, patients)
    idx = [i for i, it in enumerate(items) if it['id'] in set(ids)]
    calib = pixels[idx]
    json.dump({'source': 'screening', 'seed': CALIB_SEED, 'patients': calib_patients, 'ids': ids,
               'cancer_images': int(y[idx].sum())}, open(os.path.join(out, 'calibration.json'), 'w'), indent=1)
    log(f'calibration: {len(ids)} RSNA images of {len(calib_patients)} patients ({int(y[idx].sum())} cancer)')

    # The folded graph must answer as the shipped one does.
    ref, new = session(args.model), session(folded_path)
    x = calib[:4, None].astype(np.float32) / np.float32(255)
    for a, b in zip(ref.run(None, {'input': x}), new.run(None, {'input': x})):
        assert np.array_equal(a, b), 'fp32-folded differs from the shipped graph'
    log('fp32-folded.onnx: same outputs as the shipped graph on 4 images')

    # Calibration in chunks (the histogram methods keep every activation of a chunk in memory);
    # onnxruntime wants the chunk size to divide the count.
    chunk = max(d for d in range(1, 26) if len(calib) % d == 0)
    for method in filter(None, args.sensitivity.split(',')):
        sensitivity(folded, folded_path, calib, method, chunk, out)
    written = {}
    vpath = os.path.join(out, 'variants.json')
    if os.path.exists(vpath):
        written = json.load(open(vpath))
    for name in args.variants.split(','):
        kind, method, prefixes = VARIANTS[name]
        path = os.path.join(out, f'{name}.onnx')
        t = time.time()
        exclude = excluded(folded, prefixes)
        if kind == 'dynamic':
            # ConvInteger with uint8 weights: the CPU kernel has no int8-weight Conv in dynamic mode.
            quantize_dynamic(folded_path, path, op_types_to_quantize=['Conv'], weight_type=QuantType.QUInt8,
                             per_channel=False)
        else:
            quantize(folded_path, path, calib, method, chunk, out, exclude=exclude)
        written[name] = {'kind': kind, 'calibration': method, 'per_channel': kind == 'static',
                         'float_prefixes': prefixes, 'float_nodes': len(exclude),
                         'ops': OPS if kind == 'static' else ['Conv'],
                         'file': f'{name}.onnx', 'bytes': os.path.getsize(path)}
        json.dump(written, open(vpath, 'w'), indent=1)
        log(f'{name}: {os.path.getsize(path) / 1e6:.2f} MB, {time.time() - t:.0f} s, {len(exclude)} nodes kept float')


if __name__ == '__main__':
    main()

"""Measures the int8 graphs of quantize_int8.py against the shipped float graph (issue 24): ROC AUC
of each on every source, the paired difference with a patient-bootstrap 95% CI, how far the served
probability and the input check's typicality move, and the latency per image on one thread.

    cd apps/trainer && SCREENING_WORK=/tmp/int8-work OMP_NUM_THREADS=1 nice -n 19 \\
      /tmp/int8-venv/bin/python screening/int8_metrics.py --models /tmp/int8-out --out /tmp/int8-out/metrics --jobs 2

Writes int8_metrics.json and int8_metrics.md into --out, and each graph's scores (scores-<name>.npz,
reused by a rerun). 7 minutes (12 minutes of CPU) on a 2-core AMD EPYC for the float graph and 7
variants with --jobs 2: scoring 3967 images per graph (5.5 min), the paired bootstrap (1.2 min)
and the latency (20 s, in one process after the rest); 11.5 minutes when the cores were shared.

Sources: DDSM (all 1236 source views) and mini-MIAS (322 films, cancer = malignant), which the
shipped model never saw, and the RSNA screening images (the model's training images: a difference
there still says what int8 does) less the calibration images of quantize_int8.py. The probability
compared is the served one (the manifest's Platt calibration of the logit).
"""
import argparse
import json
import multiprocessing
import os
import time

import numpy as np

import data  # noqa: I001  (first: puts ../mias on sys.path, for metrics.py)
from metrics import BOOT_SEED, N_BOOT, auc, r4, resamples
from ort_one_thread import log, session

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SHARED = os.path.normpath(os.path.join(REPO, '..', 'shared'))
MODEL_DIR = os.path.join(REPO, 'packages', 'default-model', 'model')
UNSEEN = ('ddsm', 'mias')
BAR = 0.01
BATCH = 8
WARMUP, ROUNDS, PER_ROUND = 10, 12, 10

def load_sources(work, mias_dir, calibration_ids):
    pixels, items, y, patients = data.load_screening(work)
    keep = np.array([it['id'] not in calibration_ids for it in items])
    sources = {'rsna': (pixels, keep, y[keep], patients[keep])}
    pixels, _, y, cases = data.load_ddsm(work)
    sources['ddsm'] = (pixels, np.ones(len(y), bool), y, cases)
    pixels, _, y, patients, _ = data.load_mias(work, mias_dir)
    sources['mias'] = (pixels, np.ones(len(y), bool), y, patients.astype(str))
    return sources


def score(job):
    """Logit and typicality of every kept image of every source, by one graph on one thread."""
    name, path, work, mias_dir, calibration_ids, cache = job
    if os.path.exists(cache) and 'ddsm_map' in np.load(cache):
        return name
    sess = session(path)
    out = {}
    for source, (pixels, keep, _, _) in load_sources(work, mias_dir, calibration_ids).items():
        idx = np.flatnonzero(keep)
        logits, typ, maps = [], [], []
        for start in range(0, len(idx), BATCH):
            x = pixels[idx[start:start + BATCH], None].astype(np.float32) / np.float32(255)
            z, t, m = sess.run(['logit', 'typicality', 'score_map'], {'input': x})
            logits.append(z.ravel())
            typ.append(t.ravel())
            maps.append(m.reshape(len(m), -1))
        out[f'{source}_logit'] = np.concatenate(logits)
        out[f'{source}_typicality'] = np.concatenate(typ)
        out[f'{source}_map'] = np.concatenate(maps)
    np.savez(cache, **out)
    log(f'scored {name}')
    return name


def latency(models, image):
    """Median time of one image (batch 1) on one thread: a warm-up, then rounds that visit every
    graph in turn, so that a change in the machine's load falls on all of them alike."""
    sessions = {name: session(path) for name, path in models.items()}
    x = image[None, None].astype(np.float32) / np.float32(255)
    times = {name: [] for name in models}
    for sess in sessions.values():
        for _ in range(WARMUP):
            sess.run(None, {'input': x})
    for _ in range(ROUNDS):
        for name, sess in sessions.items():
            for _ in range(PER_ROUND):
                t = time.perf_counter()
                sess.run(None, {'input': x})
                times[name].append(time.perf_counter() - t)
    return {name: {'median_ms': r4(1000 * np.median(t)), 'p10_ms': r4(1000 * np.percentile(t, 10)),
                   'p90_ms': r4(1000 * np.percentile(t, 90)), 'runs': len(t)} for name, t in times.items()}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--models', required=True, help='the --out folder of quantize_int8.py')
    ap.add_argument('--out', required=True)
    ap.add_argument('--model-dir', default=MODEL_DIR, help='the float model folder (manifest.json, model.onnx)')
    ap.add_argument('--work', default=os.environ.get('SCREENING_WORK') or os.path.join(HERE, '..', 'work', 'screening'))
    ap.add_argument('--mias-dir', default=os.environ.get('MINI_MIAS_DIR') or os.path.join(SHARED, 'data', 'mini-mias'))
    ap.add_argument('--variants', help='comma-separated subset of variants.json (default: all)')
    ap.add_argument('--jobs', type=int, default=1, help='graphs scored at once, one thread each')
    ap.add_argument('--no-latency', action='store_true')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    manifest = json.load(open(os.path.join(args.model_dir, 'manifest.json')))
    a, b = manifest['calibration']['a'], manifest['calibration']['b']
    threshold = manifest['input_check']['threshold']
    variants = json.load(open(os.path.join(args.models, 'variants.json')))
    names = args.variants.split(',') if args.variants else list(variants)
    calibration = json.load(open(os.path.join(args.models, 'calibration.json')))
    calibration_ids = set(calibration['ids'])
    models = {'fp32': os.path.join(args.model_dir, manifest['weights'])}
    models.update({n: os.path.join(args.models, variants[n]['file']) for n in names})

    jobs = [(n, p, args.work, args.mias_dir, calibration_ids, os.path.join(args.out, f'scores-{n}.npz'))
            for n, p in models.items()]
    if args.jobs > 1:
        with multiprocessing.get_context('fork').Pool(args.jobs) as pool:
            list(pool.imap_unordered(score, jobs))
    else:
        for job in jobs:
            score(job)
    scores = {n: dict(np.load(os.path.join(args.out, f'scores-{n}.npz'))) for n in models}
    sources = load_sources(args.work, args.mias_dir, calibration_ids)
    log('scored', ', '.join(models))

    result = {'protocol': {
        'float_model': f"{manifest['name']} {manifest['version']}",
        'calibration_images': f"{len(calibration_ids)} RSNA images of {len(calibration['patients'])} patients "
                              f"(seed {calibration['seed']}), left out of the RSNA figures",
        'auc_difference': f'int8 minus float on the same images; 95% CI: {N_BOOT} paired bootstrap resamples of '
                          f'patients (RSNA patient, DDSM case, mini-MIAS woman), seed {BOOT_SEED}',
        'probability': 'the served probability: sigmoid(a * logit + b) with the manifest\'s Platt a, b',
        'score_map': 'the score map (12x12 logit grid; its peak cell is the one the overlay and the SR point at): '
                     'the largest change of a cell, and the share of images whose peak cell stays the same',
        'typicality': f'the input check\'s distance; refused above {threshold}; a flip is an image refused by one '
                      'graph and not the other',
        'bar': f'ships only if, on each source the model never saw ({", ".join(UNSEEN)}), the lower end of the '
               f'95% CI of the AUC difference is at least -{BAR}',
        'latency': f'batch 1, one thread (intra_op_num_threads=1), {WARMUP} warm-up runs, then {ROUNDS} rounds of '
                   f'{PER_ROUND} runs visiting every graph in turn; median',
    }, 'sources': {}, 'variants': {}}
    boot = {}
    for source, (_, _, y, groups) in sources.items():
        idx = [i for i in resamples(groups) if y[i].min() != y[i].max()]
        p0 = sigmoid(a * scores['fp32'][f'{source}_logit'] + b)
        boot[source] = (idx, np.array([auc(y[i], p0[i]) for i in idx]))
        result['sources'][source] = {'images': len(y), 'cancer': int(y.sum()), 'groups': len(np.unique(groups)),
                                     'fp32_auc': r4(auc(y, p0)),
                                     'fp32_refused': int(np.sum(scores['fp32'][f'{source}_typicality'] > threshold))}
    log('float bootstrap done')

    for name in names:
        row = {'setting': variants[name], 'sources': {}}
        for source, (_, _, y, _) in sources.items():
            z0, z1 = scores['fp32'][f'{source}_logit'], scores[name][f'{source}_logit']
            p0, p1 = sigmoid(a * z0 + b), sigmoid(a * z1 + b)
            t0, t1 = scores['fp32'][f'{source}_typicality'], scores[name][f'{source}_typicality']
            m0, m1 = scores['fp32'][f'{source}_map'], scores[name][f'{source}_map']
            idx, auc0 = boot[source]
            diffs = np.array([auc(y[i], p1[i]) for i in idx]) - auc0
            lo, hi = np.percentile(diffs, [2.5, 97.5])
            row['sources'][source] = {
                'auc': r4(auc(y, p1)), 'delta_auc': r4(auc(y, p1) - auc(y, p0)), 'delta_ci95': [r4(lo), r4(hi)],
                'max_abs_dp': r4(np.max(np.abs(p1 - p0))), 'mean_abs_dp': r4(np.mean(np.abs(p1 - p0))),
                'max_abs_dtypicality': r4(np.max(np.abs(t1 - t0))),
                'refusal_flips': int(np.sum((t0 > threshold) != (t1 > threshold))),
                'max_abs_dmap': r4(np.max(np.abs(m1 - m0))),
                'same_peak_cell': r4(np.mean(m1.argmax(1) == m0.argmax(1))),
            }
        row['meets_bar'] = all(row['sources'][s]['delta_ci95'][0] >= -BAR for s in UNSEEN)
        result['variants'][name] = row
        log(name, {s: (v['delta_auc'], v['delta_ci95']) for s, v in row['sources'].items()})

    if not args.no_latency:
        image = sources['ddsm'][0][0]
        lat_models = dict(models)
        folded = os.path.join(args.models, 'fp32-folded.onnx')
        if os.path.exists(folded):
            lat_models = {'fp32': models['fp32'], 'fp32-folded': folded, **{n: models[n] for n in names}}
        result['latency'] = latency(lat_models, image)
        result['latency_threads'] = {'OMP_NUM_THREADS': os.environ.get('OMP_NUM_THREADS'), 'cpus': os.cpu_count(),
                                     'load_average_after': os.getloadavg()}
        log('latency', {n: v['median_ms'] for n, v in result['latency'].items()})

    json.dump(result, open(os.path.join(args.out, 'int8_metrics.json'), 'w'), indent=1)
    open(os.path.join(args.out, 'int8_metrics.md'), 'w').write(markdown(result, names))
    log('wrote', os.path.join(args.out, 'int8_metrics.md'))


def markdown(result, names):
    src = result['sources']
    lat = result.get('latency', {})
    base = lat.get('fp32', {}).get('median_ms')
    lines = ['| graph | ms/image (1 thread) | speed-up | ' +
             ' | '.join(f'{s} AUC, ΔAUC [95% CI]' for s in src) +
             ' | max abs Δp | score map: max abs Δ, same peak cell | typicality: max abs Δ, refusals flipped | meets bar |',
             '|---|---|---|' + '---|' * len(src) + '---|---|---|---|']
    for name in ['fp32', 'fp32-folded']:
        if name in lat or name == 'fp32':
            ms = lat.get(name, {}).get('median_ms')
            aucs = ' | '.join(f"{src[s]['fp32_auc']:.4f}" for s in src)
            lines.append(f'| {name} | {ms:.1f} | {base / ms:.2f}x | {aucs} | 0 | 0, 100% | 0, 0 | (reference) |'
                         if ms else f'| {name} | - | - | {aucs} | 0 | 0, 100% | 0, 0 | (reference) |')
    for name in names:
        row = result['variants'][name]
        ms = lat.get(name, {}).get('median_ms')
        cells = ' | '.join(f"{v['auc']:.4f}, {v['delta_auc']:+.4f} [{v['delta_ci95'][0]:+.4f}, {v['delta_ci95'][1]:+.4f}]"
                           for v in row['sources'].values())
        dp = max(v['max_abs_dp'] for v in row['sources'].values())
        dt = max(v['max_abs_dtypicality'] for v in row['sources'].values())
        flips = sum(v['refusal_flips'] for v in row['sources'].values())
        dm = max(v['max_abs_dmap'] for v in row['sources'].values())
        n_img = sum(s['images'] for s in src.values())
        peak = sum(v['same_peak_cell'] * src[s]['images'] for s, v in row['sources'].items()) / n_img
        speed = f'{base / ms:.2f}x' if ms and base else '-'
        ms_cell = f'{ms:.1f}' if ms else '-'
        lines.append(f'| {name} | {ms_cell} | {speed} | {cells} | {dp:.4f} | {dm:.2f}, {100 * peak:.1f}% | '
                     f"{dt:.2f}, {flips} | {'yes' if row['meets_bar'] else 'no'} |")
    images = ', '.join(f"{s}: {v['images']} images ({v['cancer']} cancer, {v['groups']} patients, {v['fp32_refused']} refused "
                       'by the float graph\'s input check)' for s, v in src.items())
    return '\n'.join(lines) + f'\n\n{images}. ' + ' '.join(f'{k}: {v}.' for k, v in result['protocol'].items()) + '\n'


if __name__ == '__main__':
    main()

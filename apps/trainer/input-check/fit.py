"""Fits the input check's typicality (issue 20) and writes it into a model folder.

    /usr/bin/python3 input-check/fit.py [--work DIR] [--model-dir DIR] [--smoke]

Reads what extract.mjs wrote (features of every image through the core, and the rule checks'
outcomes). The fit: the model's pooled features of real mammograms (RSNA digital screening,
mini-MIAS and DDSM film), a probabilistic PCA model (the top `components` directions and an
isotropic rest), and its Mahalanobis-type distance. The threshold is chosen out of fold (folds
by patient or case): the smallest distance at which at most `max_refused` of each mammogram
source is refused, rules included. Then:
- model.onnx gains the output `typicality` (graph.py), in the same forward pass as the verdict;
- manifest.json gains `input_check` (threshold, method, per-source refusal rates);
- input_check_scores.csv: every image's outcome and distance (out of fold for mammograms), from
  which a test recomputes the manifest's figures;
- input_check_reference.json: distances of a few mammograms, which the core must reproduce;
- CARD.md gains (or renews) its "Input check" section; reference_predictions.json its new SHA-256.
"""

import argparse
import csv
import hashlib
import json
import os
import re
import sys

import numpy as np
from sklearn.model_selection import GroupKFold

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import graph  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SOURCE_NAMES = {
    'rsna': 'RSNA digital screening (640 px export)',
    'mias': 'mini-MIAS film',
    'ddsm': 'DDSM film (640 px export)',
}
MARK_START = '<!-- input-check: written by apps/trainer/input-check/fit.py -->'
MARK_END = '<!-- /input-check -->'


def fit_ppca(x, k):
    mean = x.mean(0)
    _, s, vt = np.linalg.svd(x - mean, full_matrices=False)
    variances = s ** 2 / (len(x) - 1)
    rest = variances[k:].sum() / max(1, x.shape[1] - k)
    return {'mean': mean, 'components': vt[:k].T, 'variances': variances[:k], 'residual_variance': float(rest)}


def threshold_for(distances, sources, refused_by_rules, max_refused):
    """The smallest threshold at which each source has at most max_refused of its images refused."""
    worst = 0.0
    for source in sorted(set(sources)):
        mine = sources == source
        allowed = int(np.floor(max_refused * mine.sum())) - int(refused_by_rules[mine].sum())
        d = np.sort(distances[mine & ~refused_by_rules])[::-1]
        if allowed < 0:
            raise SystemExit(f'{source}: the rules alone refuse more than {max_refused:.0%} of its mammograms')
        # Refused means strictly above: the (allowed + 1)-th largest distance still passes.
        worst = max(worst, float(d[allowed]) if allowed < len(d) else 0.0)
    return worst


def out_of_fold(x, groups, k, folds):
    oof = np.zeros(len(x))
    for train, test in GroupKFold(n_splits=folds).split(x, groups=groups):
        oof[test] = graph.distances(x[test], fit_ppca(x[train], k))
    return oof


def rate(source, images, refused):
    return {'source': source, 'images': int(images), 'refused': int(refused), 'rate': round(refused / images, 4) if images else 0.0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--work', default=os.environ.get('INPUT_CHECK_WORK', os.path.join(HERE, '..', 'work', 'input-check')))
    parser.add_argument('--model-dir', default=os.path.join(ROOT, 'packages', 'default-model', 'model'))
    parser.add_argument('--smoke', action='store_true')
    args = parser.parse_args()
    config = json.load(open(os.path.join(HERE, 'config.json')))
    k = config['smoke']['components'] if args.smoke else config['components']
    folds = config['smoke']['folds'] if args.smoke else config['folds']
    max_refused = config['max_refused']

    extracted = json.load(open(os.path.join(args.work, 'items.json')))
    items = extracted['items']
    features = np.fromfile(os.path.join(args.work, 'features.f32'), dtype=np.float32).reshape(-1, extracted['dims']).astype(np.float64)

    mammo = [it for it in items if it['kind'] == 'mammogram']
    non = [it for it in items if it['kind'] == 'non-mammogram']
    m_sources = np.array([it['source'] for it in mammo])
    m_rules = np.array([it['outcome'] != 'rules_passed' for it in mammo])
    fitted = [it for it in mammo if it['outcome'] == 'rules_passed']
    x = features[[it['row'] for it in fitted]]
    groups = np.array([it['group'] for it in fitted])
    oof = out_of_fold(x, groups, k, folds)
    oof_all = np.full(len(mammo), np.nan)
    oof_all[[i for i, it in enumerate(mammo) if it['outcome'] == 'rules_passed']] = oof
    threshold = threshold_for(np.nan_to_num(oof_all, nan=np.inf), m_sources, m_rules, max_refused)
    threshold = float(np.ceil(threshold * 1e4) / 1e4)
    fit = fit_ppca(x, k)

    # Leave one mammogram source out: how a source unlike any in the fit fares (a new scanner, say).
    loso = []
    if not args.smoke:
        f_sources = np.array([it['source'] for it in fitted])
        for held in config['mammogram_sources']:
            keep = f_sources != held
            o = out_of_fold(x[keep], groups[keep], k, folds)
            t = threshold_for(o, f_sources[keep], np.zeros(keep.sum(), bool), max_refused)
            d = graph.distances(x[~keep], fit_ppca(x[keep], k))
            loso.append(rate(held, (~keep).sum(), (d > t).sum()))

    # Every image's outcome: mammograms out of fold, non-mammograms under the final fit.
    rows = []
    for i, it in enumerate(mammo):
        d = oof_all[i]
        refused = it['outcome'] != 'rules_passed' or d > threshold
        rows.append({**it, 'distance': d, 'refused': refused, 'by': it['outcome'] if it['outcome'] != 'rules_passed' else ('typicality' if refused else '')})
    non_distance = graph.distances(features[[it['row'] for it in non if 'row' in it]], fit) if any('row' in it for it in non) else []
    at = 0
    for it in non:
        d = np.nan
        if 'row' in it:
            d = float(non_distance[at])
            at += 1
        if it['outcome'] == 'unreadable':
            refused, by = False, ''
        elif it['outcome'] != 'rules_passed':
            refused, by = True, it['outcome']
        else:
            refused, by = d > threshold, 'typicality' if d > threshold else ''
        rows.append({**it, 'distance': d, 'refused': refused, 'by': by})

    def rates(kind):
        mine = [r for r in rows if r['kind'] == kind and r['outcome'] != 'unreadable']
        return [rate(s, sum(r['source'] == s for r in mine), sum(r['refused'] for r in mine if r['source'] == s)) for s in sorted({r['source'] for r in mine})]

    mammogram_rates = rates('mammogram')
    non_rates = rates('non-mammogram')
    unreadable = [r for r in rows if r['outcome'] == 'unreadable']
    non_total = sum(r['images'] for r in non_rates)
    non_refused = sum(r['refused'] for r in non_rates)
    by_rule = {}
    for r in rows:
        if r['kind'] == 'non-mammogram' and r['refused']:
            by_rule[r['by']] = by_rule.get(r['by'], 0) + 1

    # The graph, then its SHA-256 where the other files name it.
    weights = os.path.join(args.model_dir, 'model.onnx')
    graph.add_typicality(weights, weights, config['layer'], fit)
    sha = hashlib.sha256(open(weights, 'rb').read()).hexdigest()
    reference_path = os.path.join(args.model_dir, 'reference_predictions.json')
    if os.path.exists(reference_path):
        reference = json.load(open(reference_path))
        reference['model_sha256'] = sha
        with open(reference_path, 'w') as f:
            json.dump(reference, f, indent=1)

    protocol = (
        f'Mammograms: the {sum(r["images"] for r in mammogram_rates)} images of {", ".join(SOURCE_NAMES[s] for s in config["mammogram_sources"])}, '
        f'scored out of fold ({folds} folds by patient or case); the threshold is the smallest distance at which at most '
        f'{max_refused:.0%} of each source is refused, rules included. Non-mammograms: {non_total} images gathered from Debian packages and '
        f'generated (apps/trainer/input-check/gather_non_mammograms.py), never used in the fit, scored by the shipped check; '
        f'{len(unreadable)} more that the reader refuses as unreadable (a DICOM syntax or layout it does not read) are left out. '
        'A refusal is any failed check: the DICOM modality, the size, the grey range, the colourfulness or the typicality.'
    )
    if loso:
        protocol += ' Leave one mammogram source out (fitted and thresholded without it): ' + ', '.join(
            f"{SOURCE_NAMES[r['source']]} {r['refused']}/{r['images']} refused ({r['rate']:.0%})" for r in loso
        ) + ': a source unlike all those fitted on is often refused.'
    manifest_path = os.path.join(args.model_dir, 'manifest.json')
    manifest = json.load(open(manifest_path))
    manifest['input_check'] = {
        'output': graph.TYPICALITY,
        'method': (
            f'Mahalanobis-type distance under a probabilistic PCA model ({k} principal directions and an isotropic rest) of the model\'s own '
            f'features: the spatial mean of the {x.shape[1]} channels of the output of MobileNet block 9 (fine-tuned), from the same forward '
            'pass as the verdict (the graph output "typicality").'
        ),
        'threshold': threshold,
        'fitted_on': f'{len(fitted)} real mammograms that pass the rule checks: ' + ', '.join(
            f"{sum(1 for it in fitted if it['source'] == s)} {SOURCE_NAMES[s]}" for s in config['mammogram_sources']
        ) + '.',
        'evaluation': {'protocol': protocol, 'mammograms': mammogram_rates, 'non_mammograms': non_rates},
    }
    # Before "card", as the other facts.
    ordered = {key: manifest[key] for key in manifest if key != 'card'}
    ordered['input_check'] = manifest['input_check']
    ordered['card'] = manifest['card']
    with open(manifest_path, 'w') as f:
        json.dump(ordered, f, indent=2, ensure_ascii=False)
        f.write('\n')

    with open(os.path.join(args.model_dir, 'input_check_scores.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['kind', 'source', 'id', 'outcome', 'distance', 'refused', 'by'])
        for r in rows:
            w.writerow([r['kind'], r['source'], r['id'], r['outcome'], '' if np.isnan(r['distance']) else f"{r['distance']:.4f}", int(r['refused']), r['by']])

    # A few mammograms of each source whose distances the core must reproduce (float32 graph vs float64 here).
    picked = []
    for s in config['mammogram_sources']:
        picked += [it for it in fitted if it['source'] == s][:4]
    reference = {
        'model_sha256': sha,
        'threshold': threshold,
        'images': [
            {'source': it['source'], 'id': it['id'], 'distance': float(graph.distances(features[[it['row']]], fit)[0])} for it in picked
        ],
    }
    with open(os.path.join(args.model_dir, 'input_check_reference.json'), 'w') as f:
        json.dump(reference, f, indent=1)

    rule_refused = [it for it in mammo if it['outcome'] != 'rules_passed']
    write_card(args.model_dir, manifest['input_check'], loso, by_rule, non_total, non_refused, unreadable, rule_refused)
    print(f'threshold {threshold}; mammograms refused out of fold: {mammogram_rates}')
    print(f'non-mammograms refused: {non_refused}/{non_total} {non_rates}; by {by_rule}; unreadable {len(unreadable)}')
    if loso:
        print(f'leave one source out: {loso}')


def write_card(model_dir, check, loso, by_rule, non_total, non_refused, unreadable, rule_refused):
    path = os.path.join(model_dir, 'CARD.md')
    if not os.path.exists(path):
        return
    ev = check['evaluation']
    lines = [
        MARK_START,
        '## Input check: is it a mammogram?',
        '',
        'Before any verdict the server checks that the upload is a mammogram this model reads (issue 20). '
        'Rules every image is held to: a DICOM Modality of MG (or a mammography SOP class; CR, DX, OT or SC of the BREAST, '
        'and files without a Modality, go on to the image checks), at least 256 px on the short side and at most 3:1, '
        'a grey-level spread of at least 32 levels, and a colourfulness of at most 12. Then this model\'s own typicality '
        f'check: {check["method"]} Threshold {check["threshold"]}. Fitted on {check["fitted_on"]} '
        + (
            f'{len(rule_refused)} mammogram{"s" if len(rule_refused) != 1 else ""} fail a rule, counted among the refused below: '
            + ', '.join(f'{SOURCE_NAMES.get(r["source"], r["source"])} {r["id"]} ({r["outcome"].replace("_", " ")})' for r in rule_refused)
            + '.'
            if rule_refused
            else 'No mammogram fails a rule.'
        ),
        '',
        '| mammograms (out of fold) | images | refused | rate |',
        '|---|---|---|---|',
        *[f"| {SOURCE_NAMES.get(r['source'], r['source'])} | {r['images']} | {r['refused']} | {r['rate']:.2%} |" for r in ev['mammograms']],
        '',
        '| non-mammograms (never fitted on) | images | refused | rate |',
        '|---|---|---|---|',
        *[f"| {r['source']} | {r['images']} | {r['refused']} | {r['rate']:.2%} |" for r in ev['non_mammograms']],
        f'| **all** | {non_total} | {non_refused} | {non_refused / non_total:.2%} |' if non_total else '',
        '',
        'Refused by: ' + ', '.join(f'{n} {by.replace("_", " ")}' for by, n in sorted(by_rule.items(), key=lambda t: -t[1])) + '. '
        + (f'{len(unreadable)} more file{" is" if len(unreadable) == 1 else "s are"} refused as unreadable before any check '
         '(a DICOM syntax or pixel layout the reader lacks) and not counted.' if unreadable else 'Every gathered file was readable.'),
        '',
    ]
    if loso:
        lines += [
            '**What it does not know.** Fitted without one source, the check refuses much of that source: '
            + ', '.join(f"{SOURCE_NAMES[r['source']]} {r['refused']} of {r['images']} ({r['rate']:.0%})" for r in loso)
            + '. Mammograms from a scanner or digitiser unlike all three above may be refused: a research group with such data '
            'can run the server with `INPUT_CHECK=warn` (verdicts come with a warning) and should refit the check on its own images.',
            '',
        ]
    lines += [
        'The gathered non-mammograms are photos, drawings, charts, icons, wallpapers, documents and screenshots, synthetic images, '
        'crude X-ray-like renderings and other modalities (CT, MR, US, NM... from pydicom\'s test files, as DICOM and as PNG); '
        'real chest or bone X-rays were not available here. Every figure is recomputed from `input_check_scores.csv` by a test. '
        'Reproduce: `pnpm train:input-check` (apps/trainer/input-check/README.md).',
        MARK_END,
    ]
    text = open(path).read()
    block = '\n'.join(lines) + '\n'
    if MARK_START in text:
        text = re.sub(re.escape(MARK_START) + '.*?' + re.escape(MARK_END) + '\n', lambda _: block, text, flags=re.S)
    else:
        text = text.replace('\n## Limitations\n', '\n' + block + '\n## Limitations\n', 1) if '\n## Limitations\n' in text else text + '\n' + block
    with open(path, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    main()

"""Figures, manifest.json and CARD.md for the default model (v3; `TRAIN_RECIPE=v2` for v2)."""
import json
import os

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import roc_curve  # noqa: E402

import data  # noqa: E402,F401  (puts ../mias on sys.path, for its metrics.py)
import card_v3  # noqa: E402
from metrics import manifest, r4, summary  # noqa: E402
from plots import finish_roc, reliability_figure  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = {
    'frozen_lr': 'frozen MobileNet v1 features + logistic regression',
    'class_prior': 'class prior',
}
DISCLAIMER = '⚠️ For educational purposes only. Not for medical diagnosis.'
WOULD_TAKE = (
    "The target (image AUC >= 0.75) was not reached. The single-fold experiments above plateau near 0.65-0.70: the frozen "
    "ImageNet features carry little of the signal, fine-tuning deeper blocks is what moved the AUC (cut after block 12: 0.63, "
    "after 11: 0.65-0.67, after 6: up to 0.70), and the deeper the fine-tuning, the faster it overfits 2,200 training images "
    "(the training loss falls well below the validation loss within 3-4 epochs). What would likely move it further, none of "
    "which fits a 2-hour budget on 2 CPU cores: fine-tuning the whole network with image-space augmentation (rotation, "
    "scale, contrast; today only flips and shifts of cached feature maps), several epochs per fold; higher-resolution inputs "
    "(the RSNA originals are 2-5k px, and published RSNA solutions use 1-2k px crops; this export is 640 px and stretched); "
    "a stronger backbone (EfficientNet/ConvNeXt-class, ImageNet-pretrained) and seed or fold ensembles; and using both "
    "views and both breasts of a study together. Each is a GPU-sized job: at about 10 images/s for full fine-tuning at "
    "384 px here, one pass over the data takes 4-5 minutes per epoch before any resolution increase."
)


def names(ctx):
    """The approaches' names: the shipped one is the recipe's `approach` (config.json)."""
    return {'finetuned': ctx['cfg']['approach'], **NAMES}


def by_patient(y, p, patients, how):
    """One row per patient: label = any cancer image; score = max or mean of the image scores."""
    uniq = sorted(set(patients.tolist()))
    idx = {u: np.flatnonzero(patients == u) for u in uniq}
    agg = np.max if how == 'max' else np.mean
    return (np.array([y[idx[u]].max() for u in uniq]), np.array([agg(p[idx[u]]) for u in uniq]), np.array(uniq))


def evaluate_all(y, p, patients):
    """Image-level figures (CI by patient bootstrap) and patient-level AUCs (max and mean)."""
    out = {'image': summary(y, p, patients)}
    for how in ('max', 'mean'):
        py, pp, pu = by_patient(y, p, patients, how)
        out[f'patient_{how}'] = summary(py, pp, pu, thresholds=False)
    return out


def experiments():
    """Every approach tried while settling the recipe, measured by screening/ceiling.py."""
    with open(os.path.join(HERE, 'experiments.json')) as fh:
        return json.load(fh)


def figures(out_dir, ctx):
    name = names(ctx)
    y, p = ctx['y'], ctx['probs']['finetuned']
    fig, ax = plt.subplots(figsize=(6.4, 6.0), dpi=110)
    res = ctx['results']
    for c, (col, ls, lw) in {'finetuned': ('C3', '-', 2.2), 'frozen_lr': ('C0', '--', 1.6), 'class_prior': ('0.5', ':', 1.4)}.items():
        fpr, tpr, _ = roc_curve(y, ctx['probs'][c])
        ax.plot(fpr, tpr, color=col, ls=ls, lw=lw, label=f'{name[c]}: image AUC {res[c]["image"]["roc_auc"]["value"]:.3f}')
    title = f'Out-of-fold ROC, patient-level {ctx["k"]}-fold CV\n640 screening set: {ctx["n"]} images, {ctx["n_pos"]} cancer'
    finish_roc(fig, ax, title, os.path.join(out_dir, 'roc.png'))

    reliability_figure(os.path.join(out_dir, 'reliability.png'), y, p, 'calibrated OOF probabilities',
                       'Reliability (10 bins; Platt scaling cross-fitted by fold)', 'cancer', 'predicted probability of cancer', 'images')

    fig, ax = plt.subplots(figsize=(6.4, 4.4), dpi=110)
    for k, curve in enumerate(ctx['curves']):
        ax.plot([r['epoch'] for r in curve], [r['val_auc'] for r in curve], 'o-', ms=3, label=f'fold {k + 1}')
    ax.set_xlabel('epoch')
    ax.set_ylabel('validation image AUC')
    ax.set_title('Learning curves: held-out fold AUC after each epoch', fontsize=11)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(out_dir, 'learning_curves.png'))
    plt.close(fig)


def pooling_text(cfg):
    if cfg.get('pooling') == 'lse':
        r = cfg['lse_r']
        return (f"log-mean-exp of the map with sharpness r = {r}, logit = log(mean(exp({r} * map))) / {r}, which lies "
                f"between the mean and the max of the cells")
    return 'the mean of the map'


def method_text(ctx):
    cfg, cut = ctx['cfg'], ctx['cfg']['cut']
    return (
        f"Preprocessing in @bcd-api/core (`preprocessing: mammogram`, the same code for training and serving): grey; inverted "
        f"when the median of an 8-px border strip is above 128; mirrored so that the heavier half (the chest wall) is on the left; "
        f"cropped to the rows and columns where more than 2% of pixels exceed 25; the crop keeps its aspect on a black square "
        f"(at its left edge, vertically centred), resized to {ctx['size']}x{ctx['size']}. Network: ImageNet MobileNet v1 (alpha 1.0, "
        f"TensorFlow.js weights converted to PyTorch; the stem's RGB kernel summed for the grey input). Blocks 1-{cut} are frozen "
        f"and run once per image (their output is cached, which makes the fine-tuning several times cheaper); blocks {cut + 1}-12 "
        f"and the depthwise half of block 13 are fine-tuned (the pointwise layer of block 13 is missing from the shared weights "
        f"and is dropped); then dropout {cfg['dropout']} and a 1x1 convolution give a logit per cell of the stride-32 grid "
        f"({ctx['grid'][0]}x{ctx['grid'][1]}): the score map. The image logit pools the map ({pooling_text(cfg)}), so the map "
        f"is the prediction's own class-activation map, from the same forward pass. Training: binary cross-entropy with "
        f"pos_weight = negatives/positives of the training part, AdamW (lr {cfg['lr_backbone']} for the pretrained blocks, "
        f"{cfg['lr_head']} for the head, weight decay {cfg['weight_decay']}, cosine schedule), batch {cfg['batch']}, "
        f"{cfg['epochs']} epochs, augmentation on the cached feature maps (vertical flip, shifts of up to 2 cells), fixed "
        f"seeds.{pretrain_text(ctx)} Calibration: Platt scaling p = sigmoid(a * logit + b) fitted on the out-of-fold logits of all {ctx['n']} images."
    )


def pretrain_text(ctx):
    cfg, parts = ctx['cfg'], []
    if cfg.get('pretrain'):
        parts.append(
            f" Before that, the same blocks and head are pre-trained on {ctx['ddsm_pretrain_n']} DDSM film views (one copy of each "
            f"source view of the 640 px export, turned upright, through the same preprocessing; label: cancer volume or not) for "
            f"{cfg['pretrain']['epochs']} epochs with the same settings; every fold's model and the final model start from those weights. "
            f"The DDSM cases of one fold ({ctx['ddsm_held_n']} views) are kept out of the pre-training to measure the study rules.")
    if cfg.get('ema') and ctx.get('variant') == 'ema':
        parts.append(
            f" The shipped weights are the exponential moving average of the weights over the training steps (decay {cfg['ema']}, "
            f"BatchNorm statistics included), which scored higher out of fold than the last step's weights (see Model v3 against v2).")
    return ''.join(parts)


def card_dict(ctx):
    name = names(ctx)
    res, cross, point = ctx['results'], ctx['cross'], ctx['pointing']
    img = res['finetuned']['image']

    def block(c):
        r = res[c]
        return {'roc_auc': r['image']['roc_auc'], 'brier': r['image']['brier'], 'ece': r['image']['ece'],
                'patient_roc_auc_max': r['patient_max']['roc_auc'], 'patient_roc_auc_mean': r['patient_mean']['roc_auc']}

    per_fold = [r4(c[-1]['val_auc']) for c in ctx['curves']]
    return {
        'method': method_text(ctx),
        'training_data': {
            'name': 'RSNA Screening Mammography (public 640x640 re-upload), digital screening mammograms',
            'licence': ('Images from the RSNA Screening Mammography Breast Cancer Detection data, whose terms allow non-commercial '
                        'use for research and education only; these weights inherit that restriction: non-commercial research and '
                        'education only, not MIT, never diagnosis. Re-upload: Kaggle hayder17/breast-cancer-detection (Roboflow export, '
                        'ODC DbCL) via GitHub kodekloudhub/PyTorch. ImageNet MobileNet v1 weights: TensorFlow.js models (Apache-2.0).'),
            'citation': ('Carr C. et al. (2022) RSNA Screening Mammography Breast Cancer Detection. Kaggle. Howard A. G. et al. (2017) '
                         'MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications. arXiv:1704.04861.'),
            'images': ctx['n'], 'cancer_images': ctx['n_pos'], 'negative_images': ctx['n'] - ctx['n_pos'], 'patients': ctx['n_patients'],
            'label_definition': 'An image is Malignant when its breast had biopsy-proven cancer (folder cancer/), otherwise Benign (no cancer).',
            'not_used_for_training': 'mini-MIAS (322 film mammograms): used only as a cross-domain check and to choose the study rule.',
            **ddsm_data(ctx),
        },
        'evaluation': {
            'protocol': (f"Patient-level {ctx['k']}-fold cross-validation on the 640 set (all images of a patient in one fold; folds "
                         f"stratified by whether a patient has a cancer image, seed 0); the approach and the baselines use the same "
                         f"folds. Calibrated out-of-fold probabilities come from Platt scaling fitted, per fold, on the other folds' "
                         f"out-of-fold logits. ROC AUC 95% CI: 2000 bootstrap resamples of patients (seed 12345); ECE: 10 equal-width "
                         f"bins. Patient level: label = any cancer image, score = max (or mean) of the patient's image probabilities."),
            'roc_auc': img['roc_auc'], 'brier': img['brier'], 'ece': img['ece'], 'at_thresholds': img['at_thresholds'],
            'patient_roc_auc_max': res['finetuned']['patient_max']['roc_auc'],
            'patient_roc_auc_mean': res['finetuned']['patient_mean']['roc_auc'],
            'per_fold_roc_auc': per_fold,
            'approaches': [dict(name=name['finetuned'], **block('finetuned'), shipped=True)],
            'baselines': [dict(name=name[c], **block(c)) for c in ('frozen_lr', 'class_prior')],
            'experiments': experiments(),
            'cross_domain_mini_mias': {
                'data': f"{ctx['mias_n']} mini-MIAS film mammograms ({ctx['mias_pos']} malignant), never used for training, scored by the final model",
                'roc_auc': cross['image']['roc_auc'], 'brier': cross['image']['brier'], 'ece': cross['image']['ece'],
                'patient_roc_auc_max': cross['patient_max']['roc_auc'], 'at_thresholds': cross['image']['at_thresholds'],
            },
            'pointing_accuracy_mini_mias': {
                'films': point['films'], 'hits': point['hits'], 'accuracy': r4(point['accuracy']), 'chance': r4(point['chance']),
                'definition': ('Malignant mini-MIAS films with lesion coordinates: a hit when the score map\'s peak cell, mapped back '
                               'onto the film, lies within the lesion radius plus half a cell of the lesion centre; chance = share of the '
                               'film\'s breast cells that would be hits. The films were never used for training (out of fold by construction).'),
            },
            'figures': ['roc.png', 'reliability.png', 'learning_curves.png'],
            **(card_v3.evaluation_extras(ctx) if ctx['cfg'].get('pretrain') else {}),
        },
        'intended_use': 'Education and research on mammogram classification methods. Not for clinical use or diagnosis.',
        'limitations': [
            'A 640x640 export of digital mammograms, cropped and resized to ' + f"{ctx['size']}x{ctx['size']}" + ': fine microcalcifications and small masses are largely invisible at this resolution.',
            'Cancer images are 35% of this data against well under 1% in real screening: at screening prevalence almost every positive call would be a false positive. The probabilities are calibrated to this data set, not to a screening population.',
            'The upstream export stretched the anatomy to a square and was partly augmented (flips, rotations, black rectangles); some images have inverted grey levels (normalised here).',
            'One view at a time: no pairing of views or breasts, no prior studies, no clinical data. The label is per breast, and a cancer is not visible on every view of that breast. The study endpoint of the API (POST /predict-study) combines the views of a study by a stated rule (the maximum per breast): an aggregation of this single-image model, not a model trained on studies.',
            'The screening operating points and categories come from this data set\'s cancer-enriched, 640 px export, out of fold; a screening population, its scanners and its readers would move them. They are for research on operating points, not for recalling anyone.',
            'Calibration was fitted on the fold models\' out-of-fold logits and applied unchanged to the model retrained on all images.',
            'About one patient in five of the source was held back by the project to score the shipped model independently; the figures here are cross-validated on the rest only.',
            f"Film mammograms (mini-MIAS) are a different domain: image AUC {cross['image']['roc_auc']['value']:.3f} there.",
            'The recipe was chosen after the single-fold experiments listed in the card (fold 1 of the same folds), so the cross-validated figures may be slightly optimistic.',
        ],
        'disclaimer': DISCLAIMER,
        'created': ctx['created'],
    }


def ddsm_data(ctx):
    if not ctx['cfg'].get('pretrain'):
        return {}
    return {'pretraining_data': {
        'name': 'DDSM film mammograms (Digital Database for Screening Mammography), 640x640 export with weak boxes',
        'views': ctx['ddsm_pretrain_n'], 'held_out_views': ctx['ddsm_held_n'],
        'licence': ('DDSM is a public research database of the University of South Florida, used here for research; the 640 px '
                    'export is Roboflow\'s "Breast Cancer Detection" v2 (CC BY 4.0), kept in the GitHub repository '
                    '007Aurick/Breast-Cancer-Detection. Attribution: Roboflow Universe, Breast Cancer Detection dataset, CC BY 4.0.'),
        'citation': ('Heath M., Bowyer K., Kopans D., Moore R., Kegelmeyer W. P. (2000) The Digital Database for Screening '
                     'Mammography. In: Proceedings of the Fifth International Workshop on Digital Mammography (IWDM 2000), 212-218.'),
        'label_definition': 'A view is cancer when it comes from a DDSM cancer volume (A); benign (B), normal (C) and benign without callback (D) are not.',
    }}


def manifest_dict(ctx):
    return manifest(
        ctx['cfg']['name'], ctx['cfg']['version'],
        {'name': 'input', 'width': ctx['size'], 'height': ctx['size'], 'channels': 1, 'layout': 'NCHW',
         'color': 'GRAY', 'scaling': '[0,1]', 'preprocessing': 'mammogram'},
        {'name': 'logit', 'kind': 'sigmoid_logit', 'score_map': {'name': 'score_map', 'kind': 'logit_grid'}},
        ctx,
        f"Out-of-fold image logits of the patient-level {ctx['k']}-fold cross-validation on all "
        f"{ctx['n']} images of the 640 screening set, applied unchanged to the model trained on all images.",
        card_dict(ctx),
    )


def write_manifest(out_dir, ctx):
    with open(os.path.join(out_dir, 'manifest.json'), 'w', encoding='utf-8') as fh:
        json.dump(manifest_dict(ctx), fh, indent=2, ensure_ascii=False)
        fh.write('\n')


def _row(name, r):
    a = r['roc_auc']
    return (f"| {name} | {a['value']:.4f} ({a['ci95'][0]:.4f}–{a['ci95'][1]:.4f}) | "
            f"{r['patient_roc_auc_max']['value']:.4f} | {r['patient_roc_auc_mean']['value']:.4f} | {r['brier']:.4f} | {r['ece']:.4f} |")


def write_card(out_dir, ctx):
    m = manifest_dict(ctx)
    c, ev = m['card'], m['card']['evaluation']
    td, cross, point = c['training_data'], ev['cross_domain_mini_mias'], ev['pointing_accuracy_mini_mias']
    a = ev['roc_auc']
    L = [f"# Model card: {m['name']} {m['version']}\n", f"> {c['disclaimer']}\n", f"**Intended use.** {c['intended_use']}\n",
         '**Licence of the weights: non-commercial research and education only** (they are trained on RSNA screening data; '
         'see Training data). The code of this project is MIT; these weights are not.\n', '## Summary\n',
         f"- Task: {td['label_definition']}",
         f"- Out-of-fold image ROC AUC **{a['value']:.4f}** (95% CI {a['ci95'][0]:.4f}–{a['ci95'][1]:.4f}), patient level "
         f"(max) {ev['patient_roc_auc_max']['value']:.4f}, Brier {ev['brier']:.4f}, ECE {ev['ece']:.4f}; per fold {ev['per_fold_roc_auc']}.",
         f"- The target was 0.75. {'It was reached.' if a['value'] >= 0.75 else 'It was not reached: see What it would take.'}",
         f"- Cross-domain, mini-MIAS films: image AUC {cross['roc_auc']['value']:.4f} ({cross['roc_auc']['ci95'][0]:.4f}–{cross['roc_auc']['ci95'][1]:.4f}).",
         f"- Score map pointing accuracy on {point['films']} malignant mini-MIAS films: {point['hits']}/{point['films']} = "
         f"{point['accuracy']:.3f} (chance {point['chance']:.3f}).",
         f"- Weights: `model.onnx` ({ctx['onnx_bytes'] / 2**20:.1f} MiB, opset 13): input `input` float32 [N,1,{ctx['size']},{ctx['size']}] "
         f"grey in [0,1] after the core's mammogram preprocessing; outputs `logit` [N,1] (before calibration) and `score_map` "
         f"[N,1,{ctx['grid'][1]},{ctx['grid'][0]}] (a logit per grid cell; `logit` is {pooling_text(ctx['cfg'])}).",
         f"- Calibration: Platt, p = 1 / (1 + exp(-(a * logit + b))), a = {m['calibration']['a']}, b = {m['calibration']['b']} "
         f"({m['calibration']['fitted_on']}) Decision threshold: p >= 0.5, i.e. Malignant when cancer is more likely than not "
         f"at this data set's 35% prevalence; the risk levels read the same calibrated probability.",
         f"- SHA-256 of model.onnx: `{ctx['sha']}`", f"- Created: {c['created']}\n", '## Training data\n',
         f"- {td['name']}: {td['images']} images of {td['patients']} patients, {td['cancer_images']} cancer, {td['negative_images']} negative.",
         f"- Licence: {td['licence']}", f"- Citation: {td['citation']}", f"- {td['not_used_for_training']}"]
    if td.get('pretraining_data'):
        pd = td['pretraining_data']
        L += [f"- Pre-training: {pd['name']}: {pd['views']} views ({pd['held_out_views']} more held out). {pd['label_definition']}",
              f"- Its licence: {pd['licence']}", f"- Its citation: {pd['citation']}"]
    L += ['',
         '## Method\n', c['method'] + '\n', '## Evaluation\n', ev['protocol'] + '\n',
         '| approach | image AUC (95% CI) | patient AUC, max | patient AUC, mean | Brier | ECE |', '|---|---|---|---|---|---|',
         _row(f"**{ev['approaches'][0]['name']} (shipped)**", ev['approaches'][0])]
    L += [_row('Baseline: ' + b['name'], b) for b in ev['baselines']]
    L += ['', 'Sensitivity and specificity of the calibrated out-of-fold probabilities (p >= threshold), image level:\n',
          '| threshold | sensitivity | specificity |', '|---|---|---|']
    for t in ev['at_thresholds']:
        mark = ' (decision threshold)' if t['threshold'] == 0.5 else ''
        L.append(f"| {t['threshold']:.2f}{mark} | {t['sensitivity']:.4f} | {t['specificity']:.4f} |")
    L += [''] + (card_v3.card_sections(ctx, m) if ctx['cfg'].get('pretrain') else [])
    L += ['![ROC curves](roc.png)\n', '![Reliability diagram](reliability.png)\n', '![Learning curves](learning_curves.png)\n',
          '### Cross-domain check: mini-MIAS\n',
          f"{cross['data']}: image AUC {cross['roc_auc']['value']:.4f} ({cross['roc_auc']['ci95'][0]:.4f}–{cross['roc_auc']['ci95'][1]:.4f}), "
          f"patient AUC (max) {cross['patient_roc_auc_max']['value']:.4f}, Brier {cross['brier']:.4f}, ECE {cross['ece']:.4f}.\n",
          f"Pointing: {point['definition']} Result: {point['hits']} of {point['films']} ({point['accuracy']:.3f}); chance {point['chance']:.3f}.\n",
          '### Every approach tried\n',
          'Single-fold experiments (train on folds 2-5, validate on fold 1 of the same patient-level folds; the AUC is the '
          'validation image AUC after the last epoch, and the best epoch in brackets), run with `screening/ceiling.py`:\n',
          '| experiment | setting | fold-1 AUC, last epoch (best) | note |', '|---|---|---|---|']
    for e in ev['experiments']:
        auc = (f"{e['last']:.4f} ({e['best']:.4f})" + (f", {e['metric']}" if e.get('metric') else '')) if e['curve'] else 'not trained'
        L.append(f"| {e['name']} | {e['setting']} | {auc} | {e['note']} |")
    if a['value'] < 0.75:
        L += ['', '### What it would take\n', WOULD_TAKE]
    L += ['', '## Limitations\n'] + [f'- {x}' for x in c['limitations']]
    L += ['', '## How to reproduce\n',
          '```sh\napt-get install python3-torch python3-numpy python3-sklearn python3-onnx python3-matplotlib\n'
          'pnpm train      # prepare-data.mjs (the core\'s preprocessing) then screening/train.py\n```\n',
          f"The full run ({ctx['k']}-fold CV, baselines, final model, mini-MIAS check, export, figures) took "
          f"{ctx['wall_s'] / 60:.1f} minutes on 2 CPU cores (torch 1.13, 2 threads); the exported graph took {ctx['torch_ms']:.0f} ms "
          f"per image in torch on one thread. Files: `model.onnx`, `manifest.json`, `oof_predictions.csv`, "
          f"`reference_predictions.json` (torch probabilities to check a runtime against), the figures, this card.\n",
          f"> {c['disclaimer']}"]
    with open(os.path.join(out_dir, 'CARD.md'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(L) + '\n')

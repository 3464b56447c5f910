"""Figures, manifest.json and CARD.md for the trained model."""
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import roc_curve  # noqa: E402

import patchcnn  # noqa: E402
from evaluate import load  # noqa: E402
from metrics import manifest  # noqa: E402
from plots import finish_roc, reliability_figure  # noqa: E402

LABELS = {
    "patch_cnn": "A: patch CNN, sliding window, top-4 mean",
    "texture_lr": "B: texture + asymmetry features, LR",
    "class_prior": "baseline: class prior",
    "image_stats_lr": "baseline: LR on image mean/std",
}
NAMES = {
    "patch_cnn": "patch CNN (sliding window, top-k mean pooling)",
    "texture_lr": "texture features + logistic regression",
    "class_prior": "class prior",
    "image_stats_lr": "logistic regression on image statistics",
}


def describe(c, hp):
    return {
        "patch_cnn": (f"{ens_text(hp)}5-block CNN from scratch (channels {list(hp['widths'])}, BatchNorm, ReLU, 4 max-pools, ~{n_params(hp)//1000}k parameters{' each' if hp.get('members', 1) > 1 else ''}) "
                      f"trained on {patchcnn.PATCH}x{patchcnn.PATCH} patches of the 512x512 input (128x128 px of the 1024 film); applied "
                      f"fully convolutionally as a {patchcnn.STRIDE}-px-stride sliding window over the whole film (29x29 windows), windows that are "
                      f"less than {int(patchcnn.MIN_FRAC * 100)}% breast (grey > {patchcnn.BREAST_T}) are masked; film score = mean of the top {patchcnn.TOPK} "
                      f"window logits, standardised by the mean and standard deviation of that score over the network's own non-malignant training films"
                      f"{', averaged over the members' if hp.get('members', 1) > 1 else ''}."),
        "texture_lr": ("80 handcrafted whole-film features (breast-region intensity percentiles, difference-of-Gaussian blob responses at 5 scales, "
                       "local standard deviation, gradient magnitude percentiles, each also as the difference to the same patient's other film) "
                       "-> standardised L2 logistic regression (C=0.1, class_weight=balanced)."),
        "class_prior": ("Constant probability = malignant fraction of the training folds (its pooled AUC differs from 0.5 only because that "
                        "fraction differs slightly from fold to fold)."),
        "image_stats_lr": "Logistic regression (class_weight=balanced) on mean and standard deviation of the grey levels (x255) of the 512x512 input tensor.",
    }[c]


def benign_text(hp):
    if hp.get("benign_pos", 0.0):
        return (f"benign lesions are used as soft targets (label {hp['benign_label']}, {int(hp['benign_pos'] * 100)}% of the lesion half of each batch, "
                f"same augmentation), since a benign film should score between normal tissue and a malignant lesion; negatives (label 0) are")
    return "negatives are benign-lesion patches,"


def ens_text(hp):
    m = hp.get("members", 1)
    return f"Seed ensemble of {m} identical networks, each a " if m > 1 else "A "


def n_params(hp):
    return sum(p.numel() for p in patchcnn.PatchNet(hp["widths"]).parameters())


def figures(out_dir, csv_path, shipped):
    y, _, probs = load(csv_path)
    import csv
    folds = [r["fold"] for r in csv.DictReader(open(csv_path))]
    from sklearn.metrics import roc_auc_score
    fig, ax = plt.subplots(figsize=(6.4, 6.0), dpi=120)
    styles = {"patch_cnn": ("C3", "-", 2.4), "texture_lr": ("C0", "-", 1.8),
              "image_stats_lr": ("C2", "--", 1.5), "class_prior": ("0.5", ":", 1.5)}
    for c in ["patch_cnn", "texture_lr", "image_stats_lr", "class_prior"]:
        if c not in probs:
            continue
        fpr, tpr, _ = roc_curve(y, probs[c])
        col, ls, lw = styles[c]
        tag = " (shipped)" if c == shipped else ""
        ax.plot(fpr, tpr, color=col, ls=ls, lw=lw, label=f"{LABELS[c]}{tag}: AUC {roc_auc_score(y, probs[c]):.3f}")
    title = f"Out-of-fold ROC, patient-level {len(np.unique(folds))}-fold CV\nmini-MIAS, {len(y)} films, {int(y.sum())} malignant"
    finish_roc(fig, ax, title, os.path.join(out_dir, "roc.png"), "1 - specificity (false positive rate)", "sensitivity (true positive rate)")

    p = probs[shipped]
    reliability_figure(
        os.path.join(out_dir, "reliability.png"), y, p, LABELS[shipped],
        "Reliability of calibrated out-of-fold probabilities\n(10 equal-width bins, Platt scaling cross-fitted)", "malignant",
        "predicted malignant probability", "films", dpi=120)




def card_dict(ctx):
    hp, res, sh = ctx["hp"], ctx["results"], ctx["shipped"]
    method = (
        f"{describe('patch_cnn', hp)} Training patches: positives are the malignant lesions with coordinates in Info.txt "
        f"(centre scaled by 0.5, row = (1023 - y) * 0.5), each resampled many times with heavy augmentation (random shift up to "
        f"12 px, flips, 90-degree rotations plus +-15 degree rotation, scale 0.85-1.2, gamma 0.7-1.4, contrast 0.85-1.15, "
        f"brightness +-0.05, Gaussian noise); {benign_text(hp)} random breast-tissue windows "
        f"(24 per film, from every training film except the three malignant films without coordinates, keeping away from "
        f"annotated lesions) and hard negatives mined with the current model after epochs {list(hp['mine_at'])} "
        f"({hp['mine_per_film']} top-scoring windows per film). Background/air windows are never sampled and are masked at inference. "
        f"Imbalance: every batch is half lesion patches, half negatives (balanced sampling); film-level class imbalance is then "
        f"restored by calibration. AdamW (lr {hp['lr']}, one-cycle schedule, weight decay {hp['wd']}), batch {hp['batch']}, "
        f"{hp['epochs']} epochs x {hp['per_epoch']} patches, binary cross-entropy, fixed seeds. Calibration: Platt scaling "
        f"p = sigmoid(a * logit + b) fitted on the out-of-fold film logits of all {ctx['n']} films. No transfer learning "
        f"(trained from scratch; no pretrained weights).")
    def block(c):
        r = res[c]
        return {"roc_auc": r["roc_auc"], "brier": r["brier"], "ece": r["ece"]}
    return {
        "method": method,
        "training_data": {
            "name": "mini-MIAS (MIAS MiniMammographic Database)",
            "licence": ("MIAS MiniMammographic Database licence agreement: use for research purposes ONLY (editing/modifying allowed, "
                        "unmodified portions stay under the agreement); the database is owned by MIAS and protected by UK copyright law; "
                        "publications that use it must reference it; it may not be rented, leased or sold; MIAS liability is limited."),
            "citation": "Suckling J. et al. (1994) The Mammographic Image Analysis Society Digital Mammogram Database. Exerpta Medica International Congress Series 1069, pp. 375-378.",
            "films": ctx["n"], "malignant_films": ctx["n_pos"], "benign_or_normal_films": ctx["n"] - ctx["n_pos"],
            "label_definition": ("A film is Malignant if Info.txt lists at least one abnormality with severity M on it; otherwise "
                                 "(normal films and films with only benign abnormalities) it is Benign."),
        },
        "evaluation": {
            "protocol": (f"Patient-level {ctx['k']}-fold cross-validation (the two films of a patient, mdb001/mdb002, ... always in the same fold; "
                         f"folds stratified by patient malignancy, seed 0); every approach and baseline uses the same folds and is evaluated on "
                         f"its out-of-fold predictions for all {ctx['n']} films; hyper-parameters fixed before the cross-validation run (development runs: see limitations); the reported calibrated OOF probabilities "
                         f"come from Platt scaling fitted, for each fold, on the OOF scores of the other folds only; ROC AUC 95% CI from "
                         f"2000 bootstrap resamples of patients (seed 12345); ECE with 10 equal-width bins."),
            "roc_auc": res[sh]["roc_auc"], "brier": res[sh]["brier"], "ece": res[sh]["ece"],
            "at_thresholds": res[sh]["at_thresholds"],
            "approaches": [dict(name=NAMES[c], description=describe(c, hp), **block(c), shipped=(c == sh)) for c in ["patch_cnn", "texture_lr"]],
            "baselines": [dict(name=NAMES[c], description=describe(c, hp), **block(c)) for c in ["class_prior", "image_stats_lr"]],
            "figures": ["roc.png", "reliability.png"],
        },
        "intended_use": "Education and research on mammogram classification methods. Not for clinical use or diagnosis.",
        "limitations": [
            "Trained on screen-film mammograms from the UK National Breast Screening Programme of the early 1990s, digitised and reduced to 1024x1024 (mini-MIAS), then to 512x512; modern full-field digital mammograms look different.",
            f"Tiny sample: {ctx['n']} films from {ctx['n'] // 2} women, {ctx['n_pos']} malignant films; the confidence intervals are wide.",
            "No external validation: all figures are out-of-fold estimates on mini-MIAS itself.",
            ("The patch-CNN recipe was settled after about six development runs on the same cross-validation folds (training length, hard-negative "
             "mining, benign lesions as negatives vs soft or full positives, per-film intensity normalisation; OOF AUCs 0.58-0.64, within each other's "
             "confidence intervals), so the reported figures may be slightly optimistic; the pooling (top-4 mean) and the baselines were fixed in advance, "
             "and the texture model's C=0.1 was set before a look at C=0.01 and C=1 on the same folds (OOF AUC 0.59-0.61) and kept."),
            "Per-fold AUCs vary widely (test folds hold only 10-11 malignant films), so small differences between approaches are not meaningful.",
            "Calibration was fitted on out-of-fold scores of the 5 fold models and applied unchanged to the model retrained on all films, whose scores may be distributed somewhat differently.",
            "The label is per film (any malignant abnormality); the model sees one view at a time, no prior films, no clinical data.",
            "Lesion coordinates are approximate circles; three malignant films with widespread calcifications have no coordinates and contribute no positive patches.",
            "A single 512x512 grey input: fine microcalcifications are largely lost at this resolution.",
        ],
        "disclaimer": "⚠️ For educational purposes only. Not for medical diagnosis.",
        "created": ctx["created"],
    }


def manifest_dict(ctx):
    return manifest(
        "mias-patch-cnn", "1.0.0",
        {"name": "input", "width": 512, "height": 512, "channels": 3, "layout": "NCHW", "color": "RGB", "scaling": "[0,1]"},
        {"name": "logit", "kind": "sigmoid_logit"},
        ctx,
        f"Out-of-fold film logits of the patient-level {ctx['k']}-fold cross-validation on all {ctx['n']} "
        f"mini-MIAS films ({ctx['n_pos']} malignant), applied unchanged to the model trained on all films.",
        card_dict(ctx),
    )


def write_manifest(out_dir, ctx):
    m = manifest_dict(ctx)
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(m, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def _row(name, r, shipped=None):
    a = r["roc_auc"]
    tag = " **(shipped)**" if shipped else ""
    return f"| {name}{tag} | {a['value']:.4f} | {a['ci95'][0]:.4f} – {a['ci95'][1]:.4f} | {r['brier']:.4f} | {r['ece']:.4f} |"


def write_card(out_dir, ctx):
    m = manifest_dict(ctx)
    c = m["card"]
    ev = c["evaluation"]
    td = c["training_data"]
    L = []
    L.append(f"# Model card: {m['name']} {m['version']}\n")
    L.append(f"> {c['disclaimer']}\n")
    L.append(f"**Intended use.** {c['intended_use']}\n")
    L.append("## Summary\n")
    L.append(f"- Task: {td['label_definition']}")
    L.append(f"- Shipped approach: {NAMES[ctx['shipped']]}; out-of-fold ROC AUC **{ev['roc_auc']['value']:.4f}** "
             f"(95% CI {ev['roc_auc']['ci95'][0]:.4f} – {ev['roc_auc']['ci95'][1]:.4f}), Brier {ev['brier']:.4f}, ECE {ev['ece']:.4f}.")
    L.append(f"- Weights: `model.onnx` ({ctx['onnx_bytes'] / 1024:.0f} KiB, opset 13), input `input` float32 [N,3,512,512] NCHW RGB in [0,1], "
             f"output `logit` float32 [N,1] (raw film score before calibration).")
    L.append(f"- Calibration: Platt, p = 1 / (1 + exp(-(a * logit + b))) with a = {m['calibration']['a']}, b = {m['calibration']['b']} "
             f"({m['calibration']['fitted_on']}) Decision threshold p >= 0.5.")
    L.append(f"- SHA-256 of model.onnx: `{ctx['sha']}` (also: SHA-256: see GET /model)")
    L.append(f"- Created: {c['created']}\n")
    L.append("## Training data\n")
    L.append(f"- {td['name']}: {td['films']} films (1024x1024, 8-bit), {td['malignant_films']} malignant, {td['benign_or_normal_films']} benign or normal.")
    L.append(f"- Licence: {td['licence']}")
    L.append(f"- Citation: {td['citation']}")
    L.append(f"- Label definition: {td['label_definition']}\n")
    L.append("## Method\n")
    L.append(c["method"] + "\n")
    L.append("## Evaluation\n")
    L.append(ev["protocol"] + "\n")
    L.append("| approach | OOF ROC AUC | 95% CI | Brier | ECE |")
    L.append("|---|---|---|---|---|")
    for a in ev["approaches"]:
        L.append(_row("Approach: " + a["name"], a, a["shipped"]))
    for b in ev["baselines"]:
        L.append(_row("Baseline: " + b["name"], b))
    L.append("")
    for a in ev["approaches"] + ev["baselines"]:
        L.append(f"- **{a['name']}**: {a['description']}")
    L.append("")
    L.append("Sensitivity and specificity of the shipped model's calibrated out-of-fold probabilities (rule: p >= threshold):\n")
    L.append("| threshold | sensitivity | specificity |")
    L.append("|---|---|---|")
    for t in ev["at_thresholds"]:
        mark = " (decision threshold)" if t["threshold"] == 0.5 else ""
        L.append(f"| {t['threshold']:.2f}{mark} | {t['sensitivity']:.4f} | {t['specificity']:.4f} |")
    L.append("")
    if "p_shipped" in ctx:
        ps = ctx["p_shipped"]
        L.append(f"The calibrated probabilities stay close to the base rate ({ctx['n_pos']}/{ctx['n']} = {ctx['n_pos'] / ctx['n']:.2f}) because the "
                 f"film score separates the classes only weakly: out-of-fold, the median probability is {np.median(ps):.3f}, the maximum "
                 f"{ps.max():.3f}, and {int((ps >= 0.5).sum())} of {ctx['n']} films reach the 0.5 decision threshold. Most films therefore "
                 f"land in the low risk levels; read the levels as a coarse research signal, not as a screening result.\n")
    L.append("Every number above is recomputed from `oof_predictions.csv` by `apps/trainer/evaluate.py`.\n")
    L.append("![ROC curves](roc.png)\n")
    L.append("![Reliability diagram](reliability.png)\n")
    L.append("## Limitations\n")
    for x in c["limitations"]:
        L.append(f"- {x}")
    L.append("")
    L.append("## How to reproduce\n")
    L.append("```sh\n# Debian packages used (no pip):\napt-get install python3-torch python3-numpy python3-sklearn python3-onnx python3-matplotlib\n"
             "# from the repository root (runs `node prepare-data.mjs && /usr/bin/python3 train.py` in apps/trainer):\npnpm train\n"
             "# recompute every reported figure from the OOF predictions:\ncd apps/trainer && /usr/bin/python3 evaluate.py\n```\n")
    L.append(f"Data: mini-MIAS under `shared/data/mini-mias` (override with `MINI_MIAS_DIR`). The full run ({ctx['k']}-fold CV of both approaches and "
             f"baselines, final training, export, figures) took {ctx['wall_s'] / 60:.1f} minutes of wall time on 2 CPU cores "
             f"(torch 1.13 CPU, 2 threads); torch inference of the exported graph took {ctx['torch_ms']:.0f} ms per film on one thread.\n")
    L.append(f"Files: `model.onnx`, `manifest.json`, `oof_predictions.csv`, `reference_predictions.json` (torch logits and probabilities for all "
             f"{ctx['n']} films, to check a runtime against), `roc.png`, `reliability.png`, this card.\n")
    L.append(f"> {c['disclaimer']}")
    with open(os.path.join(out_dir, "CARD.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L) + "\n")

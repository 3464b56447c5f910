"""What issue 22 adds to a card: the study rule chosen by measurement and the screening operating
points and prevalence (rule_sections, written by rules_card.py into any model folder), and for the
DDSM pre-training recipe (`TRAIN_RECIPE=ddsm`, not shipped) its steps against v2 on the same folds."""
import csv
import os

import numpy as np

from metrics import BOOT_SEED, N_BOOT, auc, r4, resamples

RULE_WORDS = {
    'max': 'the maximum',
    'mean': 'the mean',
    'mean_logit': 'the mean in log-odds (the logistic of the mean logit)',
    'min': 'the minimum',
}
CATEGORY_TEXT = (
    '`likely_normal` below the threshold at specificity 0.90, `elevated` from there up to the threshold at specificity 0.95, '
    '`high` at or above it. Not a BI-RADS assessment and not a diagnosis: at this model\'s sensitivity most cancers fall in '
    '`likely_normal` (see the sensitivity at specificity 0.90).'
)


def rule_sentence(chosen):
    return (f"each breast: {RULE_WORDS[chosen['breast']]} of its images' calibrated malignant probabilities; the study: "
            f"{RULE_WORDS[chosen['study']]} of its breasts'")


def paired_delta(y, p_new, p_old, groups, n_boot=N_BOOT, seed=BOOT_SEED):
    """AUC(new) - AUC(old) on the same images, with a patient-bootstrap 95% CI."""
    y = np.asarray(y)
    stats = []
    for ii in resamples(groups, n_boot, seed):
        if y[ii].min() != y[ii].max():
            stats.append(auc(y[ii], p_new[ii]) - auc(y[ii], p_old[ii]))
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return {'value': r4(auc(y, p_new) - auc(y, p_old)), 'ci95': [r4(lo), r4(hi)]}


def v2_oof(v2_dir, ids):
    """Model v2's calibrated out-of-fold probabilities, in the order of `ids` (None if absent)."""
    path = os.path.join(v2_dir, 'oof_predictions.csv')
    if not os.path.exists(path):
        return None
    p = {r['id']: float(r['p_finetuned']) for r in csv.DictReader(open(path))}
    return np.array([p[i] for i in ids]) if all(i in p for i in ids) else None


def ablations(ctx):
    """v3's steps, out of fold on the same folds and seeds: v2's recipe, + DDSM pre-training,
    + weight averaging, + test-time flip (measured, not shipped)."""
    rows = []
    if ctx.get('v2_auc') is not None:
        rows.append({'name': 'v2 recipe (no pre-training, last weights): model v2 as shipped', 'roc_auc': ctx['v2_auc'],
                     'shipped': False})
    names = {'raw': 'v2 recipe + DDSM pre-training, last weights', 'ema': '... + weight averaging (EMA)',
             'ema_tta': '... + test-time vertical flip (two passes per image)'}
    for key, value in ctx['variants'].items():
        rows.append({'name': names[key], 'roc_auc': r4(value), 'shipped': key == ctx['variant']})
    return rows


def manifest_extras(ctx):
    """The manifest's `study_rule` and `screening` sections, which the server reads."""
    chosen = ctx['rules']['chosen']
    return {
        'study_rule': {
            'breast': chosen['breast'], 'study': chosen['study'],
            'chosen_by': ('Breast rule: the highest breast-level ROC AUC on the RSNA breasts, out of fold (the side of each '
                          'image inferred from the mirroring the preprocessing applied). Study rule: the highest ROC AUC across '
                          'the breasts of the mini-MIAS women, the only set where every study has both breasts. Candidates, fixed '
                          'before measuring: max, mean, mean_logit, min. Every figure is in the card.'),
        },
        'screening': {
            'base_prevalence': r4(ctx['n_pos'] / ctx['n']),
            'evaluated_on': (f"Out of fold, {ctx['n']} images of {ctx['n_patients']} women of the RSNA export (image level: CIs by "
                             f"bootstrapping women), and {ctx['study_n']} women ({ctx['study_pos']} with cancer) by the study rule "
                             f"(study level). Thresholds are on the served probability (the calibration in this manifest). At the "
                             f"study level the women with cancer mostly have only the breast with cancer in this export, so with "
                             f"the maximum across breasts the sensitivity is a lower bound; the specificity is measured on women "
                             f"with both breasts."),
            'operating_points': ctx['points'],
        },
    }


def card_sections(ctx, m):
    """CARD.md's sections on v3's steps, the study rule and the screening operating points."""
    ev, L = m['card']['evaluation'], []
    L += ['### Model v3 against v2\n',
          'Out of fold, the same patient-level folds and seeds as v2; image ROC AUC of the calibrated probabilities:\n',
          '| model | image AUC | shipped |', '|---|---|---|']
    L += [f"| {r['name']} | {r['roc_auc']:.4f} | {'yes' if r['shipped'] else ''} |" for r in ev['v3_ablations']]
    if ev.get('v3_minus_v2'):
        d = ev['v3_minus_v2']
        L += ['', f"Shipped v3 minus v2, paired on the same images: {d['value']:+.4f} (95% CI {d['ci95'][0]:+.4f} to "
                  f"{d['ci95'][1]:+.4f}, bootstrap of women). The test-time flip is not shipped: it doubles the served cost, past "
                  f"the 1.2x budget of issue 22."]
    dd = ev['ddsm']
    L += ['', '### DDSM as a second source\n',
          f"{dd['data']} Image AUC on the held-out fold: {dd['roc_auc']['value']:.4f} ({dd['roc_auc']['ci95'][0]:.4f}–"
          f"{dd['roc_auc']['ci95'][1]:.4f}).\n",
          f"The weak boxes: {dd['boxes_definition']}\n", '| DDSM volume | views | peak in the box | rate | chance |', '|---|---|---|---|---|']
    for k, r in dd['boxes'].items():
        L.append(f"| {k} | {r['views']} | {r['hits']} | {r['rate']:.3f} | {r['chance']:.3f} |")
    L += ['', dd['boxes_finding'] + '\n']
    return L


def evaluation_extras(ctx):
    """The card's evaluation entries behind the sections above."""
    b = ctx['ddsm_boxes']['by_pathology']
    cancer, normal = b.get('cancer'), b.get('normal')
    if cancer and normal:
        finding = (f"The peak lands in the box on {cancer['rate']:.1%} of cancer views (chance {cancer['chance']:.1%}) and on "
                   f"{normal['rate']:.1%} of normal views (chance {normal['chance']:.1%}); a normal view's box marks no lesion, so "
                   f"only the cancer rate above the normal rate could be lesion signal. The boxes were not used in training.")
    else:
        finding = 'Too few views per volume to read.'
    return {
        'v3_ablations': ablations(ctx),
        'v3_minus_v2': ctx.get('v3_minus_v2'),
        'ddsm': {
            'data': (f"DDSM: {ctx['ddsm_n']} source views ({ctx['ddsm_pos']} cancer), {ctx['ddsm_pretrain_n']} used for pre-training, "
                     f"{ctx['ddsm_held_n']} held out (the cases of one fold)."),
            'roc_auc': ctx['ddsm_image']['image']['roc_auc'],
            'boxes': b,
            'boxes_definition': ('the score map\'s peak cell, mapped back onto the upright 640 px view, counts as in the box when its '
                                 'centre lies inside the box widened by half a cell; chance is the share of the view\'s breast cells '
                                 'inside the box. Held-out fold, final model.'),
            'boxes_finding': finding,
        },
    }


def rule_sections(m):
    """CARD.md's sections on the study rule and the screening operating points, from a manifest
    that has `study_rule`, `screening` and `card.evaluation.study_rules`."""
    ev, L = m['card']['evaluation'], []
    sr = ev['study_rules']
    L += ['### The study rule, by measurement\n', sr['protocol'] + '\n', '| level | data | groups (cancer) | '
          + ' | '.join(RULE_WORDS) + ' |', '|---|---|---|' + '---|' * len(RULE_WORDS)]
    for level in ('breast', 'study'):
        for key, e in sr[level].items():
            cells = ' | '.join(f"{r['roc_auc']:.4f}" for r in e['rules'])
            L.append(f"| {level} | {e['data']} | {e['groups']} ({e['positive']}) | {cells} |")
    L += ['', f"Shipped: {rule_sentence(m['study_rule'])}. {sr['finding']}\n"]
    sc = m['screening']
    L += ['### Screening operating points\n', sc['evaluated_on'] + '\n']
    for level in ('image', 'study'):
        L += [f'{level.capitalize()} level:\n', '| specificity target | threshold | sensitivity (95% CI) | specificity (95% CI) |',
              '|---|---|---|---|']
        for o in sc['operating_points'][level]:
            se, sp = o['sensitivity'], o['specificity']
            L.append(f"| {o['target_specificity']:.2f} | {o['threshold']:.4f} | {se['value']:.4f} ({se['ci95'][0]:.4f}–{se['ci95'][1]:.4f}) | "
                     f"{sp['value']:.4f} ({sp['ci95'][0]:.4f}–{sp['ci95'][1]:.4f}) |")
        L.append('')
    base = sc['base_prevalence']
    L += [f"**Prevalence.** The calibrated probability holds at this data set's cancer share, {base:.4f}. At a screening "
          f"prevalence π (e.g. 0.005–0.01) the server can give, beside it, the prior-shifted probability p' with odds(p') = "
          f"odds(p) · [π / (1 − π)] / [{base:.4f} / (1 − {base:.4f})]: set `SCREENING_PREVALENCE`. The seed-compatible fields "
          f"(the verdict, its confidence, the risk level) keep this data set's calibration; the prior-shifted figure is a separate "
          f"field that names its prevalence.\n",
          f"**Category.** {CATEGORY_TEXT} The category depends on ranks only, so not on the prevalence.\n"]
    return L


def study_rules_entry(rules):
    """The card's record of the study-rule comparison (`card.evaluation.study_rules`)."""
    return {
        'protocol': ('Out of fold or out of sample throughout; ROC AUC of the combined calibrated probability against '
                     '"any cancer" in the group. Breast level: the images of one breast. Study level: the breasts of one '
                     'woman, each combined first by the shipped breast rule.'),
        'breast': rules['breast'], 'study': rules['study'],
        'finding': ('In the RSNA export the women with cancer mostly have images of one breast only (the breast with cancer) '
                    'and the cancer-free women of both, so a rule that takes the maximum across breasts is penalised there '
                    'for a reason screening does not have; the mini-MIAS women all have both breasts, which is why they '
                    'choose the study rule. Best breast rule per source: '
                    + '; '.join(f"{e['data']}: {max(e['rules'], key=lambda r: r['roc_auc'])['rule']}"
                                for e in rules['breast'].values()) + '.'),
    }

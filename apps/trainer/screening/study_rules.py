"""Study rules and screening operating points, measured out of fold (issue 22).

A rule combines calibrated probabilities: the views of one breast (`breast`), then the breasts of
a study (`study`). The candidates are fixed here, before any measurement, and each is measured
where the data can show it:
- breast level: DDSM, whose file names give the side (two views per breast);
- study level (across breasts): mini-MIAS, whose films come in left/right pairs of a woman;
- patient level: the RSNA export, whose file names give no side, so a patient's images are
  combined as one group by the breast rule.
Operating points: the threshold on the served probability at which the specificity first reaches
0.80, 0.90 and 0.95, with the sensitivity and specificity there and their patient-bootstrap CIs.
"""
import numpy as np

from metrics import BOOT_SEED, N_BOOT, auc, r4, resamples

RULES = ('max', 'mean', 'mean_logit', 'min')
TARGET_SPECIFICITIES = (0.8, 0.9, 0.95)
EPS = 1e-6


def combine(p, rule):
    """One value from calibrated probabilities by a rule (the core's study.ts computes the same)."""
    p = np.asarray(p, dtype=float)
    if rule == 'max':
        return float(p.max())
    if rule == 'min':
        return float(p.min())
    if rule == 'mean':
        return float(p.mean())
    if rule == 'mean_logit':
        q = np.clip(p, EPS, 1 - EPS)
        z = np.log(q / (1 - q)).mean()
        return float(1 / (1 + np.exp(-z)))
    raise ValueError(f'unknown rule {rule}')


def grouped(y, p, groups, rule):
    """Per group (sorted): label = any cancer, score = the rule over the group's probabilities."""
    y, p, groups = np.asarray(y), np.asarray(p, dtype=float), np.asarray(groups)
    keys = sorted(set(groups.tolist()))
    idx = {k: np.flatnonzero(groups == k) for k in keys}
    return (np.array([int(y[idx[k]].max()) for k in keys]), np.array([combine(p[idx[k]], rule) for k in keys]),
            np.array(keys))


def two_level(y, p, breasts, studies, breast_rule, study_rule):
    """The API's study rule: each breast by `breast_rule`, then the study over its breasts."""
    by, bp, bk = grouped(y, p, breasts, breast_rule)
    study_of = {b: s for b, s in zip(breasts, studies)}
    return grouped(by, bp, np.array([study_of[b] for b in bk]), study_rule)


def compare(level):
    """AUC of every candidate rule; `level(rule)` gives (labels, scores, keys) per group."""
    return [{'rule': rule, 'roc_auc': r4(auc(*level(rule)[:2]))} for rule in RULES]


def _threshold_at(y, p, target):
    """Midway between the smallest score at which specificity reaches `target` and the next lower
    score, so that rounding the probabilities cannot move a case across it."""
    values = np.unique(p)
    neg = p[y == 0]
    for i, t in enumerate(values):
        if (neg < t).mean() >= target:
            below = values[i - 1] if i > 0 else t - 2e-6
            return float(round((t + below) / 2, 6))
    return 1.0


def operating_points(y, p, groups, n_boot=N_BOOT, seed=BOOT_SEED):
    """Sensitivity and specificity at the thresholds for the target specificities, CIs by
    bootstrapping the groups (patients) at the fixed threshold."""
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    picks = list(resamples(groups, n_boot, seed))
    out = []
    for target in TARGET_SPECIFICITIES:
        t = _threshold_at(y, p, target)

        def rates(ii):
            yy, pos = y[ii], p[ii] >= t
            return (pos & (yy == 1)).sum() / max((yy == 1).sum(), 1), (~pos & (yy == 0)).sum() / max((yy == 0).sum(), 1)

        sens, spec = rates(np.arange(len(y)))
        boots = np.array([rates(ii) for ii in picks])
        ci = np.percentile(boots, [2.5, 97.5], axis=0)
        out.append({'target_specificity': target, 'threshold': t,
                    'sensitivity': {'value': r4(sens), 'ci95': [r4(ci[0, 0]), r4(ci[1, 0])]},
                    'specificity': {'value': r4(spec), 'ci95': [r4(ci[0, 1]), r4(ci[1, 1])]}})
    return out


def _entry(data, gy, rules):
    return {'data': data, 'groups': int(len(gy)), 'positive': int(gy.sum()), 'rules': rules}


def evidence(rsna, ddsm, mias):
    """Every measurement behind the shipped rule, and the choice it leads to.

    Each argument is a dict of arrays: y, p (calibrated), breast, study (ids). The breast rule is
    the one with the highest breast-level AUC on the RSNA breasts (out of fold, in the model's own
    domain, the largest set); the study rule is the one with the highest AUC across the breasts of
    the mini-MIAS women (every study there has both breasts; in the RSNA export the women with
    cancer mostly have only the breast with cancer, so its study-level comparison is biased).
    """
    def breast_level(s):
        return lambda rule: grouped(s['y'], s['p'], s['breast'], rule)

    def study_level(s, breast_rule):
        return lambda rule: two_level(s['y'], s['p'], s['breast'], s['study'], breast_rule, rule)

    def entry(src, level):
        return _entry(src['data'], level('max')[0], compare(level))

    out = {'breast': {'rsna': entry(rsna, breast_level(rsna)), 'ddsm': entry(ddsm, breast_level(ddsm))}, 'study': {}}
    breast_rule = max(out['breast']['rsna']['rules'], key=lambda r: r['roc_auc'])['rule']
    for key, src in (('mias', mias), ('rsna', rsna)):
        out['study'][key] = entry(src, study_level(src, breast_rule))
    study_rule = max(out['study']['mias']['rules'], key=lambda r: r['roc_auc'])['rule']
    out['chosen'] = {'breast': breast_rule, 'study': study_rule}
    return out

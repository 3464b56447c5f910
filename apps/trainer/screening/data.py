"""Loads what prepare-data.mjs wrote and deals patient-level folds.

screening.u8 / .json: the 640 set, labels per image, patient ids from the file names.
mias.u8 / .json: mini-MIAS films, labelled and located from Info.txt (the cross-domain check).
"""
import json
import os
import sys

import numpy as np

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'mias'))
import mias  # noqa: E402  (the mini-MIAS trainer's Info.txt parser)


def load_source(work_dir, source):
    meta = json.load(open(os.path.join(work_dir, f'{source}.json')))
    size, items = meta['size'], meta['items']
    pixels = np.fromfile(os.path.join(work_dir, f'{source}.u8'), dtype=np.uint8).reshape(len(items), size, size)
    return pixels, items


def load_screening(work_dir):
    pixels, items = load_source(work_dir, 'screening')
    y = np.array([it['label'] for it in items])
    patients = np.array([it['patient'] for it in items])
    return pixels, items, y, patients


def load_mias(work_dir, mias_dir):
    pixels, items = load_source(work_dir, 'mias')
    info = mias.parse_info(os.path.join(mias_dir, 'Info.txt'))
    y = np.array([int(info[it['id']]['malignant']) for it in items])
    patients = np.array([mias.patient_of(it['id']) for it in items])
    lesions = [[l for l in info[it['id']]['lesions'] if l['sev'] == 'M' and l['x'] is not None] for it in items]
    return pixels, items, y, patients, lesions


def patient_folds(y, patients, k, seed):
    """The fold of every image: stratified patient-level folds (mias.grouped_folds)."""
    return np.array(mias.grouped_folds(y.tolist(), patients.tolist(), k, seed))


def load_ddsm(work_dir):
    """DDSM film views (one copy per source view, turned upright by prepare-data.mjs): label 1 for
    the cancer volumes (A), the case as the patient, laterality and view from the file name."""
    pixels, items = load_source(work_dir, 'ddsm')
    y = np.array([it['label'] for it in items])
    cases = np.array([it['patient'] for it in items])
    return pixels, items, y, cases

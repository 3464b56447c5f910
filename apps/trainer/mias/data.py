"""Loads apps/trainer/work/mias/tensors.f32 + ids.json (written by prepare-data.mjs) and the mini-MIAS labels."""
import json
import os

import numpy as np

import mias

HERE = os.path.dirname(os.path.abspath(__file__))
WORK_DIR = os.path.normpath(os.path.join(HERE, "..", "work", "mias"))


def load(work_dir=None):
    work_dir = work_dir or WORK_DIR
    meta = json.load(open(os.path.join(work_dir, "ids.json")))
    ids, size = meta["ids"], meta["size"]
    cfg = json.load(open(os.path.join(HERE, "config.json")))
    assert size == cfg["input_size"] == 512, "train.py expects 512x512 tensors (config.json input_size)"
    X = np.fromfile(os.path.join(work_dir, "tensors.f32"), dtype=np.float32).reshape(len(ids), size, size)
    data_dir = os.environ.get("MINI_MIAS_DIR") or meta["data_dir"]
    info = mias.parse_info(os.path.join(data_dir, "Info.txt"))
    assert set(info) == set(ids), "Info.txt and the prepared tensors list different films"
    s = size / 1024.0
    films, lesions = [], []
    for f, ref in enumerate(ids):
        rec = info[ref]
        nocoord_m = any(l["sev"] == "M" and l["x"] is None for l in rec["lesions"])
        films.append({"id": ref, "patient": mias.patient_of(ref), "malignant": rec["malignant"],
                      "nocoord_malignant": nocoord_m, "bg": rec["bg"]})
        for l in rec["lesions"]:
            if l["x"] is None:
                continue
            lesions.append((f, (1023 - l["y"]) * s, l["x"] * s, l["r"] * s, l["sev"]))
    y = np.array([int(fm["malignant"]) for fm in films])
    return ids, X, films, lesions, y, data_dir

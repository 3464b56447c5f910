"""mini-MIAS label parsing (Info.txt) and patient-level folds."""
import re
from collections import defaultdict

LINE = re.compile(r"^(mdb\d{3})\s+([FGD])\s+(\w+)(.*)$")


def parse_info(path):
    """Return {id: {"bg", "lesions": [{"cls","sev","x","y","r"}], "malignant": bool}}.

    x, y, r are in the 1024x1024 frame with y measured from the BOTTOM-left corner
    (Info.txt note 3); coordinates are None where the line has none (mdb059, the
    "CALC M *NOTE 3*" films mdb216/233/245).
    """
    films = defaultdict(lambda: {"bg": None, "lesions": [], "malignant": False})
    with open(path, encoding="latin-1") as fh:
        for raw in fh:
            line = raw.strip()
            m = LINE.match(line)
            if not m:
                continue
            ref, bg, cls, rest = m.group(1), m.group(2), m.group(3), m.group(4).split()
            film = films[ref]
            film["bg"] = bg
            if cls == "NORM":
                continue
            sev = rest[0] if rest else None
            nums = [t for t in rest[1:] if re.fullmatch(r"\d+", t)]
            x = y = r = None
            if len(nums) >= 3:
                x, y, r = int(nums[0]), int(nums[1]), int(nums[2])
            film["lesions"].append({"cls": cls, "sev": sev, "x": x, "y": y, "r": r})
            if sev == "M":
                film["malignant"] = True
    return dict(films)


def patient_of(ref):
    """Films come in pairs (mdb001, mdb002), (mdb003, mdb004), ... -> patient 1, 2, ..."""
    n = int(ref[3:])
    return (n + 1) // 2


def patient_folds(ids, labels, k=5, seed=0):
    """Patient-level folds of mini-MIAS films (a patient is a film pair); see grouped_folds."""
    return grouped_folds(labels, [patient_of(i) for i in ids], k, seed)


def grouped_folds(labels, patients, k=5, seed=0):
    """Stratified patient-level folds: a patient is positive if any of its images is; patients
    are shuffled with `seed` and dealt round-robin within each stratum. Returns a list with the
    fold of every image."""
    import numpy as np

    rng = np.random.RandomState(seed)
    pats = sorted(set(patients))
    pos = {p: False for p in pats}
    for y, p in zip(labels, patients):
        if y:
            pos[p] = True
    fold_of = {}
    offset = 0
    for stratum in (True, False):
        group = [p for p in pats if pos[p] == stratum]
        rng.shuffle(group)
        for j, p in enumerate(group):
            fold_of[p] = (j + offset) % k
        offset += len(group)
    return [fold_of[p] for p in patients]

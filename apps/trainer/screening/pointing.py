"""Pointing accuracy of the score map on mini-MIAS malignant films with annotated lesions.

The peak cell of the map is mapped back onto the film through the core's view geometry (the
same arithmetic as viewToWorking in packages/core/src/mammogram-view.ts). A film is a hit when
the peak cell's centre lies within a malignant lesion's radius plus half a cell of its centre.
Chance: the share of the film's breast cells (most pixels above the tissue level) that would be
hits, i.e. what a peak drawn at random inside the breast would score, averaged over films.
"""
import numpy as np

TISSUE_LEVEL = 25  # as in mammogram-view.ts


def view_to_original(view, size, x, y, width):
    """Model-input pixel coordinates -> original image coordinates."""
    scale = view['canvas'] / size
    cx = x * scale + view['crop']['left']
    cy = y * scale - view['padTop'] + view['crop']['top']
    wx = view['workWidth'] - cx if view['flipped'] else cx
    factor = width / view['workWidth']
    return wx * factor, cy * factor


def read_peak(score_map, px, item, size, hit):
    """The map's peak cell, whether it is a hit, and the chance that a breast cell drawn at random
    is one (the share of the view's cells, most pixels above the tissue level, that are hits).
    `hit(x, y, half_cell)` judges a point of the original image, given half a cell in its pixels."""
    h, w = score_map.shape
    half_cell = size / w * item['view']['canvas'] / size * item['width'] / item['view']['workWidth'] / 2

    def cell_hit(i, j):
        x, y = view_to_original(item['view'], size, (j + 0.5) * size / w, (i + 0.5) * size / h, item['width'])
        return hit(x, y, half_cell)

    i, j = np.unravel_index(int(np.argmax(score_map)), score_map.shape)
    cells = px.reshape(h, size // h, w, size // w) > TISSUE_LEVEL
    breast = [(a, c) for a in range(h) for c in range(w) if cells[a, :, c, :].mean() > 0.5]
    return (int(i), int(j)), cell_hit(i, j), (np.mean([cell_hit(a, c) for a, c in breast]) if breast else 0.0)


def accuracy(maps, pixels, items, lesions, size):
    hits, films, chance, peaks = 0, 0, [], []
    for score_map, px, item, film_lesions in zip(maps, pixels, items, lesions):
        if not film_lesions:
            continue
        films += 1

        def on_lesion(x, y, half_cell):
            # Info.txt measures y from the bottom-left corner of the film.
            return any(np.hypot(x - l['x'], y - (item['height'] - 1 - l['y'])) <= l['r'] + half_cell for l in film_lesions)

        (i, j), hit, share = read_peak(score_map, px, item, size, on_lesion)
        hits += int(hit)
        peaks.append({'id': item['id'], 'cell': [j, i], 'hit': bool(hit)})
        chance.append(share)
    return {'films': films, 'hits': hits, 'accuracy': hits / films if films else 0.0,
            'chance': float(np.mean(chance)) if chance else 0.0, 'peaks': peaks}


def box_accuracy(maps, pixels, items, size):
    """How often the score map's peak cell falls in a DDSM view's box (plus half a cell), per
    pathology, against chance (the share of the view's breast cells inside the box). The boxes
    are weak (see the data's MANIFEST.md): normal views have one too, so a normal view's rate is
    the control. Boxes are relative to the upright 640 px view prepare-data.mjs decoded."""
    rows = {}
    for score_map, px, item in zip(maps, pixels, items):
        box = item['box']
        x0, x1 = (box['cx'] - box['w'] / 2) * item['width'], (box['cx'] + box['w'] / 2) * item['width']
        y0, y1 = (box['cy'] - box['h'] / 2) * item['height'], (box['cy'] + box['h'] / 2) * item['height']

        def in_box(x, y, half_cell):
            return x0 - half_cell <= x <= x1 + half_cell and y0 - half_cell <= y <= y1 + half_cell

        _, hit, share = read_peak(score_map, px, item, size, in_box)
        row = rows.setdefault(item['pathology'], {'views': 0, 'hits': 0, 'chance': []})
        row['views'] += 1
        row['hits'] += int(hit)
        row['chance'].append(share)
    return {'by_pathology': {k: {'views': r['views'], 'hits': r['hits'], 'rate': r['hits'] / r['views'],
                                 'chance': float(np.mean(r['chance']))} for k, r in sorted(rows.items())}}

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


def accuracy(maps, pixels, items, lesions, size):
    hits, films, chance, peaks = 0, 0, [], []
    for score_map, px, item, film_lesions in zip(maps, pixels, items, lesions):
        if not film_lesions:
            continue
        films += 1
        h, w = score_map.shape
        cell_px = size / w * item['view']['canvas'] / size * item['width'] / item['view']['workWidth']

        def is_hit(i, j):
            x, y = view_to_original(item['view'], size, (j + 0.5) * size / w, (i + 0.5) * size / h, item['width'])
            # Info.txt measures y from the bottom-left corner of the film.
            return any(np.hypot(x - l['x'], y - (item['height'] - 1 - l['y'])) <= l['r'] + cell_px / 2 for l in film_lesions)

        i, j = np.unravel_index(int(np.argmax(score_map)), score_map.shape)
        hit = is_hit(i, j)
        hits += int(hit)
        peaks.append({'id': item['id'], 'cell': [int(j), int(i)], 'hit': bool(hit)})
        cells = px.reshape(h, size // h, w, size // w) > TISSUE_LEVEL
        breast = [(a, c) for a in range(h) for c in range(w) if cells[a, :, c, :].mean() > 0.5]
        chance.append(np.mean([is_hit(a, c) for a, c in breast]) if breast else 0.0)
    return {'films': films, 'hits': hits, 'accuracy': hits / films if films else 0.0,
            'chance': float(np.mean(chance)) if chance else 0.0, 'peaks': peaks}


def box_accuracy(maps, pixels, items, size):
    """How often the score map's peak cell falls in a DDSM view's box (plus half a cell), per
    pathology, against chance (the share of the view's breast cells inside the box). The boxes
    are weak (see the data's MANIFEST.md): normal views have one too, so a normal view's rate is
    the control. Boxes are relative to the upright 640 px view prepare-data.mjs decoded."""
    rows = {}
    for score_map, px, item in zip(maps, pixels, items):
        h, w = score_map.shape
        box = item['box']
        cell_px = size / w * item['view']['canvas'] / size * item['width'] / item['view']['workWidth']
        x0, x1 = (box['cx'] - box['w'] / 2) * item['width'], (box['cx'] + box['w'] / 2) * item['width']
        y0, y1 = (box['cy'] - box['h'] / 2) * item['height'], (box['cy'] + box['h'] / 2) * item['height']

        def in_box(i, j):
            x, y = view_to_original(item['view'], size, (j + 0.5) * size / w, (i + 0.5) * size / h, item['width'])
            return x0 - cell_px / 2 <= x <= x1 + cell_px / 2 and y0 - cell_px / 2 <= y <= y1 + cell_px / 2

        i, j = np.unravel_index(int(np.argmax(score_map)), score_map.shape)
        cells = px.reshape(h, size // h, w, size // w) > TISSUE_LEVEL
        breast = [(a, c) for a in range(h) for c in range(w) if cells[a, :, c, :].mean() > 0.5]
        row = rows.setdefault(item['pathology'], {'views': 0, 'hits': 0, 'chance': []})
        row['views'] += 1
        row['hits'] += int(in_box(i, j))
        row['chance'].append(np.mean([in_box(a, c) for a, c in breast]) if breast else 0.0)
    return {'by_pathology': {k: {'views': r['views'], 'hits': r['hits'], 'rate': r['hits'] / r['views'],
                                 'chance': float(np.mean(r['chance']))} for k, r in sorted(rows.items())}}

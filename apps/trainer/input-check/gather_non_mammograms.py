#!/usr/bin/python3
"""Gather a corpus of NON-mammogram images from Debian packages and numpy.

Usage:
    /usr/bin/python3 apps/trainer/input-check/gather_non_mammograms.py --out DIR

Writes DIR/<source>/<name>.<ext> (PNG, JPEG, TIFF, WebP or DICOM only) and
DIR/manifest.json, a list of
    {"file", "source", "kind", "origin", "licence", "width", "height"}
(file is relative to DIR; width/height are null where unknown), plus
DIR/skipped.json (what could not be gathered here, and why).

The corpus is for measuring how many non-mammograms the API's input gate
refuses. Nothing here is a mammogram. Deterministic: fixed seeds, sorted file
lists, no clock or network. Idempotent: DIR is wiped and rewritten (the script
refuses to wipe a non-empty DIR that has no manifest.json, unless --force).

Debian packages only (no pip, no network at run time). What each source needs:
    apt-get install --no-install-recommends python3-pil python3-numpy \
        python3-scipy python3-skimage python3-matplotlib python3-pydicom \
        fonts-dejavu-core librsvg2-bin poppler-utils desktop-base \
        sway-backgrounds mypaint-data-extras adwaita-icon-theme \
        hicolor-icon-theme chromium
A source whose package is missing is skipped with the apt-get line that
brings it; the rest still run.
"""

import argparse
import gzip
import hashlib
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
except ImportError as exc:  # nothing works without these two
    sys.stderr.write(
        f"error: {exc}. Install: apt-get install python3-numpy python3-pil\n")
    sys.exit(2)

warnings.simplefilter("ignore")
Image.MAX_IMAGE_PIXELS = 200_000_000

MAX_SIDE = 2048          # cap on the long side of anything we write
APT_LINE = ("apt-get install --no-install-recommends python3-pil python3-numpy "
            "python3-scipy python3-skimage python3-matplotlib python3-pydicom "
            "fonts-dejavu-core librsvg2-bin poppler-utils desktop-base "
            "sway-backgrounds mypaint-data-extras adwaita-icon-theme "
            "hicolor-icon-theme chromium")

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"]
PYDICOM_LICENCE = ("pydicom test data (package: Expat; its README: no known "
                   "restriction on use)")


# --------------------------------------------------------------------------
# corpus bookkeeping
# --------------------------------------------------------------------------

class Corpus:
    def __init__(self, out):
        self.out = out
        self.entries = []
        self.skipped = []
        self.seen = {}           # sha256 of written bytes -> rel path
        self.dupes = 0

    # -- messages
    def skip(self, source, what, why, apt=None):
        msg = f"[{source}] skip {what}: {why}"
        if apt:
            msg += f"  (apt-get install {apt})"
        print(msg, flush=True)
        self.skipped.append({"source": source, "what": what, "why": why,
                             "apt": f"apt-get install {apt}" if apt else None})

    # -- naming
    def _rel(self, source, name, ext):
        safe = "".join(c if (c.isalnum() or c in "._-") else "_" for c in name)
        safe = safe.strip("._") or "image"
        rel = f"{source}/{safe}.{ext}"
        n = 2
        while os.path.exists(os.path.join(self.out, rel)):
            rel = f"{source}/{safe}_{n}.{ext}"
            n += 1
        os.makedirs(os.path.join(self.out, source), exist_ok=True)
        return rel

    def _register(self, rel, source, kind, origin, licence, size):
        path = os.path.join(self.out, rel)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest in self.seen:
            os.remove(path)
            self.dupes += 1
            self.skipped.append({"source": source, "what": rel,
                                 "why": f"byte-identical to {self.seen[digest]}",
                                 "apt": None})
            return False
        self.seen[digest] = rel
        w, h = size if size else (None, None)
        self.entries.append({"file": rel, "source": source, "kind": kind,
                             "origin": origin, "licence": licence,
                             "width": w, "height": h})
        return True

    # -- writers
    def add_image(self, source, name, im, kind, origin, licence, fmt="png",
                  **save_kw):
        """Save a PIL image (downscaled to MAX_SIDE, never upscaled)."""
        im = cap_size(im)
        fmt = fmt.lower()
        ext = {"jpeg": "jpg"}.get(fmt, fmt)
        if fmt == "jpeg":
            if im.mode not in ("L", "RGB"):
                im = flatten(im)
            save_kw.setdefault("quality", 90)
        elif fmt == "webp":
            if im.mode not in ("RGB", "RGBA", "L"):
                im = im.convert("RGBA" if "A" in im.mode or
                                "transparency" in im.info else "RGB")
            save_kw.setdefault("quality", 85)
            save_kw.setdefault("method", 4)
        rel = self._rel(source, name, ext)
        im.save(os.path.join(self.out, rel), format=fmt.upper(), **save_kw)
        return self._register(rel, source, kind, origin, licence, im.size)

    def add_array(self, source, name, arr, kind, origin, licence, fmt="png",
                  **save_kw):
        return self.add_image(source, name, to_pil(arr), kind, origin, licence,
                              fmt, **save_kw)

    def add_copy(self, source, name, src, ext, kind, origin, licence,
                 size=None):
        """Copy a file unchanged."""
        rel = self._rel(source, name, ext)
        shutil.copyfile(src, os.path.join(self.out, rel))
        if size is None:
            try:
                with Image.open(src) as im:
                    size = im.size
            except Exception:
                size = None
        return self._register(rel, source, kind, origin, licence, size)

    def add_raster(self, source, name, src, kind, origin, licence):
        """Copy a PNG/JPEG as is when it fits MAX_SIDE, else re-encode it
        smaller; convert any other raster format (XPM, GIF, BMP, ...) to PNG.
        An unreadable file is skipped, not fatal."""
        try:
            return self._add_raster(source, name, src, kind, origin, licence)
        except Exception as exc:
            self.skip(source, src, f"cannot read/convert ({type(exc).__name__}: {exc})")
            return False

    def _add_raster(self, source, name, src, kind, origin, licence):
        with Image.open(src) as im:
            im.load()
            fmt = (im.format or "").upper()
            if fmt in ("PNG", "JPEG") and max(im.size) <= MAX_SIDE:
                ext = "png" if fmt == "PNG" else "jpg"
                return self.add_copy(source, name, src, ext, kind, origin,
                                     licence, im.size)
            out_fmt = "jpeg" if fmt == "JPEG" else "png"
            if im.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
                im = im.convert("RGBA")
            return self.add_image(source, name, im, kind, origin, licence,
                                  out_fmt)

    def add_svg(self, source, name, svg, kind, origin, licence, width=None):
        """Rasterise an SVG with rsvg-convert: at `width` px wide, or at its
        own size when width is None (icons: never upscaled)."""
        try:
            return self._add_svg(source, name, svg, kind, origin, licence, width)
        except Exception as exc:
            self.skip(source, svg, f"rsvg-convert failed ({type(exc).__name__}: {exc})")
            return False

    def _add_svg(self, source, name, svg, kind, origin, licence, width):
        rel = self._rel(source, name, "png")
        dst = os.path.join(self.out, rel)
        cmd = ["rsvg-convert", "-f", "png", "-o", dst]
        if width:
            cmd += ["-w", str(width), "--keep-aspect-ratio"]
        cmd.append(svg)
        subprocess.run(cmd, check=True, timeout=120, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with Image.open(dst) as im:
            size = im.size
            too_big = max(size) > MAX_SIDE
            if too_big:
                im.load()
                small = cap_size(im)
        if too_big:
            small.save(dst, format="PNG")
            size = small.size
        return self._register(rel, source, kind, origin, licence, size)

    def write_manifest(self):
        self.entries.sort(key=lambda e: e["file"])
        with open(os.path.join(self.out, "manifest.json"), "w") as f:
            json.dump(self.entries, f, indent=1)
            f.write("\n")
        with open(os.path.join(self.out, "skipped.json"), "w") as f:
            json.dump(self.skipped, f, indent=1)
            f.write("\n")


# --------------------------------------------------------------------------
# image helpers
# --------------------------------------------------------------------------

def cap_size(im, max_side=MAX_SIDE):
    if max(im.size) <= max_side:
        return im
    scale = max_side / max(im.size)
    size = (max(1, round(im.size[0] * scale)), max(1, round(im.size[1] * scale)))
    if im.mode in ("P", "1"):
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    elif im.mode == "I;16":
        im = im.convert("I")
        out = im.resize(size, Image.LANCZOS)
        return Image.fromarray(np.clip(np.asarray(out), 0, 65535)
                               .astype(np.uint16))
    return im.resize(size, Image.LANCZOS)


def flatten(im, bg=(255, 255, 255)):
    """Any mode -> RGB (alpha composited on bg) or L."""
    if im.mode in ("L", "RGB"):
        return im
    if im.mode == "1":
        return im.convert("L")
    im = im.convert("RGBA")
    base = Image.new("RGB", im.size, bg)
    base.paste(im, mask=im.split()[3])
    return base


def to_u8(a, lo=None, hi=None):
    """Float/int array -> uint8 by linear scaling (min-max unless lo/hi)."""
    a = np.asarray(a)
    if a.dtype == bool:
        return (a.astype(np.uint8) * 255)
    if a.dtype == np.uint8 and lo is None and hi is None:
        return a
    a = a.astype(np.float64)
    finite = np.isfinite(a)
    if not finite.all():
        a = np.where(finite, a, np.nan)
    if lo is None:
        lo = np.nanmin(a) if finite.any() else 0.0
    if hi is None:
        hi = np.nanmax(a) if finite.any() else 1.0
    if hi <= lo:
        hi = lo + 1.0
    out = (a - lo) / (hi - lo)
    out = np.nan_to_num(out, nan=0.0)
    return np.round(np.clip(out, 0, 1) * 255).astype(np.uint8)


def to_pil(a):
    a = np.asarray(a)
    if a.dtype != np.uint8 and not (a.dtype == np.uint16 and a.ndim == 2):
        if a.dtype.kind == "f" and np.nanmin(a) >= 0 and np.nanmax(a) <= 1:
            a = to_u8(a, 0.0, 1.0)
        else:
            a = to_u8(a)
    if a.ndim == 2:
        return Image.fromarray(a)
    if a.shape[2] == 4:
        return Image.fromarray(a, "RGBA")
    if a.shape[2] == 3:
        return Image.fromarray(a, "RGB")
    if a.shape[2] == 1:
        return Image.fromarray(a[:, :, 0])
    raise ValueError(f"unsupported array shape {a.shape}")


def grey(a):
    """RGB(A) uint8 array -> grey float in [0,1]."""
    a = np.asarray(a)
    if a.ndim == 3:
        a = a[..., :3].astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    a = a.astype(np.float64)
    return a / 255.0 if a.max() > 1 else a


def font(size, kind="sans"):
    names = {"sans": ["DejaVuSans.ttf"], "bold": ["DejaVuSans-Bold.ttf"],
             "mono": ["DejaVuSansMono.ttf"], "serif": ["DejaVuSerif.ttf"]}[kind]
    dirs = list(FONT_DIRS)
    try:
        import matplotlib
        dirs.append(os.path.join(matplotlib.get_data_path(), "fonts", "ttf"))
    except Exception:
        pass
    for d in dirs:
        for n in names + ["DejaVuSans.ttf"]:
            p = os.path.join(d, n)
            if os.path.exists(p):
                return ImageFont.truetype(p, size)
    return None


def have_fonts():
    return any(os.path.exists(os.path.join(d, "DejaVuSans.ttf"))
               for d in FONT_DIRS)


def spread(items, k):
    """k items spread evenly over a sorted list (deterministic)."""
    items = list(items)
    if k >= len(items):
        return items
    if k <= 1:
        return items[:k]
    idx = sorted({round(i * (len(items) - 1) / (k - 1)) for i in range(k)})
    return [items[i] for i in idx]


def import_or_skip(corpus, source, module, apt):
    try:
        return __import__(module, fromlist=["_"])
    except Exception as exc:
        corpus.skip(source, f"source (python module {module})", str(exc), apt)
        return None


# --------------------------------------------------------------------------
# 1. skimage
# --------------------------------------------------------------------------

SKIMAGE_LICENCE = {
    "astronaut": "public domain (NASA)",
    "camera": "CC0 (Lav Varshney)",
    "coins": "no known copyright restrictions (Brooklyn Museum)",
    "moon": "scikit-image sample data (no licence stated; package BSD-3)",
    "text": "public domain (Wikipedia 'Corner.png')",
    "page": "scikit-image sample data (no licence stated; package BSD-3)",
    "horse": "scikit-image sample data (no licence stated; package BSD-3)",
    "chelsea": "CC0 (Stefan van der Walt)",
    "coffee": "CC0 (Rachel Michetti)",
    "rocket": "public domain (SpaceX)",
    "retina": "CC0 (Wikimedia Commons)",
    "brick": "CC0 (CC0Textures)",
    "grass": "CC0 (DeviantArt linolafett)",
    "gravel": "CC0 (CC0Textures)",
    "cell": "scikit-image sample data (no licence stated; package BSD-3)",
    "hubble_deep_field": "public domain (NASA)",
    "immunohistochemistry": "scikit-image sample data (no licence stated; package BSD-3)",
    "logo": "scikit-image logo (package BSD-3)",
    "colorwheel": "scikit-image sample data (package BSD-3)",
    "microaneurysms": "CC0 (Andreas Maier)",
    "clock": "scikit-image sample data (no licence stated; package BSD-3)",
    "checkerboard": "scikit-image sample data (package BSD-3)",
    "stereo_motorcycle": "Middlebury stereo data set (see skimage docstring)",
    "lfw_subset": "Labeled Faces in the Wild subset (see skimage docstring)",
}

SKIMAGE_KIND = {
    "astronaut": "colour photo: portrait of astronaut Eileen Collins",
    "camera": "grey photo: man with a camera",
    "coins": "grey photo: Greek coins",
    "moon": "grey photo: surface of the moon",
    "text": "grey photo: text in a scene",
    "page": "grey scan of a printed page (uneven lighting)",
    "horse": "binary silhouette of a horse",
    "chelsea": "colour photo: a cat",
    "coffee": "colour photo: coffee cup",
    "rocket": "colour photo: rocket launch",
    "retina": "colour fundus photograph of a retina (medical, not mammogram)",
    "brick": "grey texture: brick wall",
    "grass": "grey texture: grass",
    "gravel": "grey texture: gravel",
    "cell": "grey microscopy: cell in saline",
    "hubble_deep_field": "colour astronomy photo: Hubble deep field",
    "immunohistochemistry": "colour microscopy: IHC-stained tissue",
    "logo": "RGBA logo (scikit-image)",
    "colorwheel": "colour wheel graphic",
    "microaneurysms": "grey retinal image crop with microaneurysms",
    "clock": "grey photo: motion-blurred clock",
    "checkerboard": "grey checkerboard",
    "binary_blobs": "binary synthetic blobs (skimage generator, seed 1)",
    "shepp_logan_phantom": "Shepp-Logan CT phantom (also in medical-other)",
}

SKIMAGE_EXTRA_FILES = [  # bundled files that no loader returns
    ("bw_text.png", "black-and-white scanned text"),
    ("block.png", "tiny 10x10 colour block"),
    ("chessboard_GRAY.png", "grey chessboard"),
    ("chessboard_RGB.png", "colour chessboard"),
    ("green_palette.png", "palette-mode image, green"),
    ("palette_color.png", "tiny palette-mode colour image"),
    ("foo3x5x4indexed.png", "tiny 5x3 indexed image"),
    ("checker_bilevel.png", "tiny 1-bit checker"),
    ("no_time_for_that_tiny.gif", "tiny animated GIF, first frame as PNG"),
]


def gather_skimage(c):
    src = "skimage"
    data = import_or_skip(c, src, "skimage.data", "python3-skimage")
    if data is None:
        return
    names = ["astronaut", "camera", "coins", "moon", "text", "page", "horse",
             "chelsea", "coffee", "rocket", "retina", "brick", "grass",
             "gravel", "cell", "hubble_deep_field", "immunohistochemistry",
             "logo", "colorwheel", "microaneurysms", "clock", "checkerboard",
             # these need a download (pooch) in Debian's 0.19: tried, skipped
             "brain", "cells3d", "eagle", "kidney", "lily", "skin", "vortex",
             "nickel_solidification", "protein_transport", "human_mitosis"]
    lic_default = "scikit-image sample data (package BSD-3)"
    for n in names:
        fn = getattr(data, n, None)
        if fn is None:
            c.skip(src, n, "not in this scikit-image version")
            continue
        try:
            a = fn()
        except Exception as exc:
            c.skip(src, n, f"needs a download ({type(exc).__name__})")
            continue
        if a.ndim == 3 and a.shape[2] not in (1, 3, 4):
            c.skip(src, n, f"3-D volume {a.shape}")
            continue
        c.add_array(src, n, a, SKIMAGE_KIND.get(n, n), "python3-skimage",
                    SKIMAGE_LICENCE.get(n, lic_default))
    # generated by skimage with a fixed seed
    c.add_array(src, "binary_blobs", data.binary_blobs(512, seed=1),
                SKIMAGE_KIND["binary_blobs"], "python3-skimage", lic_default)
    try:
        left, _right, disp = data.stereo_motorcycle()
        c.add_array(src, "motorcycle_left", left, "colour photo: motorcycle",
                    "python3-skimage", SKIMAGE_LICENCE["stereo_motorcycle"])
        c.add_array(src, "motorcycle_disparity", to_u8(disp),
                    "grey disparity (depth) map of the motorcycle scene",
                    "python3-skimage", SKIMAGE_LICENCE["stereo_motorcycle"])
    except Exception as exc:
        c.skip(src, "stereo_motorcycle", str(exc))
    try:
        faces = data.lfw_subset()   # 100 faces then 100 non-faces, 25x25
        for i in (0, 1, 2, 100, 101):
            what = "face" if i < 100 else "non-face background patch"
            c.add_array(src, f"lfw_{i:03d}", faces[i],
                        f"tiny 25x25 grey {what} (LFW subset)",
                        "python3-skimage", SKIMAGE_LICENCE["lfw_subset"])
    except Exception as exc:
        c.skip(src, "lfw_subset", str(exc))
    for fname, kind in SKIMAGE_EXTRA_FILES:
        p = os.path.join(data.data_dir, fname)
        if not os.path.exists(p):
            c.skip(src, fname, "file not in this scikit-image version")
            continue
        with Image.open(p) as im:
            im.seek(0)
            im.load()
            c.add_image(src, os.path.splitext(fname)[0], im.copy(), kind,
                        "python3-skimage", lic_default)


# --------------------------------------------------------------------------
# 2. matplotlib
# --------------------------------------------------------------------------

def gather_matplotlib(c):
    src = "matplotlib"
    mpl = import_or_skip(c, src, "matplotlib", "python3-matplotlib")
    if mpl is None:
        return
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    mpl.rcParams.update(mpl.rcParamsDefault)
    lic = "matplotlib sample data (matplotlib licence, PSF-based)"
    origin = "python-matplotlib-data"
    sample = os.path.join(mpl.get_data_path(), "sample_data")
    for fname, kind in [("grace_hopper.jpg", "colour photo: portrait of Grace Hopper"),
                        ("logo2.png", "matplotlib logo"),
                        ("Minduka_Present_Blue_Pack.png", "clip-art: blue gift box")]:
        p = os.path.join(sample, fname)
        if os.path.exists(p):
            c.add_raster(src, os.path.splitext(fname)[0], p, kind, origin, lic)
        else:
            c.skip(src, fname, "not in this matplotlib's sample_data")

    rng = np.random.default_rng(2024)
    meta = {"Software": None}
    fig_lic = "generated here with matplotlib (no third-party content)"

    def save(fig, name, kind):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, metadata=meta)
        plt.close(fig)
        buf.seek(0)
        with Image.open(buf) as im:
            im.load()
            c.add_image(src, name, im.convert("RGB"), kind, "python3-matplotlib",
                        fig_lic)

    # line plot
    fig, ax = plt.subplots(figsize=(10, 6.5))
    x = np.linspace(0, 10, 500)
    for k in range(4):
        ax.plot(x, np.sin(x * (k + 1) / 2) * np.exp(-x / (5 + k)), label=f"series {k}")
    ax.set(title="Damped oscillations", xlabel="time (s)", ylabel="amplitude")
    ax.legend(); ax.grid(True)
    save(fig, "fig_line_plot", "chart: line plot with legend and grid")
    # bar chart
    fig, ax = plt.subplots(figsize=(10, 6.5))
    cats = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    v1, v2 = rng.integers(5, 40, 6), rng.integers(5, 40, 6)
    ax.bar(np.arange(6) - 0.2, v1, 0.4, label="2023")
    ax.bar(np.arange(6) + 0.2, v2, 0.4, label="2024")
    ax.set_xticks(np.arange(6), cats); ax.legend(); ax.set_title("Grouped bars")
    save(fig, "fig_bar_chart", "chart: grouped bar chart")
    # histogram
    fig, ax = plt.subplots(figsize=(10, 6.5))
    ax.hist(rng.normal(0, 1, 5000), bins=60, alpha=0.7, label="N(0,1)")
    ax.hist(rng.gamma(2, 1, 5000), bins=60, alpha=0.7, label="Gamma(2,1)")
    ax.legend(); ax.set_title("Histogram")
    save(fig, "fig_histogram", "chart: overlapping histograms")
    # image with a colormap (matplotlib's own DEM sample)
    try:
        dem = np.load(os.path.join(sample, "jacksboro_fault_dem.npz"))["elevation"]
        fig, ax = plt.subplots(figsize=(10, 8))
        im = ax.imshow(dem, cmap="terrain"); fig.colorbar(im, label="elevation (m)")
        ax.set_title("Jacksboro fault DEM")
        save(fig, "fig_imshow_dem_terrain", "chart: elevation map shown with a colormap and colorbar")
        from matplotlib.colors import LightSource
        shade = LightSource(azdeg=315, altdeg=45).hillshade(dem, vert_exag=2)
        c.add_array(src, "dem_hillshade_grey", shade,
                    "grey hillshade render of a terrain elevation model",
                    "python-matplotlib-data", lic)
    except Exception as exc:
        c.skip(src, "jacksboro_fault_dem", str(exc))
    # imshow of a 2-D function, grey colormap + contours
    fig, ax = plt.subplots(figsize=(10, 8))
    yy, xx = np.mgrid[-3:3:400j, -3:3:400j]
    z = np.sin(xx ** 2 + yy) * np.cos(yy * 2) + np.exp(-(xx ** 2 + yy ** 2))
    ax.imshow(z, cmap="magma", extent=(-3, 3, -3, 3)); ax.contour(xx, yy, z, 8, colors="w")
    save(fig, "fig_imshow_contours", "chart: 2-D function with colormap and contour lines")
    # text-heavy figure
    fig = plt.figure(figsize=(10, 10))
    words = ("the quick brown fox jumps over the lazy dog lorem ipsum dolor sit "
             "amet consectetur adipiscing elit sed do eiusmod tempor").split()
    for i in range(34):
        line = " ".join(rng.choice(words, 11))
        fig.text(0.04, 0.96 - i * 0.028, f"{i + 1:2d}. {line}", family="monospace", fontsize=11)
    fig.text(0.5, 0.99, "A text-heavy figure", ha="center", va="top", fontsize=16, weight="bold")
    save(fig, "fig_text_heavy", "text-heavy figure (numbered lines of words)")
    # scatter + pie + subplots dashboard
    fig, axs = plt.subplots(2, 2, figsize=(12, 9))
    axs[0, 0].scatter(rng.normal(size=300), rng.normal(size=300), c=rng.random(300), cmap="viridis")
    axs[0, 1].pie([35, 25, 20, 12, 8], labels=list("ABCDE"), autopct="%1.0f%%")
    axs[1, 0].boxplot([rng.normal(m, 1, 100) for m in range(5)])
    axs[1, 1].fill_between(np.arange(50), np.cumsum(rng.normal(size=50)), alpha=0.5)
    fig.suptitle("Dashboard"); fig.tight_layout()
    save(fig, "fig_dashboard", "chart: 2x2 dashboard (scatter, pie, boxplot, area)")
    # stocks time series (matplotlib sample CSV)
    try:
        import csv
        with open(os.path.join(sample, "Stocks.csv")) as f:
            rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
        header, body = rows[0], rows[1:]
        fig, ax = plt.subplots(figsize=(10, 6.5))
        for j in range(1, len(header)):
            ys = [float(r[j]) if r[j] else np.nan for r in body]
            ax.plot(np.arange(len(ys)), ys, label=header[j])
        ax.set_yscale("log"); ax.legend(ncol=4, fontsize=8); ax.set_title("Stocks")
        save(fig, "fig_stocks", "chart: stock prices time series (log scale)")
    except Exception as exc:
        c.skip(src, "Stocks.csv chart", str(exc))
    # EEG traces
    try:
        # as in matplotlib's mri_with_eeg example: 800 samples x 4 channels
        eeg = np.fromfile(os.path.join(sample, "eeg.dat"), dtype=float).reshape(800, 4).T
        fig, ax = plt.subplots(figsize=(10, 6))
        for k, tr in enumerate(eeg):
            ax.plot(tr / (np.ptp(tr) or 1) + k, lw=0.7, color="k")
        ax.set_yticks(range(len(eeg)), [f"ch{k}" for k in range(len(eeg))]); ax.set_title("EEG traces")
        save(fig, "fig_eeg_traces", "chart: EEG-style signal traces (black on white)")
    except Exception as exc:
        c.skip(src, "eeg.dat chart", str(exc))
    # a "screenshot"-like table figure
    fig, ax = plt.subplots(figsize=(10, 5)); ax.axis("off")
    cells = [[f"{rng.random() * 100:.2f}" for _ in range(6)] for _ in range(12)]
    t = ax.table(cellText=cells, colLabels=[f"col {k}" for k in range(6)], loc="center")
    t.scale(1, 1.4)
    save(fig, "fig_table", "table of numbers (screenshot-like)")


# --------------------------------------------------------------------------
# 3. wallpapers
# --------------------------------------------------------------------------

DB = "/usr/share/desktop-base"
DB_LIC = "desktop-base artwork (GPL-2+ mostly; see its copyright file)"


def _pick_svg(folder, prefer):
    if not os.path.isdir(folder):
        return None
    svgs = sorted(f for f in os.listdir(folder) if f.endswith(".svg"))
    for p in prefer:
        if p in svgs:
            return os.path.join(folder, p)
    return os.path.join(folder, svgs[0]) if svgs else None


def gather_wallpapers(c):
    src = "wallpapers"
    rsvg = shutil.which("rsvg-convert")
    if not rsvg:
        c.skip(src, "SVG wallpapers", "rsvg-convert missing", "librsvg2-bin")
    if os.path.isdir(DB):
        themes = sorted(d for d in os.listdir(DB)
                        if d.endswith("-theme") and d != "active-theme"
                        and os.path.isdir(os.path.join(DB, d))
                        and not os.path.islink(os.path.join(DB, d)))
        for th in themes:
            t = th[:-len("-theme")]
            base = os.path.join(DB, th)
            if rsvg:
                jobs = [
                    ("wallpaper/contents/images", ["1920x1080.svg"], "wallpaper 16:9"),
                    ("wallpaper/contents/images", ["1600x1200.svg", "1280x1024.svg"], "wallpaper 4:3"),
                    ("wallpaper-withlogo/contents/images", ["1920x1080.svg"], "wallpaper with logo"),
                    ("lockscreen/contents/images", ["1920x1080.svg"], "lock screen"),
                    ("login", ["background.svg"], "login screen background"),
                ]
                for sub, prefer, what in jobs:
                    svg = _pick_svg(os.path.join(base, sub), prefer)
                    if svg:
                        name = f"{t}_{what.split()[0]}_{os.path.splitext(os.path.basename(svg))[0]}"
                        if "with logo" in what:
                            name = f"{t}_wallpaper-withlogo"
                        c.add_svg(src, name, svg,
                                  f"desktop {what} ({t} theme), SVG rendered 1920 px wide",
                                  "desktop-base", DB_LIC, width=1920)
            for sub in ("grub", "login"):
                d = os.path.join(base, sub)
                if os.path.isdir(d):
                    for f in sorted(os.listdir(d)):
                        if f.lower().endswith((".png", ".jpg")):
                            c.add_raster(src, f"{t}_{os.path.splitext(f)[0]}", os.path.join(d, f),
                                         f"{'boot menu (GRUB) background' if sub == 'grub' else 'login screen preview'} ({t} theme)",
                                         "desktop-base", DB_LIC)
        ply = "/usr/share/plymouth/themes"
        if os.path.isdir(ply):
            for th in sorted(os.listdir(ply)):
                d = os.path.join(ply, th)
                if not os.path.isdir(d) or os.path.islink(d):
                    continue
                for f in sorted(os.listdir(d)):
                    if f.endswith(".png") and ("background" in f):
                        c.add_raster(src, f"plymouth_{th}_{os.path.splitext(f)[0]}", os.path.join(d, f),
                                     f"boot splash background ({th} theme)", "desktop-base", DB_LIC)
        prev = "/usr/share/plasma/look-and-feel/org.debian.desktop/contents/previews"
        if os.path.isdir(prev):
            for f in sorted(os.listdir(prev)):
                c.add_raster(src, f"plasma_{os.path.splitext(f)[0]}", os.path.join(prev, f),
                             "desktop look-and-feel preview", "desktop-base", DB_LIC)
    else:
        c.skip(src, "desktop-base wallpapers", f"{DB} missing", "desktop-base")
    sway = "/usr/share/backgrounds/sway"
    if os.path.isdir(sway):
        for f in sorted(os.listdir(sway)):
            if f.lower().endswith((".png", ".jpg")):
                c.add_raster(src, f"sway_{os.path.splitext(f)[0]}", os.path.join(sway, f),
                             "desktop wallpaper (sway, blue)", "sway-backgrounds", "Expat (MIT)")
    else:
        c.skip(src, "sway wallpapers", f"{sway} missing", "sway-backgrounds")
    mp = "/usr/share/mypaint/backgrounds"
    if os.path.isdir(mp):
        for sub in sorted(os.listdir(mp)):
            d = os.path.join(mp, sub)
            if not os.path.isdir(d):
                continue
            for f in sorted(os.listdir(d)):
                if f.lower().endswith(".png"):
                    c.add_raster(src, f"mypaint_{os.path.splitext(f)[0]}", os.path.join(d, f),
                                 "paper/canvas texture background (MyPaint)",
                                 "mypaint-data-extras", "CC0-1.0")
    else:
        c.skip(src, "MyPaint paper textures", f"{mp} missing", "mypaint-data-extras")


# --------------------------------------------------------------------------
# 4. icons
# --------------------------------------------------------------------------

ADWAITA_SAMPLE = {"8x8": 2, "16x16": 10, "22x22": 4, "24x24": 6, "32x32": 8,
                  "48x48": 8, "64x64": 6, "96x96": 6, "256x256": 3, "512x512": 10}


def gather_icons(c):
    src = "icons"
    adw = "/usr/share/icons/Adwaita"
    adw_lic = "Adwaita icons: CC-BY-SA-3.0 or LGPL-3"
    if os.path.isdir(adw):
        for size, k in ADWAITA_SAMPLE.items():
            d = os.path.join(adw, size)
            if not os.path.isdir(d):
                continue
            files = sorted(walk_files(d, ".png"))
            for p in spread(files, k):
                ctx = os.path.basename(os.path.dirname(p))
                c.add_raster(src, f"adwaita_{size}_{ctx}_{os.path.splitext(os.path.basename(p))[0]}",
                             p, f"{size} icon ({ctx}), Adwaita theme",
                             "adwaita-icon-theme", adw_lic)
        sc = os.path.join(adw, "scalable")
        if os.path.isdir(sc) and shutil.which("rsvg-convert"):
            files = walk_files(sc, ".svg")
            for p in spread(sorted(files), 4):
                ctx = os.path.basename(os.path.dirname(p))
                c.add_svg(src, f"adwaita_scalable_{os.path.splitext(os.path.basename(p))[0]}", p,
                          f"symbolic SVG icon ({ctx}) at its own size, Adwaita",
                          "adwaita-icon-theme", adw_lic)
    else:
        c.skip(src, "Adwaita icons", f"{adw} missing", "adwaita-icon-theme")

    hic = "/usr/share/icons/hicolor"
    if os.path.isdir(hic):
        files = walk_files(hic, ".png")
        files.sort(key=lambda p: (os.path.basename(p), p))
        for p in spread(files, 14):
            rel = os.path.relpath(p, hic).split(os.sep)
            c.add_raster(src, f"hicolor_{rel[0]}_{os.path.splitext(rel[-1])[0]}", p,
                         f"{rel[0]} application/emblem icon (hicolor)",
                         "hicolor theme (icons from various packages)",
                         "per-package licence (see the owning package)")
    else:
        c.skip(src, "hicolor icons", f"{hic} missing", "hicolor-icon-theme")

    # Debian logos and splash-screen pieces from desktop-base
    logos = os.path.join(DB, "debian-logos")
    if os.path.isdir(logos):
        for f in sorted(os.listdir(logos)):
            p = os.path.join(logos, f)
            if f.endswith(".png"):
                c.add_raster(src, f"debian_{os.path.splitext(f)[0]}", p,
                             "Debian logo", "desktop-base", DB_LIC)
            elif f.endswith(".svg") and shutil.which("rsvg-convert"):
                c.add_svg(src, f"debian_{os.path.splitext(f)[0]}_svg", p,
                          "Debian logo, SVG at its own size", "desktop-base", DB_LIC)
        ply = "/usr/share/plymouth/themes"
        picks = [("spacefun", "bullet.png"), ("moonlight", "star.png"),
                 ("spacefun", "lock.png"), ("spacefun", "earth0.png"),
                 ("spacefun", "rocket0.png"), ("spacefun", "swirlaxy.png"),
                 ("joy", "debian_logo.png"), ("lines", "password_field.png"),
                 ("homeworld", "logo.png"), ("moonlight", "support.png")]
        for th, f in picks:
            p = os.path.join(ply, th, f)
            if os.path.exists(p):
                c.add_raster(src, f"plymouth_{th}_{os.path.splitext(f)[0]}", p,
                             f"boot-splash sprite/logo ({th}), real size",
                             "desktop-base", DB_LIC)
    else:
        c.skip(src, "Debian logos", f"{logos} missing", "desktop-base")

    pix = "/usr/share/pixmaps"
    if os.path.isdir(pix):
        for f in sorted(os.listdir(pix)):
            p = os.path.join(pix, f)
            if not os.path.isfile(p) or not f.lower().endswith((".png", ".xpm", ".jpg", ".gif", ".bmp")):
                continue
            c.add_raster(src, f"pixmaps_{os.path.splitext(f)[0]}", p,
                         f"application pixmap ({os.path.splitext(f)[1][1:].upper()} source)",
                         "/usr/share/pixmaps (various packages)",
                         "per-package licence (see the owning package)")

    try:
        import matplotlib
        imgs = os.path.join(matplotlib.get_data_path(), "images")
        files = sorted(f for f in os.listdir(imgs) if f.endswith(".png"))
        for f in spread(files, 6):
            c.add_raster(src, f"mpl_toolbar_{os.path.splitext(f)[0]}", os.path.join(imgs, f),
                         "toolbar icon (matplotlib)", "python-matplotlib-data",
                         "matplotlib licence (PSF-based)")
    except Exception as exc:
        c.skip(src, "matplotlib toolbar icons", str(exc), "python3-matplotlib")


# --------------------------------------------------------------------------
# 5. documents
# --------------------------------------------------------------------------

def wrap_text(text, fnt, width, draw):
    out = []
    for para in text.replace("\t", "    ").splitlines():
        if not para.strip():
            out.append("")
            continue
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}" if line else word
            if draw.textlength(cand, font=fnt) <= width or not line:
                line = cand
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def render_page(text, size=(1240, 1754), fsize=22, face="sans", fg=(0, 0, 0),
                bg=(255, 255, 255), header=None, title=None, mode="RGB",
                columns=1):
    im = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(im)
    W, H = size
    margin = int(W * 0.08)
    y = margin
    if header:
        hh = int(H * 0.07)
        d.rectangle([0, 0, W, hh], fill=header)
        if title:
            d.text((margin, hh // 2), title, font=font(int(hh * 0.45), "bold"),
                   fill=(255, 255, 255), anchor="lm")
        y = hh + margin // 2
    elif title:
        tf = font(int(fsize * 1.5), "bold")
        d.text((margin, y), title, font=tf, fill=fg)
        y += int(fsize * 2.6)
    if face != "mono":   # reflow hard-wrapped paragraphs like a typeset page
        paras = [" ".join(ln.strip() for ln in para.splitlines())
                 for para in text.replace("\r", "").split("\n\n")]
        text = "\n\n".join(p for p in paras if p)
    f = font(fsize, face)
    lh = int(fsize * 1.35)
    gap = int(W * 0.04)
    colw = (W - 2 * margin - gap * (columns - 1)) // columns
    lines = wrap_text(text, f, colw, d)
    col, x, top = 0, margin, y
    for ln in lines:
        if y + lh > H - margin:
            col += 1
            if col >= columns:
                break
            x = margin + col * (colw + gap)
            y = top
        d.text((x, y), ln, font=f, fill=fg)
        y += lh
    d.text((W // 2, H - margin // 2), "- 1 -", font=font(max(10, fsize - 4)),
           fill=fg, anchor="mm")
    return im.convert(mode) if mode != "RGB" else im


def _read_text(path, limit=12000):
    with open(path, "rb") as f:
        raw = f.read(limit)
    return raw.decode("utf-8", "replace")


def gather_documents(c, tmp):
    src = "documents"
    rng = np.random.default_rng(5)
    if not have_fonts():
        c.skip(src, "rendered text pages", "DejaVu TrueType fonts missing",
               "fonts-dejavu-core")
    else:
        lic_dir = "/usr/share/common-licenses"
        texts = []
        for n in ["GPL-3", "Apache-2.0", "BSD", "MPL-2.0", "LGPL-2.1", "Artistic",
                  "CC0-1.0", "GFDL-1.3"]:
            p = os.path.join(lic_dir, n)
            if os.path.exists(p):
                texts.append((f"licence_{n}", _read_text(p), f"text of the {n} licence",
                              "base-files", "licence text (verbatim copying permitted)"))
        for pkg in ["python3-skimage", "python3-pydicom", "desktop-base",
                    "python3-matplotlib", "python3-pil", "fonts-dejavu-core"]:
            p = f"/usr/share/doc/{pkg}/copyright"
            if os.path.exists(p):
                texts.append((f"copyright_{pkg}", _read_text(p),
                              f"Debian copyright file of {pkg}", pkg,
                              "Debian copyright file (freely redistributable)"))
        styles = [
            dict(desc="black text on white A4 page, 150 dpi"),
            dict(desc="dark-blue serif text, white A4 page", fg=(20, 30, 120), face="serif"),
            dict(desc="A4 page with a blue header bar", header=(30, 80, 160)),
            dict(desc="greyscale A4 page (mode L), monospace", face="mono", mode="L", fsize=20),
            dict(desc="dark-red text on cream paper", fg=(120, 20, 20), bg=(250, 245, 228)),
            dict(desc="two-column A4 page with a green header bar", header=(30, 120, 60), columns=2, fsize=18),
            dict(desc="small A4 page (100 dpi), black text", size=(827, 1169), fsize=15),
            dict(desc="greyscale two-column landscape page", size=(1754, 1240), mode="L", fsize=20, columns=2),
            dict(desc="white text on dark slide background", fg=(235, 235, 235), bg=(30, 34, 42), size=(1600, 900), fsize=28),
            dict(desc="A4 page with an orange header bar, mono", header=(200, 100, 20), face="mono", fsize=18),
            dict(desc="black text on white, large font", fsize=32),
            dict(desc="greyscale A4 page, serif", face="serif", mode="L"),
            dict(desc="purple text, white page", fg=(90, 30, 110)),
            dict(desc="black text on light-grey page, mono", face="mono", bg=(235, 235, 235), fsize=18),
        ]
        for i, (name, text, what, origin, lic) in enumerate(texts):
            st = dict(styles[i % len(styles)])
            desc = st.pop("desc")
            title = name.split("_", 1)[1]
            im = render_page(text, title=title, **st)
            c.add_image(src, f"page_{i:02d}_{name}", im,
                        f"rendered document page: {what}; {desc}", origin, lic)
        # "scanned" pages: slight tilt, paper tone, noise, blur, JPEG
        for j, (name, text, what, origin, lic) in enumerate(texts[:4]):
            im = render_page(text[3000:], title=None, fsize=20, face="serif",
                             bg=(244, 240, 230))
            im = im.rotate(float(rng.uniform(-1.5, 1.5)), resample=Image.BICUBIC,
                           expand=False, fillcolor=(244, 240, 230))
            a = np.asarray(im).astype(np.float64)
            a += rng.normal(0, 6, a.shape[:2])[..., None]
            im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(
                ImageFilter.GaussianBlur(0.7))
            if j % 2:
                im = im.convert("L")
            c.add_image(src, f"scan_{j:02d}_{name}", im,
                        f"simulated scanned page (tilt, noise, blur; JPEG): {what}",
                        origin, lic, fmt="jpeg", quality=80)

    # PDF pages from /usr/share/doc
    if not shutil.which("pdftoppm"):
        c.skip(src, "PDF pages", "pdftoppm missing", "poppler-utils")
    else:
        prefer = ["/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf",
                  "/usr/share/doc/libtasn1-doc/libtasn1.pdf",
                  "/usr/share/doc/fontconfig/fontconfig-user.pdf.gz",
                  "/usr/share/doc/bzip2/manual.pdf.gz",
                  "/usr/share/doc/valgrind/valgrind_manual.pdf.gz"]
        found = walk_files("/usr/share/doc", (".pdf", ".pdf.gz"))
        pdfs = [p for p in prefer if os.path.exists(p)]
        pdfs += [p for p in sorted(found) if p not in pdfs]
        done = 0
        for p in pdfs:
            if done >= 5:
                break
            pkg = p.split("/")[4]
            local = p
            if p.endswith(".gz"):
                local = os.path.join(tmp, os.path.basename(p)[:-3])
                try:
                    with gzip.open(p) as fi, open(local, "wb") as fo:
                        shutil.copyfileobj(fi, fo)
                except Exception as exc:
                    c.skip(src, p, f"cannot gunzip ({exc})")
                    continue
            prefix = os.path.join(tmp, f"pdf{done}")
            try:
                subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "3",
                                "-png", local, prefix], check=True, timeout=60,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except Exception as exc:
                c.skip(src, p, f"pdftoppm failed ({exc})")
                continue
            pages = sorted(f for f in os.listdir(tmp) if f.startswith(f"pdf{done}-"))
            for k, f in enumerate(pages[::2]):   # pages 1 and 3
                base = os.path.splitext(os.path.basename(local))[0]
                c.add_raster(src, f"pdf_{base}_p{1 + 2 * k}", os.path.join(tmp, f),
                             f"PDF page rendered at 100 dpi ({os.path.basename(p)})",
                             f"{pkg} (/usr/share/doc)", "documentation licence of the package")
            done += 1
        if done == 0:
            c.skip(src, "PDF pages", "no PDF under /usr/share/doc on this machine")

    # Chromium screenshots of HTML docs
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        c.skip(src, "browser screenshots", "chromium missing", "chromium")
        return
    prefer = ["/usr/share/doc/base-passwd/users-and-groups.html",
              "/usr/share/doc/python3/python-policy.html",
              "/usr/share/doc/bzip2/manual.html",
              "/usr/share/doc/fontconfig/fontconfig-user.html",
              "/usr/share/doc/shared-mime-info/shared-mime-info-spec.html",
              "/usr/share/doc/valgrind/html/quick-start.html"]
    pages = [p for p in prefer if os.path.exists(p)]
    if len(pages) < 4:
        extra = walk_files("/usr/share/doc", ".html")
        pages += [p for p in spread(sorted(extra), 8) if p not in pages][: 6 - len(pages)]
    # plus one page generated here: a form and a table, with colour
    gen = os.path.join(tmp, "generated_dashboard.html")
    rows = "".join(f"<tr><td>{i}</td><td>item-{i:03d}</td><td>{(i * 37) % 101}.{i % 10}</td>"
                   f"<td style='color:{'green' if i % 3 else 'red'}'>{'ok' if i % 3 else 'failed'}</td></tr>"
                   for i in range(1, 16))
    with open(gen, "w") as f:
        f.write("<!doctype html><html><head><meta charset='utf-8'><style>"
                "body{font-family:'DejaVu Sans',sans-serif;margin:0;background:#f4f6fa}"
                "header{background:#2b5797;color:#fff;padding:18px 28px;font-size:24px}"
                "main{display:flex;gap:24px;padding:24px}"
                ".card{background:#fff;border-radius:8px;box-shadow:0 1px 4px #0003;padding:18px;flex:1}"
                "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left}"
                "button{background:#e67e22;color:#fff;border:0;padding:10px 18px;border-radius:4px;font-size:16px}"
                "input{padding:8px;width:90%;margin:6px 0 14px}</style></head><body>"
                "<header>Example admin dashboard</header><main>"
                "<div class='card'><h3>Sign in</h3><label>User</label><input value='jane.doe'>"
                "<label>Password</label><input type='password' value='xxxxxxxx'><button>Log in</button></div>"
                f"<div class='card'><h3>Recent jobs</h3><table><tr><th>#</th><th>name</th><th>score</th>"
                f"<th>status</th></tr>{rows}</table></div></main></body></html>")
    pages.append(gen)
    profile = os.path.join(tmp, "chromium-profile")
    for i, p in enumerate(pages):
        out = os.path.join(tmp, f"shot{i}.png")
        # A taller window cropped to 1280x900: Chromium sometimes leaves the
        # bottom tile row half painted; cropping it away keeps runs identical.
        cmd = [chrome, "--headless", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--no-default-browser-check", "--mute-audio",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=3000",
               f"--user-data-dir={profile}", "--window-size=1280,1200",
               f"--screenshot={out}", f"file://{p}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")
        try:
            subprocess.run(cmd, timeout=60, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        except Exception as exc:
            c.skip(src, f"screenshot of {p}", str(exc))
            continue
        if not os.path.exists(out):
            c.skip(src, f"screenshot of {p}", "chromium wrote no file")
            continue
        with Image.open(out) as im:
            shot = im.convert("RGB").crop((0, 0, 1280, 900))
        if p == gen:
            c.add_image(src, "screenshot_generated_dashboard", shot,
                        "browser screenshot (1280x900) of a generated HTML dashboard (form, table)",
                        "synthetic", "generated here")
        else:
            pkg = p.split("/")[4]
            c.add_image(src, f"screenshot_{pkg}_{os.path.splitext(os.path.basename(p))[0]}", shot,
                        f"browser screenshot (1280x900) of HTML documentation ({os.path.basename(p)})",
                        f"{pkg} (/usr/share/doc), shot with chromium",
                        "documentation licence of the package")


# --------------------------------------------------------------------------
# 6 + 7. pydicom test data: medical-other (PNG) and dicom-non-mg (DICOM)
# --------------------------------------------------------------------------

BROKEN_DICOM = {  # deliberately malformed parser tests, not modality tests
    "MR_truncated.dcm", "badVR.dcm", "meta_missing_tsyntax.dcm",
    "nested_priv_SQ.dcm", "JPEG2000-embedded-sequence-delimiter.dcm",
    "GDCMJ2K_TextGBR.dcm", "no_meta.dcm", "rtplan_truncated.dcm",
}


DICOM_NOTES = {
    "693_J2KI.dcm": "; very lossy JPEG 2000 (3.6 kB file), blurred",
    "SC_jpeg_no_color_transform.dcm": "; nearly blank white test pattern",
    "liver_1frame.dcm": "; binary segmentation mask",
    "rtdose_1frame.dcm": "; 10x10 radiotherapy dose grid",
    "image_dfl.dcm": "; synthetic test pattern",
}


def walk_files(root, suffixes):
    """Every file under root whose name ends with one of suffixes, in a stable (sorted) order."""
    files = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        files += [os.path.join(dp, f) for f in sorted(fn) if f.endswith(suffixes)]
    return files


def _pydicom_files(root):
    files = []
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in sorted(fn):
            if f.endswith((".json", ".txt", ".dump", ".gz", ".py")) or f == "README":
                continue
            files.append(os.path.join(dp, f))
    return files


def _dicom_dir_key(path, root):
    """dicomdirtests hold many 16x16 slices: keep one per series folder."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    if parts[0] == "dicomdirtests" and len(parts) > 2:
        return os.sep.join(parts[:-1])
    return rel


def _window(ds, arr):
    from pydicom.pixel_data_handlers.util import apply_modality_lut
    try:
        arr = apply_modality_lut(arr, ds)
    except Exception:
        pass
    arr = arr.astype(np.float64)
    wc, ww = ds.get("WindowCenter"), ds.get("WindowWidth")
    how = "min-max"
    if wc is not None and ww is not None:
        try:
            wc = float(wc[0] if hasattr(wc, "__len__") and not isinstance(wc, str) else wc)
            ww = float(ww[0] if hasattr(ww, "__len__") and not isinstance(ww, str) else ww)
            if ww > 0:
                out = to_u8(arr, wc - ww / 2, wc + ww / 2)
                how = f"window C={wc:g} W={ww:g}"
            else:
                out = to_u8(arr)
        except Exception:
            out = to_u8(arr)
    else:
        out = to_u8(arr)
    if str(ds.get("PhotometricInterpretation", "")) == "MONOCHROME1":
        out = 255 - out
        how += ", MONOCHROME1 inverted"
    return out, how


def _thumb_key(a):
    im = Image.fromarray(a).convert("L").resize((16, 16), Image.BILINEAR)
    return (a.ndim, bytes(np.asarray(im) // 16))


def gather_dicom(c):
    pydicom = import_or_skip(c, "medical-other", "pydicom", "python3-pydicom")
    if pydicom is None:
        c.skip("dicom-non-mg", "source", "pydicom missing", "python3-pydicom")
        return
    from pydicom.pixel_data_handlers.util import convert_color_space
    root = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
    if not os.path.isdir(root):
        c.skip("medical-other", "pydicom test files", f"{root} missing", "python3-pydicom")
        return
    seen_series, seen_thumbs = set(), set()
    for p in _pydicom_files(root):
        rel = os.path.relpath(p, root)
        base = os.path.basename(p)
        if base in BROKEN_DICOM:
            continue
        key = _dicom_dir_key(p, root)
        if key in seen_series:
            continue
        try:
            ds = pydicom.dcmread(p, force=True)
        except Exception:
            continue
        if "PixelData" not in ds:
            continue
        seen_series.add(key)
        modality = str(ds.get("Modality", "")).strip()
        mod_txt = modality or "no Modality tag"
        ts = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
        ts_name = getattr(ts, "name", str(ts)) if ts else "unknown transfer syntax"
        rows, cols = ds.get("Rows"), ds.get("Columns")
        frames = int(ds.get("NumberOfFrames", 1) or 1)
        name = rel.replace(os.sep, "_")
        name = name[:-4] if name.endswith(".dcm") else name
        arr, err = None, None
        try:
            arr = ds.pixel_array
        except Exception as exc:
            err = f"{type(exc).__name__}"
        # 7. the DICOM file itself, unchanged
        if modality.upper() != "MG":
            dec = "" if arr is not None else f"; pydicom here cannot decode its pixels ({err})"
            c.add_copy("dicom-non-mg", name, p, "dcm",
                       f"DICOM {mod_txt}, {ts_name}, {cols}x{rows}"
                       f"{f', {frames} frames' if frames > 1 else ''}{dec}",
                       "python3-pydicom", PYDICOM_LICENCE,
                       size=(cols, rows) if rows and cols else None)
        # 6. pixels as PNG (single frame, decodable)
        if arr is None:
            c.skip("medical-other", rel, f"pixel data not decodable here ({err}; needs gdcm/pylibjpeg/jpeg-ls)")
            continue
        if frames > 1:
            continue
        pi = str(ds.get("PhotometricInterpretation", ""))
        spp = int(ds.get("SamplesPerPixel", 1) or 1)
        if spp == 3:
            if pi.startswith("YBR"):
                arr = convert_color_space(arr, "YBR_FULL", "RGB")
            out = arr if arr.dtype == np.uint8 else to_u8(arr)
            how = "colour"
        else:
            out, how = _window(ds, arr)
        k = _thumb_key(out)
        if k in seen_thumbs:
            continue   # same picture as another encoding of the same data
        seen_thumbs.add(k)
        note = DICOM_NOTES.get(base, "")
        c.add_array("medical-other", name, out,
                    f"{mod_txt} image from a DICOM test file, pixels only ({how}){note}",
                    "python3-pydicom", PYDICOM_LICENCE)


def gather_medical_extra(c):
    src = "medical-other"
    try:
        import matplotlib
        p = os.path.join(matplotlib.get_data_path(), "sample_data", "s1045.ima.gz")
        with gzip.open(p) as f:
            mri = np.frombuffer(f.read(), ">u2").reshape(256, 256)
        c.add_array(src, "mpl_s1045_mri_head", to_u8(mri, 0, np.percentile(mri, 99.5)),
                    "MR image: sagittal head/brain slice (matplotlib sample data)",
                    "python-matplotlib-data", "matplotlib sample data (matplotlib licence)")
    except Exception as exc:
        c.skip(src, "matplotlib s1045.ima MRI", str(exc), "python3-matplotlib")
    try:
        from skimage.data import shepp_logan_phantom
        from skimage.transform import radon
    except Exception as exc:
        c.skip(src, "Shepp-Logan phantom / sinogram", str(exc), "python3-skimage")
        return
    ph = shepp_logan_phantom()
    lic = "scikit-image (BSD-3)"
    c.add_array(src, "shepp_logan_phantom", ph,
                "Shepp-Logan CT head phantom (synthetic CT slice)", "python3-skimage", lic)
    sino = radon(ph, theta=np.linspace(0, 180, 180, endpoint=False))
    c.add_array(src, "shepp_logan_sinogram", to_u8(sino),
                "radon sinogram of the Shepp-Logan phantom (CT raw-data view)",
                "python3-skimage", lic)
    import skimage.data as d
    for n in ("brain", "cells3d"):
        try:
            vol = getattr(d, n)()
            mid = vol[vol.shape[0] // 2]
            if mid.ndim == 3:
                mid = mid[1] if n == "cells3d" else mid[..., 0]
            c.add_array(src, f"skimage_{n}_slice", to_u8(mid),
                        f"middle slice of skimage '{n}' volume", "python3-skimage", lic)
        except Exception as exc:
            c.skip(src, f"skimage {n}", f"not available offline ({type(exc).__name__}: needs pooch download)")


# --------------------------------------------------------------------------
# 8. synthetic
# --------------------------------------------------------------------------

def _blur(a, radius):
    im = to_pil(a)
    return np.asarray(im.filter(ImageFilter.GaussianBlur(radius)))


def _fractal(rng, h, w, beta=2.0):
    """1/f^beta noise in [0,1] (clouds/plasma)."""
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    f = np.sqrt(fx ** 2 + fy ** 2)
    f[0, 0] = 1.0
    spec = (rng.normal(size=f.shape) + 1j * rng.normal(size=f.shape)) / f ** (beta / 2)
    spec[0, 0] = 0
    out = np.fft.irfft2(spec, s=(h, w))
    out -= out.min()
    return out / (out.max() or 1)


def gather_synthetic(c):
    src = "synthetic"
    rng = np.random.default_rng(12345)
    O, L = "synthetic", "generated here (no licence needed)"
    items = []

    def add(name, arr_or_im, kind, fmt="png", **kw):
        if isinstance(arr_or_im, Image.Image):
            c.add_image(src, name, arr_or_im, kind, O, L, fmt, **kw)
        else:
            c.add_array(src, name, arr_or_im, kind, O, L, fmt, **kw)
        items.append(name)

    u8 = lambda a: np.clip(np.round(a), 0, 255).astype(np.uint8)  # noqa: E731
    # noise
    for s in (8, 64, 256, 1024):
        add(f"uniform_noise_grey_{s}", rng.integers(0, 256, (s, s), dtype=np.uint8), f"uniform noise, grey, {s}x{s}")
    for s in (20, 256):
        add(f"uniform_noise_rgb_{s}", rng.integers(0, 256, (s, s, 3), dtype=np.uint8), f"uniform noise, RGB, {s}x{s}")
    add("uniform_noise_rgb_768x512", rng.integers(0, 256, (512, 768, 3), dtype=np.uint8), "uniform noise, RGB, JPEG", fmt="jpeg")
    for s, sd in ((64, 20), (512, 40), (2048, 30)):
        add(f"gaussian_noise_grey_{s}", u8(rng.normal(128, sd, (s, s))), f"Gaussian noise around mid-grey (sd {sd}), {s}x{s}")
    add("gaussian_noise_rgb_300", u8(rng.normal(128, 50, (300, 300, 3))), "Gaussian noise, RGB")
    add("gaussian_noise_grey_1024x768_webp", u8(rng.normal(100, 25, (768, 1024))), "Gaussian noise, grey, WebP", fmt="webp")
    for s, p in ((256, 0.05), (1024, 0.2)):
        a = np.full((s, s), 128, np.uint8)
        m = rng.random((s, s))
        a[m < p / 2] = 0
        a[m > 1 - p / 2] = 255
        add(f"salt_pepper_{s}_{int(p * 100)}pct", a, f"salt-and-pepper noise ({int(p * 100)}%) on mid-grey")
    # gradients
    add("gradient_horizontal_grey_512", np.tile(np.linspace(0, 255, 512), (512, 1)).astype(np.uint8), "linear gradient, grey, left-right")
    add("gradient_vertical_grey_1024x768", np.tile(np.linspace(0, 255, 768)[:, None], (1, 1024)).astype(np.uint8), "linear gradient, grey, top-bottom")
    yy, xx = np.mgrid[0:600, 0:800] / np.array([600.0, 800.0])[:, None, None]
    add("gradient_diagonal_rgb_800x600", u8(np.stack([xx * 255, yy * 255, (1 - xx) * 255], -1)), "linear colour gradient, RGB")
    add("gradient_horizontal_grey_2048x1536", np.tile(np.linspace(0, 255, 2048), (1536, 1)).astype(np.uint8), "linear gradient, grey, large")
    add("gradient_tiny_8", np.tile(np.linspace(0, 255, 8), (8, 1)).astype(np.uint8), "tiny 8x8 gradient")
    g16 = np.tile(np.linspace(0, 65535, 1024), (768, 1)).astype(np.uint16)
    add("gradient_grey_16bit_1024x768", Image.fromarray(g16), "16-bit grey PNG gradient")
    add("gradient_grey_16bit_512_tiff", Image.fromarray(g16[:512, :512]), "16-bit grey TIFF gradient", fmt="tiff")
    for s, inv in ((512, False), (640, True), (2048, False)):
        y, x = np.mgrid[0:s, 0:s]
        r = np.hypot(x - s / 2, y - s / 2) / (s / np.sqrt(2))
        a = (r if inv else 1 - r) * 255
        add(f"radial_gradient_grey_{s}{'_inv' if inv else ''}", u8(a), f"radial gradient, grey, {'dark' if inv else 'bright'} centre, {s}x{s}")
    y, x = np.mgrid[0:480, 0:640]
    r = np.hypot(x - 320, y - 240) / 400
    add("radial_gradient_rgb_640x480", u8(np.stack([255 * (1 - r), 128 + 0 * r, 255 * r], -1)), "radial colour gradient, RGB")
    # checkerboards
    for s, sq in ((64, 1), (256, 8), (512, 32), (1000, 125)):
        yy, xx = np.mgrid[0:s, 0:s]
        add(f"checkerboard_{s}_sq{sq}", (((yy // sq + xx // sq) % 2) * 255).astype(np.uint8), f"black/white checkerboard, {sq}-px squares")
    yy, xx = np.mgrid[0:1024, 0:1024]
    cb = ((yy // 64 + xx // 64) % 2).astype(bool)
    add("checkerboard_rgb_1024", u8(np.where(cb[..., None], [220, 40, 40], [40, 40, 220])), "red/blue checkerboard")
    # stripes and gratings
    add("stripes_horizontal_512", (((np.arange(512) // 16) % 2) * 255).astype(np.uint8)[:, None].repeat(512, 1), "horizontal black/white stripes")
    add("stripes_vertical_768x512", (((np.arange(768) // 24) % 2) * 255).astype(np.uint8)[None, :].repeat(512, 0), "vertical black/white stripes")
    yy, xx = np.mgrid[0:600, 0:600]
    add("stripes_diagonal_600", ((((xx + yy) // 20) % 2) * 255).astype(np.uint8), "diagonal stripes")
    add("sine_grating_grey_512", u8(127.5 + 127.5 * np.sin(xx[:512, :512] / 6.0)), "sinusoidal grating, grey")
    add("sine_grating_2d_rgb_600", u8(np.stack([127 + 127 * np.sin(xx / 9), 127 + 127 * np.sin(yy / 13), 127 + 127 * np.sin((xx + yy) / 17)], -1)), "2-D sinusoidal colour pattern")
    add("colour_bars_1280x720", u8(np.repeat(np.array([[192, 192, 192], [192, 192, 0], [0, 192, 192], [0, 192, 0], [192, 0, 192], [192, 0, 0], [0, 0, 192]])[None, :, :], 720, 0).repeat(183, 1)[:, :1280]), "TV colour bars")
    # constants
    for s in (8, 512, 2048):
        add(f"blank_black_{s}", np.zeros((s, s), np.uint8), f"all-black image {s}x{s}")
        add(f"blank_white_{s}", np.full((s, s), 255, np.uint8), f"all-white image {s}x{s}")
    add("constant_midgrey_64", np.full((64, 64), 128, np.uint8), "constant mid-grey 64x64")
    add("constant_midgrey_1000", np.full((1000, 1000), 128, np.uint8), "constant mid-grey 1000x1000")
    add("constant_nearblack_800x600", np.full((600, 800), 3, np.uint8), "constant near-black (value 3)")
    add("constant_red_rgb_640x480", u8(np.full((480, 640, 3), [200, 30, 30])), "constant red, RGB")
    add("blank_black_1024_jpeg", np.zeros((1024, 1024), np.uint8), "all-black JPEG", fmt="jpeg")
    add("blank_white_rgb_800_webp", np.full((800, 800, 3), 255, np.uint8), "all-white WebP", fmt="webp")
    # tiny and odd shapes
    add("tiny_1x1_grey", np.array([[137]], np.uint8), "1x1 grey pixel")
    add("tiny_3x2_rgb", rng.integers(0, 256, (2, 3, 3), dtype=np.uint8), "3x2 RGB")
    add("tiny_8x8_rgb", rng.integers(0, 256, (8, 8, 3), dtype=np.uint8), "tiny 8x8 random RGB")
    add("tiny_20x20_grey", u8(_blur(rng.integers(0, 256, (20, 20), dtype=np.uint8), 2)), "tiny 20x20 blurred grey")
    add("tiny_64x64_shapes", _shapes(rng, 64, 64), "tiny 64x64 random shapes")
    add("strip_2048x16", rng.integers(0, 256, (16, 2048), dtype=np.uint8), "extreme aspect ratio 2048x16 strip")
    add("strip_16x2048", np.tile(np.linspace(0, 255, 2048)[:, None], (1, 16)).astype(np.uint8), "extreme aspect ratio 16x2048 strip")
    # modes
    add("mode1_bilevel_noise_512", Image.fromarray(rng.random((512, 512)) > 0.5).convert("1"), "1-bit bilevel noise PNG")
    pal = Image.fromarray(rng.integers(0, 16, (300, 400), dtype=np.uint8), "P")
    pal.putpalette([int(v) for v in rng.integers(0, 256, 16 * 3)] + [0] * (768 - 48))
    add("palette_16colour_400x300", pal, "palette (P-mode) image, 16 random colours")
    rgba = np.zeros((400, 400, 4), np.uint8)
    rgba[..., :3] = [30, 160, 90]
    yy, xx = np.mgrid[0:400, 0:400]
    rgba[..., 3] = u8(255 * np.clip(1 - np.hypot(xx - 200, yy - 200) / 200, 0, 1))
    add("rgba_transparent_disc_400", rgba, "RGBA: green disc fading to transparent")
    # text on grey
    for i, (w, h, bgv, mode) in enumerate(((800, 600, 128, "L"), (1024, 768, 90, "L"), (640, 480, 200, "RGB"))):
        add(f"random_text_{i}_{w}x{h}", _random_text(rng, w, h, bgv, mode), f"random words on {'grey' if mode == 'L' else 'light'} background")
    # random shapes
    for i, (w, h) in enumerate(((512, 512), (1024, 768), (300, 200), (2048, 1536))):
        fmt = {1: "webp", 2: "tiff"}.get(i, "png")
        add(f"random_shapes_{i}_{w}x{h}", _shapes(rng, w, h),
            f"random coloured rectangles, ellipses and lines ({fmt.upper()})", fmt=fmt)
    add("random_shapes_grey_600", _shapes(rng, 600, 600).convert("L"), "random shapes, grey")
    # clouds / blurred noise / fractal noise
    for s, cells in ((128, 8), (512, 12), (1024, 16), (2048, 24)):
        add(f"clouds_grey_{s}", to_u8(_clouds(rng, s, s, cells)), f"smooth value noise (clouds), grey, {s}x{s}",
            fmt="jpeg" if s == 2048 else "png")
    for s, cells in ((256, 6), (800, 10)):
        add(f"clouds_rgb_{s}", to_u8(np.stack([_clouds(rng, s, s, cells) for _ in range(3)], -1)),
            f"smooth value noise (clouds), RGB, {s}x{s}")
    add("blurred_noise_grey_400", to_u8(_blur(rng.integers(0, 256, (400, 400), dtype=np.uint8), 3)), "Gaussian-blurred uniform noise, grey")
    for s, beta in ((512, 2.0), (1024, 2.5), (2048, 3.0)):
        add(f"fractal_noise_grey_{s}_b{beta}", to_u8(_fractal(rng, s, s, beta)), f"1/f^{beta} fractal noise (plasma), grey")
    add("fractal_noise_rgb_768", to_u8(np.stack([_fractal(rng, 768, 768, 2.2) for _ in range(3)], -1)), "fractal noise, RGB")
    add("fractal_noise_grey_1500x1000_jpeg", to_u8(_fractal(rng, 1000, 1500, 2.4)), "fractal noise, grey JPEG", fmt="jpeg")
    # misc patterns
    y, x = np.mgrid[-1:1:512j, -1:1:512j]
    add("zone_plate_512", u8(127.5 + 127.5 * np.cos(80 * (x ** 2 + y ** 2))), "zone plate (concentric rings)")
    add("concentric_rings_rgb_600", u8(np.stack([127 + 127 * np.sin(30 * np.hypot(x, y))[:512, :512]] * 3, -1) * [1, 0.6, 0.3]), "concentric rings, orange")
    add("dots_grid_800", _dots(800), "grid of black dots on white")
    add("gaussian_blob_grey_512", u8(255 * np.exp(-(x ** 2 + y ** 2) / 0.1)), "single bright Gaussian blob on black")
    add("mandelbrot_grey_800x600", _mandelbrot(800, 600), "Mandelbrot set (escape time), grey")
    add("voronoi_rgb_640", _voronoi(rng, 640, 640), "Voronoi cells, random colours (TIFF, LZW)",
        fmt="tiff", compression="tiff_lzw")
    add("random_walk_lines_1024", _walks(rng, 1024), "random-walk lines on white")
    add("qr_like_blocks_420", np.kron(rng.integers(0, 2, (21, 21)) * 255, np.ones((20, 20))).astype(np.uint8), "QR-code-like random black/white blocks")
    add("bayer_dither_512", _bayer(512), "ordered-dither (Bayer) gradient")
    add("step_wedge_16_1024x512", np.repeat(np.repeat((np.arange(16) * 17).astype(np.uint8)[None, :], 512, 0), 64, 1), "16-step grey wedge")
    gp = np.full((1000, 1000, 3), 255, np.uint8)
    gp[::20, :] = gp[:, ::20] = [170, 200, 230]
    gp[::100, :] = gp[:, ::100] = [90, 140, 200]
    add("graph_paper_1000", gp, "graph paper (blue grid on white)")
    bars = np.repeat(rng.integers(0, 2, 120).repeat(5)[None, :] * 255, 200, 0).astype(np.uint8)
    add("barcode_like_600x200", bars, "barcode-like black/white bars")
    hue = np.linspace(0, 1, 1024)
    rainbow = np.stack([np.clip(np.abs(hue * 6 - 3) - 1, 0, 1), np.clip(2 - np.abs(hue * 6 - 2), 0, 1),
                        np.clip(2 - np.abs(hue * 6 - 4), 0, 1)], -1)
    add("rainbow_1024x256", to_u8(np.repeat(rainbow[None], 256, 0), 0, 1), "hue rainbow gradient")
    add("noise_rgba_256", rng.integers(0, 256, (256, 256, 4), dtype=np.uint8), "RGBA noise with random transparency")
    label = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(label).text((12, 20), "SAMPLE 0042", font=font(32, "bold"), fill=0)
    add("text_label_300x80", label, "small black-on-white text label")
    circ = Image.new("L", (800, 800), 0)
    dc = ImageDraw.Draw(circ)
    for _ in range(25):
        cx, cy = (int(v) for v in rng.integers(0, 800, 2))
        r = int(rng.integers(10, 90))
        dc.ellipse([cx - r, cy - r, cx + r, cy + r], outline=int(rng.integers(80, 256)), width=int(rng.integers(1, 6)))
    add("random_circles_outline_grey_800", circ, "random circle outlines, grey on black")
    add("gradient_noise_mix_1024x768", u8(np.tile(np.linspace(30, 220, 1024), (768, 1)) + rng.normal(0, 12, (768, 1024))), "grey gradient with noise")
    return items


def _clouds(rng, h, w, cells, octaves=4):
    """Smooth value noise: bicubic-upsampled random grids, summed over octaves."""
    out = np.zeros((h, w), np.float64)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        g = cells * 2 ** o
        grid = rng.random((g, g)).astype(np.float32)
        up = Image.fromarray(grid, "F").resize((w, h), Image.BICUBIC)
        out += amp * np.asarray(up, np.float64)
        total += amp
        amp *= 0.5
    return out / total


def _shapes(rng, w, h):
    im = Image.new("RGB", (w, h), tuple(int(v) for v in rng.integers(0, 256, 3)))
    d = ImageDraw.Draw(im)
    for _ in range(max(8, (w * h) // 20000)):
        col = tuple(int(v) for v in rng.integers(0, 256, 3))
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(2, max(3, w // 3))), y0 + int(rng.integers(2, max(3, h // 3)))
        k = rng.integers(0, 3)
        if k == 0:
            d.rectangle([x0, y0, x1, y1], fill=col)
        elif k == 1:
            d.ellipse([x0, y0, x1, y1], fill=col)
        else:
            d.line([x0, y0, x1, y1], fill=col, width=int(rng.integers(1, max(2, w // 100))))
    return im


def _random_text(rng, w, h, bgv, mode):
    words = ("image gate test random words mammogram not here sample data "
             "lorem ipsum dolor sit amet alpha beta gamma delta 42 x-ray").split()
    im = Image.new(mode, (w, h), bgv if mode == "L" else (bgv, bgv, bgv - 20))
    d = ImageDraw.Draw(im)
    for _ in range(30):
        size = int(rng.integers(10, 48))
        f = font(size, ["sans", "bold", "mono", "serif"][int(rng.integers(0, 4))]) or ImageFont.load_default()
        txt = " ".join(rng.choice(words, int(rng.integers(1, 5))))
        fill = int(rng.integers(0, 256)) if mode == "L" else tuple(int(v) for v in rng.integers(0, 200, 3))
        d.text((int(rng.integers(0, w - 40)), int(rng.integers(0, h - 20))), txt, font=f, fill=fill)
    return im


def _dots(s):
    im = Image.new("L", (s, s), 255)
    d = ImageDraw.Draw(im)
    for y in range(20, s, 40):
        for x in range(20, s, 40):
            d.ellipse([x - 6, y - 6, x + 6, y + 6], fill=0)
    return im


def _mandelbrot(w, h, it=60):
    y, x = np.mgrid[-1.2:1.2:h * 1j, -2.2:1.0:w * 1j]
    c = x + 1j * y
    z = np.zeros_like(c)
    n = np.zeros(c.shape, np.int32)
    for i in range(it):
        m = np.abs(z) <= 2
        z[m] = z[m] ** 2 + c[m]
        n[m] += 1
    return to_u8(np.log1p(n))


def _voronoi(rng, w, h, k=40):
    pts = rng.random((k, 2)) * [w, h]
    cols = rng.integers(0, 256, (k, 3))
    yy, xx = np.mgrid[0:h, 0:w]
    best = np.full((h, w), np.inf)
    lab = np.zeros((h, w), np.int64)
    for i, (px, py) in enumerate(pts):
        dist = (xx - px) ** 2 + (yy - py) ** 2
        closer = dist < best
        best[closer] = dist[closer]
        lab[closer] = i
    return cols[lab].astype(np.uint8)


def _walks(rng, s):
    im = Image.new("RGB", (s, s), (255, 255, 255))
    d = ImageDraw.Draw(im)
    for _ in range(6):
        pts = np.cumsum(rng.normal(0, 12, (400, 2)), 0) + s / 2
        d.line([tuple(p) for p in np.clip(pts, 0, s - 1)],
               fill=tuple(int(v) for v in rng.integers(0, 200, 3)), width=2)
    return im


def _bayer(s):
    m = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]) / 16
    g = np.tile(np.linspace(0, 1, s), (s, 1))
    return ((g > np.tile(m, (s // 4, s // 4))) * 255).astype(np.uint8)


# --------------------------------------------------------------------------
# 9. xray-like
# --------------------------------------------------------------------------

def _ellipse_phantom(rng, n=256):
    """CT-like slice: a body ellipse with random inner ellipses."""
    y, x = np.mgrid[-1:1:n * 1j, -1:1:n * 1j]
    img = np.zeros((n, n))
    def ell(cx, cy, a, b, th, val):
        ct, st = math.cos(th), math.sin(th)
        xr, yr = (x - cx) * ct + (y - cy) * st, -(x - cx) * st + (y - cy) * ct
        img[(xr / a) ** 2 + (yr / b) ** 2 <= 1] += val
    ell(0, 0, rng.uniform(0.7, 0.9), rng.uniform(0.55, 0.85), rng.uniform(-0.3, 0.3), 1.0)
    ell(0, 0, 0.65, 0.6, 0, -0.3)  # lower-density interior
    for _ in range(int(rng.integers(4, 10))):
        ell(rng.uniform(-0.45, 0.45), rng.uniform(-0.45, 0.45), rng.uniform(0.04, 0.25),
            rng.uniform(0.04, 0.25), rng.uniform(0, math.pi), rng.uniform(-0.25, 0.5))
    return np.clip(img, 0, None)


def _projection_radiograph(rng, h, w, layout):
    """Sum of path lengths through random ellipsoids (axis z), Beer-Lambert,
    shown like a radiograph (bright = attenuating). Not a real X-ray."""
    y, x = np.mgrid[-1:1:h * 1j, -1:1:w * 1j] * np.array([h / max(h, w), w / max(h, w)])[:, None, None]
    mu = np.zeros((h, w))
    def ellipsoid(cx, cy, a, b, c, th, m):
        ct, st = math.cos(th), math.sin(th)
        xr, yr = (x - cx) * ct + (y - cy) * st, -(x - cx) * st + (y - cy) * ct
        q = 1 - (xr / a) ** 2 - (yr / b) ** 2
        mu[:] += m * 2 * c * np.sqrt(np.clip(q, 0, None))
    if layout == "trunk":
        ellipsoid(rng.uniform(-0.05, 0.05), 0.05, rng.uniform(0.85, 1.05), rng.uniform(1.1, 1.4),
                  0.6, rng.uniform(-0.05, 0.05), 1.2)                 # trunk fills most of the frame
        for sx in (-1, 1):                                            # two air-filled regions
            ellipsoid(sx * rng.uniform(0.33, 0.42), rng.uniform(-0.2, -0.05), rng.uniform(0.22, 0.3),
                      rng.uniform(0.45, 0.6), 0.35, sx * rng.uniform(0, 0.15), -1.6)
        ellipsoid(rng.uniform(-0.04, 0.04), 0, 0.06, 1.3, 0.08, rng.uniform(-0.04, 0.04), 6.0)  # spine-like
        nrib, tilt, step = int(rng.integers(5, 10)), rng.uniform(0.15, 0.4), rng.uniform(0.14, 0.2)
        for k in range(nrib):                                          # rib-like thin bars (crude)
            yk = -0.8 + k * step
            for sx in (-1, 1):
                ellipsoid(sx * 0.38, yk, 0.42, 0.025, 0.02, sx * tilt, 9.0)
        ellipsoid(rng.uniform(-0.2, 0.1), 0.25, 0.28, 0.22, 0.2, 0.3, 1.5)  # heart-like mass
    else:  # limb: soft tissue with 1-2 long bones
        th = rng.uniform(-0.3, 0.3)
        ellipsoid(0, 0, 0.45, 1.4, 0.35, th, 1.0)
        nb = int(rng.integers(1, 3))
        for i in range(nb):
            off = 0 if nb == 1 else (-0.12 if i == 0 else 0.12)
            ellipsoid(off, 0, 0.07, 1.1, 0.07, th, 10.0)
            ellipsoid(off, 0, 0.04, 1.05, 0.04, th, -6.0)   # marrow cavity
        for _ in range(int(rng.integers(0, 3))):
            ellipsoid(rng.uniform(-0.2, 0.2), rng.uniform(-0.6, 0.6), 0.1, 0.1, 0.1, 0, 3.0)
    atten = 1 - np.exp(-mu)
    atten += rng.normal(0, 0.015, atten.shape)
    return to_u8(_blur(to_u8(atten, 0, 1), 1.2))


def gather_xray_like(c):
    src = "xray-like"
    rng = np.random.default_rng(777)
    O, L = "synthetic", "generated here (no licence needed)"
    try:
        from skimage.transform import radon
        import skimage.data as d
    except Exception as exc:
        c.skip(src, "phantoms/sinograms and photo negatives", str(exc), "python3-skimage")
        radon = d = None
    if d is not None:
        # skimage has no hand radiograph (checked: not in Debian's 0.19, and
        # the newer fetchers only download); noted so the gap is visible
        c.skip(src, "skimage 'hand' X-ray", "no such bundled image in scikit-image")
    if radon is not None:
        for i in range(8):
            n = 256 if i % 2 == 0 else 400
            ph = _ellipse_phantom(rng, n)
            c.add_array(src, f"ellipse_phantom_{i}", to_u8(ph),
                        "synthetic CT-like slice: random ellipses in a body ellipse (not a real scan)", O, L)
            angles = 180 if i % 3 else 360
            sino = radon(ph, theta=np.linspace(0, 180, angles, endpoint=False))
            c.add_array(src, f"ellipse_phantom_{i}_sinogram", to_u8(sino),
                        "radon projections (sinogram) of a random ellipse phantom", O, L)
    for i in range(5):
        h, w = (1024, 880) if i % 2 == 0 else (900, 900)
        c.add_array(src, f"projection_trunk_{i}", _projection_radiograph(rng, h, w, "trunk"),
                    "synthetic projection of random ellipsoids (Beer-Lambert), chest-radiograph-like "
                    "layout, bright = attenuating; not a real X-ray", O, L)
    for i in range(4):
        c.add_array(src, f"projection_limb_{i}", _projection_radiograph(rng, 1000, 500, "limb"),
                    "synthetic projection of ellipsoids: limb-like soft tissue with long bones; "
                    "not a real X-ray", O, L)
    if d is not None:
        photos = ["astronaut", "chelsea", "coffee", "rocket", "camera", "coins",
                  "moon", "hubble_deep_field", "immunohistochemistry", "cell"]
        lic = "scikit-image sample photo (see the skimage source entry)"
        for k, n in enumerate(photos):
            try:
                g = grey(getattr(d, n)())
            except Exception as exc:
                c.skip(src, f"negative of {n}", str(exc))
                continue
            c.add_array(src, f"negative_grey_{n}", to_u8(1 - g),
                        f"grey negative of the skimage '{n}' photo", "python3-skimage", lic)
            if k < 6:
                r = [6, 10, 14][k % 3]
                c.add_array(src, f"blurred_grey_{n}", to_u8(_blur(to_u8(g), r)),
                            f"heavily blurred grey skimage '{n}' photo (Gaussian radius {r})",
                            "python3-skimage", lic)
            if k < 4:
                neg = _blur(to_u8(1 - g), 4)
                c.add_array(src, f"negative_blurred_{n}", to_u8(neg),
                            f"blurred grey negative of the skimage '{n}' photo (radius 4)",
                            "python3-skimage", lic)


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

SOURCES = ["skimage", "matplotlib", "wallpapers", "icons", "documents",
           "medical-other", "dicom-non-mg", "synthetic", "xray-like"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory (wiped and rewritten)")
    ap.add_argument("--force", action="store_true",
                    help="wipe --out even if it is not an earlier output of this script")
    args = ap.parse_args(argv)
    out = os.path.abspath(args.out)
    if out in ("/", os.path.expanduser("~")) or len(out) < 5:
        ap.error(f"refusing to use {out} as the output directory")
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, "manifest.json")) and not args.force:
            ap.error(f"{out} is not empty and has no manifest.json; pass --force to wipe it")
        shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)

    t0 = time.time()
    c = Corpus(out)
    with tempfile.TemporaryDirectory(prefix="nonmammo-") as tmp:
        steps = [
            ("skimage", gather_skimage),
            ("matplotlib", gather_matplotlib),
            ("wallpapers", gather_wallpapers),
            ("icons", gather_icons),
            ("documents", lambda c: gather_documents(c, tmp)),
            ("dicom", gather_dicom),
            ("medical-other", gather_medical_extra),
            ("synthetic", gather_synthetic),
            ("xray-like", gather_xray_like),
        ]
        for name, fn in steps:
            t = time.time()
            try:
                fn(c)
            except Exception as exc:   # one broken source must not stop the rest
                import traceback
                traceback.print_exc()
                c.skip(name, "rest of source", f"{type(exc).__name__}: {exc}")
            print(f"[{name}] done in {time.time() - t:.1f}s", flush=True)
    c.write_manifest()

    counts = {s: 0 for s in SOURCES}
    sizes = {s: 0 for s in SOURCES}
    for e in c.entries:
        counts[e["source"]] = counts.get(e["source"], 0) + 1
        sizes[e["source"]] = sizes.get(e["source"], 0) + os.path.getsize(os.path.join(out, e["file"]))
    total = sum(sizes.values())
    print("\nper-source counts:")
    for s in counts:
        print(f"  {s:15s} {counts[s]:4d}  {sizes[s] / 1e6:7.1f} MB")
    print(f"  {'total':15s} {sum(counts.values()):4d}  {total / 1e6:7.1f} MB")
    if c.dupes:
        print(f"  (byte-identical duplicates dropped: {c.dupes})")
    if c.skipped:
        print(f"  skipped items: {len(c.skipped)} (see skipped.json)")
    print(f"  time: {time.time() - t0:.1f}s; manifest: {os.path.join(out, 'manifest.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

// One file's picture: the image as the browser decodes it, the heatmap laid over it on a
// <canvas> (sampled and blended by @bcd-api/heatmap, as the server's PNG overlay is), the peak
// marked with a ring and a label, and the controls (on/off, opacity) with the colour scale's legend.
import { DEFAULT_HEATMAP_OPACITY, type Heatmap } from '@bcd-api/contract';
import { blendHeatmap, HEATMAP_PALETTE, type Size, sampleRows } from '@bcd-api/heatmap';
import { fitCanvas, imageToCanvas } from './canvas-fit.js';
import { h } from './dom.js';
import { formatProbability, parseImageSize } from './format.js';
import { toHeatmapGrid } from './heatmap-grid.js';
import { yieldToBrowser } from './yield-to-browser.js';

/** Rows sampled between two turns of the browser: a slice takes a few milliseconds. */
const ROWS_PER_SLICE = 64;

/** The picture of one card and its controls. */
export interface HeatmapFigure {
  /** The `<figure>` to place in the card. */
  element: HTMLElement;
  /** Draws the heatmap of `heatmap` over the image of `imageSize` (`image_info.size`). */
  showHeatmap(heatmap: Heatmap, imageSize: string, format: string): Promise<void>;
  /** Draws the image alone and says why there is no heatmap. */
  showWithoutHeatmap(imageSize: string, format: string, note: string): Promise<void>;
  /** The file could not be classified: shows `message` (the error) where the picture would be. */
  showFailure(message: HTMLElement): void;
  /** The file was refused as not a mammogram: shows the image as the browser decodes it (or says it cannot), with no heatmap. */
  showRefused(): Promise<void>;
}

/**
 * Builds the figure for `file` (whose decoding starts at once, off the main thread), with
 * element ids derived from `id`.
 */
export function createHeatmapFigure(file: File, id: string): HeatmapFigure {
  const decoded: Promise<ImageBitmap | undefined> = createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => undefined);

  const canvas = h('canvas', {
    class: 'figure-canvas',
    attrs: { width: '1', height: '1', role: 'img', 'aria-label': `${file.name}: waiting` },
  });
  const note = h('p', { class: 'figure-note', attrs: { id: `${id}-note` } });
  const box = h('div', { class: 'canvas-box', attrs: { 'data-state': 'empty' } }, [canvas, note]);

  const toggle = h(
    'button',
    {
      class: 'toggle',
      attrs: { type: 'button', id: `${id}-toggle`, 'aria-pressed': 'true', disabled: '' },
    },
    [h('span', { class: 'toggle-track', attrs: { 'aria-hidden': 'true' } }), h('span', { text: 'Heatmap' }), forFile(file)],
  );
  const initial = Math.round(DEFAULT_HEATMAP_OPACITY * 100);
  const slider = h('input', {
    class: 'opacity-slider',
    attrs: {
      type: 'range',
      id: `${id}-opacity`,
      min: '0',
      max: '100',
      step: '1',
      value: String(initial),
      disabled: '',
      'aria-valuetext': `${initial}%`,
    },
  });
  const output = h('output', { class: 'opacity-value', text: `${initial}%`, attrs: { for: `${id}-opacity` } });
  const controls = h('div', { class: 'figure-controls' }, [
    toggle,
    h('div', { class: 'opacity' }, [h('label', { text: 'Opacity', attrs: { for: `${id}-opacity` } }, [forFile(file)]), slider, output]),
  ]);
  const element = h('figure', { class: 'figure' }, [box, controls, legend()]);

  const context = canvas.getContext('2d', { willReadFrequently: true });
  let drawn: { base: ImageData; out: ImageData; values: Float32Array; heatmap: Heatmap; image: Size } | undefined;
  let frame = 0;

  // The preview: the image as soon as the browser has decoded it, before the API answers.
  void decoded.then((bitmap) => {
    if (!bitmap || !context || box.dataset.state !== 'empty') return;
    const size = fitCanvas({ width: bitmap.width, height: bitmap.height });
    resize(context, size);
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    box.dataset.state = 'preview';
    canvas.setAttribute('aria-label', `${file.name}: being analysed`);
  });

  /** Draws the image (or black where the browser cannot decode it) at the size the API measured; says so when it is black. */
  async function drawImage(imageSize: string, format: string): Promise<Size | undefined> {
    const bitmap = await decoded;
    const image = parseImageSize(imageSize) ?? (bitmap ? { width: bitmap.width, height: bitmap.height } : undefined);
    if (!image || !context) return undefined;
    const size = fitCanvas(image);
    resize(context, size);
    if (bitmap) {
      context.drawImage(bitmap, 0, 0, size.width, size.height);
      // The canvas holds the pixels now; a large image's decoded bitmap is worth freeing at once.
      bitmap.close();
    } else {
      context.fillStyle = '#000';
      context.fillRect(0, 0, size.width, size.height);
      showNote(`This browser cannot display ${format} images: the heatmap is drawn on black, at the image's proportions.`);
    }
    return image;
  }

  function showNote(text: string): void {
    note.textContent = text;
    box.dataset.note = 'true';
  }

  function render(): void {
    frame = 0;
    if (!drawn || !context) return;
    const on = toggle.getAttribute('aria-pressed') === 'true';
    if (!on) {
      context.putImageData(drawn.base, 0, 0);
      return;
    }
    blendHeatmap(drawn.base.data, drawn.values, Number(slider.value) / 100, drawn.out.data, 4);
    context.putImageData(drawn.out, 0, 0);
    drawPeak(context, drawn.heatmap.peak, drawn.image, { width: canvas.width, height: canvas.height });
  }

  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(render);
  };

  toggle.addEventListener('click', () => {
    const on = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(on));
    schedule();
  });
  slider.addEventListener('input', () => {
    const text = `${slider.value}%`;
    output.textContent = text;
    slider.setAttribute('aria-valuetext', text);
    schedule();
  });

  return {
    element,
    async showHeatmap(heatmap, imageSize, format) {
      const image = await drawImage(imageSize, format);
      if (!image || !context) return;
      const size = { width: canvas.width, height: canvas.height };
      const base = context.getImageData(0, 0, size.width, size.height);
      const values = new Float32Array(size.width * size.height);
      const grid = toHeatmapGrid(heatmap);
      for (let row = 0; row < size.height; row += ROWS_PER_SLICE) {
        sampleRows(grid, image, size, row, row + ROWS_PER_SLICE, values);
        await yieldToBrowser();
      }
      drawn = { base, out: new ImageData(size.width, size.height), values, heatmap, image };
      render();
      box.dataset.state = 'done';
      canvas.setAttribute(
        'aria-label',
        `${file.name} with its heatmap; the highest region, ${formatProbability(heatmap.peak.value)}, is marked with a ring.`,
      );
      toggle.disabled = false;
      slider.disabled = false;
    },
    async showWithoutHeatmap(imageSize, format, text) {
      await drawImage(imageSize, format);
      box.dataset.state = 'done';
      canvas.setAttribute('aria-label', `${file.name}, without a heatmap`);
      showNote(text);
    },
    showFailure(message) {
      void decoded.then((bitmap) => bitmap?.close());
      box.dataset.state = 'failed';
      canvas.setAttribute('aria-label', `${file.name}: no picture`);
      box.append(message);
    },
    async showRefused() {
      // The upload itself, so that a person sees what was refused; the server sent no size, so the browser's is used.
      const bitmap = await decoded;
      if (bitmap && context) {
        const size = fitCanvas({ width: bitmap.width, height: bitmap.height });
        resize(context, size);
        context.drawImage(bitmap, 0, 0, size.width, size.height);
        bitmap.close();
      } else {
        showNote('This browser cannot display this file.');
      }
      box.dataset.state = 'refused';
      canvas.setAttribute('aria-label', `${file.name}: not a mammogram, so no verdict and no heatmap`);
    },
  };
}

/** The file a control acts on, for screen readers: ten cards have ten "Heatmap" switches. */
function forFile(file: File): HTMLElement {
  return h('span', { class: 'visually-hidden', text: ` of ${file.name}` });
}

/** Sizes the canvas, which resets its context, and sets the context up again for drawing the image. */
function resize(context: CanvasRenderingContext2D, size: Size): void {
  context.canvas.width = size.width;
  context.canvas.height = size.height;
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
}

/** The ring around the peak and its label ("Peak 83%"), readable on any background: white on a dark outline. */
function drawPeak(context: CanvasRenderingContext2D, peak: Heatmap['peak'], image: Size, canvas: Size): void {
  const at = imageToCanvas(peak, image, canvas);
  const long = Math.max(canvas.width, canvas.height);
  const radius = Math.max(8, long * 0.05);
  const line = Math.max(1.5, long / 300);
  context.save();
  context.beginPath();
  context.arc(at.x, at.y, radius, 0, Math.PI * 2);
  context.lineWidth = line * 3;
  context.strokeStyle = 'rgba(0, 0, 0, 0.7)';
  context.stroke();
  context.lineWidth = line;
  context.strokeStyle = '#ffffff';
  context.stroke();

  const label = `Peak ${formatProbability(peak.value)}`;
  const fontPx = Math.max(11, Math.round(long / 30));
  context.font = `600 ${fontPx}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.textBaseline = 'middle';
  const padX = fontPx * 0.45;
  const boxW = context.measureText(label).width + padX * 2;
  const boxH = fontPx * 1.6;
  const gap = radius + line * 2;
  // Beside the ring, on whichever side has room; kept inside the canvas.
  let x = at.x + gap;
  if (x + boxW > canvas.width - 2) x = at.x - gap - boxW;
  x = Math.min(Math.max(2, x), canvas.width - boxW - 2);
  const y = Math.min(Math.max(2, at.y - boxH / 2), canvas.height - boxH - 2);
  context.fillStyle = 'rgba(17, 24, 39, 0.85)';
  context.beginPath();
  context.roundRect(x, y, boxW, boxH, boxH / 4);
  context.fill();
  context.fillStyle = '#ffffff';
  context.fillText(label, x + padX, y + boxH / 2);
  context.restore();
}

/** The colour scale under the picture: a gradient drawn with the shared scale, and its ends in words. */
function legend(): HTMLElement {
  const bar = h('canvas', { class: 'legend-bar', attrs: { width: '256', height: '1', 'aria-hidden': 'true' } });
  const context = bar.getContext('2d');
  if (context) {
    // The scale's 256 steps, the very colours the blend looks up.
    const row = context.createImageData(256, 1);
    for (let i = 0; i < 256; i++) row.data.set([...HEATMAP_PALETTE.subarray(i * 3, i * 3 + 3), 255], i * 4);
    context.putImageData(row, 0, 0);
  }
  return h('div', { class: 'legend' }, [
    h('span', { class: 'legend-title', text: 'Regional malignant probability' }),
    h('div', { class: 'legend-scale' }, [h('span', { text: '0%' }), bar, h('span', { text: '100%' })]),
  ]);
}

import { DEFAULT_HEATMAP_OPACITY, DISCLAIMER } from '@bcd-api/contract';
import type { DecodedImage, Heatmap } from '@bcd-api/core';
import { blendHeatmap, heatmapColour, sampleCanvas } from '@bcd-api/heatmap';
import sharp from 'sharp';
import { drawText, GLYPH_HEIGHT, textWidth } from './bitmap-font.js';

/** What {@link renderOverlay} draws besides the image and its heatmap. */
export interface OverlayOptions {
  /** Heatmap opacity, 0 (the image alone) to 1 (default {@link DEFAULT_HEATMAP_OPACITY}). */
  opacity?: number;
  /** The line that states the result, e.g. `Malignant 87.50% - High Risk`. */
  caption: string;
  /** Drawn in, always. */
  disclaimer: string;
}

type Pixels = { data: Uint8Array; width: number; height: number };

/** The disclaimer as an overlay draws it: its font is ASCII, so the sentence goes without its warning sign. */
export const ASCII_DISCLAIMER = DISCLAIMER.replace(/^[^\x20-\x7e]+\s*/u, '');

const WHITE = [255, 255, 255] as const;
const LIGHT = [215, 215, 215] as const;
const PEAK_RING = [0, 229, 255] as const;

/** An overlay as pixels: RGB, interleaved by pixel, row by row. */
export interface OverlayPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Draws the image, as `decode` kept it to draw on (its `display`, see `displaySide`: oriented,
 * at its own aspect, `DISPLAY_SIDE` px on the long side), with the heatmap laid over
 * it, the peak ringed, and a legend band: the caption, the colour scale from 0 to 1, and the
 * disclaimer. Returns PNG bytes. The file is not decoded again.
 *
 * @example
 * const image = await classifier.decode(bytes, 'scan.png', { display: true });
 * const [prediction] = await classifier.classify([image]);
 * const png = await renderOverlay(image, buildHeatmap(prediction.scoreMap!, image, classifier.card), { caption: 'Benign 12.00% - Low Risk', disclaimer: DISCLAIMER });
 */
export async function renderOverlay(
  decoded: Pick<DecodedImage, 'width' | 'height' | 'display'>,
  heatmap: Heatmap,
  options: OverlayOptions,
): Promise<Buffer> {
  const image = drawOverlay(decoded, heatmap, options);
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * The overlay {@link renderOverlay} encodes, as raw RGB pixels: what a DICOM Secondary Capture
 * carries (the PACS node stores it back beside its source image).
 */
export function drawOverlay(
  decoded: Pick<DecodedImage, 'width' | 'height' | 'display'>,
  heatmap: Heatmap,
  options: OverlayOptions,
): OverlayPixels {
  const opacity = options.opacity ?? DEFAULT_HEATMAP_OPACITY;
  if (!decoded.display) throw new RangeError('drawOverlay needs an image decoded with `displaySide` (a classifier: `{ display: true }`)');
  // A copy: the drawing must not change the decoded image.
  const image: Pixels & { sourceWidth: number; sourceHeight: number } = {
    ...decoded.display,
    data: decoded.display.data.slice(),
    sourceWidth: decoded.width,
    sourceHeight: decoded.height,
  };

  const toSource = { x: image.sourceWidth / image.width, y: image.sourceHeight / image.height };
  const values = sampleCanvas(heatmap, { width: image.sourceWidth, height: image.sourceHeight }, image);
  blendHeatmap(image.data, values, opacity, image.data, 3);
  drawPeak(image, heatmap.peak.x / toSource.x, heatmap.peak.y / toSource.y);
  drawLegend(image, options.caption, options.disclaimer);
  return { data: image.data, width: image.width, height: image.height };
}

/** A ring around the peak, light with a dark edge so that it shows on any background. */
function drawPeak(image: Pixels, cx: number, cy: number): void {
  const radius = Math.max(10, Math.round(Math.min(image.width, image.height) * 0.035));
  for (const [r, colour] of [
    [radius + 2, [0, 0, 0]],
    [radius + 1, PEAK_RING],
    [radius, PEAK_RING],
    [radius - 1, [0, 0, 0]],
  ] as const) {
    const steps = Math.ceil(2 * Math.PI * r * 2);
    for (let s = 0; s < steps; s++) {
      const angle = (2 * Math.PI * s) / steps;
      setPixel(image, Math.round(cx + r * Math.cos(angle)), Math.round(cy + r * Math.sin(angle)), colour);
    }
  }
}

/** The band at the bottom: caption, colour scale with its ends and middle, disclaimer. */
function drawLegend(image: Pixels, caption: string, disclaimer: string): void {
  const scale = image.width >= 700 ? 2 : 1;
  const line = GLYPH_HEIGHT * scale;
  const pad = 6 * scale;
  const maxText = image.width - 2 * pad;
  const captionLines = wrap(caption, scale, maxText);
  const disclaimerLines = wrap(disclaimer, scale, maxText);
  const barHeight = 6 * scale;
  const bandHeight = pad + (captionLines.length + disclaimerLines.length + 1) * (line + scale * 2) + barHeight + pad;
  const top = Math.max(0, image.height - bandHeight);
  // Darken the band to 25 % so the text reads over bright tissue.
  for (let y = top; y < image.height; y++) {
    for (let i = y * image.width * 3; i < (y + 1) * image.width * 3; i++) image.data[i] = Math.round((image.data[i] ?? 0) * 0.25);
  }
  let y = top + pad;
  for (const text of captionLines) {
    drawText(image.data, image.width, image.height, 3, pad, y, text, { scale, colour: WHITE });
    y += line + scale * 2;
  }
  // The scale: a bar from 0 to 1 over at most half the width, labelled at both ends and the middle.
  const label = 'calibrated malignant probability per region';
  const left = pad + textWidth('0 ', scale);
  const barWidth = Math.max(60, Math.min(Math.round(image.width * 0.4), maxText - textWidth('0  1 ', scale)));
  for (let x = 0; x < barWidth; x++) {
    const colour = heatmapColour(x / (barWidth - 1));
    for (let dy = 0; dy < barHeight; dy++) setPixel(image, left + x, y + Math.round((line - barHeight) / 2) + dy, colour);
  }
  drawText(image.data, image.width, image.height, 3, pad, y, '0', { scale, colour: LIGHT });
  drawText(image.data, image.width, image.height, 3, left + barWidth + textWidth(' ', scale), y, '1', { scale, colour: LIGHT });
  const after = left + barWidth + textWidth(' 1  ', scale);
  if (after + textWidth(label, scale) <= image.width - pad) {
    drawText(image.data, image.width, image.height, 3, after, y, label, { scale, colour: LIGHT });
  }
  y += line + scale * 2;
  for (const text of disclaimerLines) {
    drawText(image.data, image.width, image.height, 3, pad, y, text, { scale, colour: [255, 214, 102] });
    y += line + scale * 2;
  }
}

/** Splits text into lines that fit `maxWidth` at `scale`, at spaces (a word longer than a line keeps its own line, clipped). */
function wrap(text: string, scale: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, scale) <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function setPixel(image: Pixels, x: number, y: number, colour: readonly number[]): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const i = (y * image.width + x) * 3;
  image.data[i] = colour[0] ?? 0;
  image.data[i + 1] = colour[1] ?? 0;
  image.data[i + 2] = colour[2] ?? 0;
}

import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { drawText, GLYPH_HEIGHT, GLYPH_WIDTH, textWidth } from '../src/overlay/bitmap-font.js';

const WHITE = [255, 255, 255] as const;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const ALPHANUMERIC = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];

interface Canvas {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** Renders `text` at (x, y) on a black canvas sized to hold it plus `margin` pixels all round. */
function render(text: string, scale = 1, { channels = 4 as 3 | 4, margin = 0 } = {}): Canvas {
  const width = textWidth(text, scale) + 2 * margin;
  const height = GLYPH_HEIGHT * scale + 2 * margin;
  const pixels = new Uint8Array(width * height * channels);
  drawText(pixels, width, height, channels, margin, margin, text, { scale, colour: WHITE });
  return { pixels, width, height, channels };
}

function isInked(canvas: Canvas, x: number, y: number): boolean {
  return (canvas.pixels[(y * canvas.width + x) * canvas.channels] ?? 0) > 0;
}

function inkedPoints(canvas: Canvas): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) if (isInked(canvas, x, y)) points.push([x, y]);
  }
  return points;
}

/** The glyph as text, one line per row, so a failing comparison shows the shape. */
function picture(canvas: Canvas): string {
  const lines: string[] = [];
  for (let y = 0; y < canvas.height; y++) {
    let line = '';
    for (let x = 0; x < canvas.width; x++) line += isInked(canvas, x, y) ? '#' : '.';
    lines.push(line);
  }
  return lines.join('\n');
}

describe('glyph set', () => {
  test('every printable ASCII character but space draws at least one pixel', () => {
    for (const char of PRINTABLE) {
      const count = inkedPoints(render(char)).length;
      if (char === ' ') expect(count, 'space').toBe(0);
      else expect(count, JSON.stringify(char)).toBeGreaterThan(0);
    }
  });

  test('no two of 0-9, A-Z and a-z share a glyph', () => {
    const seen = new Map<string, string>();
    for (const char of ALPHANUMERIC) {
      const shape = picture(render(char));
      expect(seen.get(shape), `${char} looks like ${seen.get(shape)}`).toBeUndefined();
      seen.set(shape, char);
    }
  });

  test('a character outside 32-126 is drawn as a question mark', () => {
    for (const char of ['é', '\n', '\u007f', '😀']) expect(picture(render(char))).toBe(picture(render('?')));
  });

  test('descenders reach below the baseline and capitals do not', () => {
    const belowBaseline = (char: string) => inkedPoints(render(char)).some(([, y]) => y >= 7);
    for (const char of 'gjpqy') expect(belowBaseline(char), char).toBe(true);
    for (const char of 'ABCXYZ0189abceo') expect(belowBaseline(char), char).toBe(false);
  });
});

describe('layout', () => {
  test.each([
    ['W', 1],
    ['Malignant 87.5% (High Risk)', 1],
    ['0.0 0.5 1.0', 3],
    ['jpgqy|_', 2],
  ])('keeps %j at scale %d inside textWidth and the cell height', (text, scale) => {
    const margin = 7;
    const canvas = render(text, scale, { margin });
    const points = inkedPoints(canvas);
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(margin);
    expect(Math.max(...xs)).toBeLessThan(margin + textWidth(text, scale));
    expect(Math.max(...xs)).toBeGreaterThanOrEqual(margin + textWidth(text, scale) - GLYPH_WIDTH * scale);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(margin);
    expect(Math.max(...ys)).toBeLessThan(margin + GLYPH_HEIGHT * scale);
  });

  test('textWidth counts one cell per code point and adds up across runs', () => {
    expect(textWidth('', 1)).toBe(0);
    expect(textWidth('abc', 1)).toBe(3 * GLYPH_WIDTH);
    expect(textWidth('😀', 2)).toBe(2 * GLYPH_WIDTH);
    expect(textWidth('87.5%', 3)).toBe(textWidth('87', 3) + textWidth('.5%', 3));
  });

  test('scale 2 draws every font pixel as a 2x2 block', () => {
    const text = 'Ag%8(-.)';
    const one = render(text, 1);
    const two = render(text, 2);
    expect(two.width).toBe(2 * one.width);
    expect(two.height).toBe(2 * one.height);
    for (let y = 0; y < two.height; y++) {
      for (let x = 0; x < two.width; x++) expect(isInked(two, x, y)).toBe(isInked(one, x >> 1, y >> 1));
    }
  });

  test.each([0, 1.5, -1])('rejects scale %d', (scale) => {
    expect(() => textWidth('a', scale)).toThrow(RangeError);
    expect(() => drawText(new Uint8Array(300), 10, 10, 3, 0, 0, 'a', { scale, colour: WHITE })).toThrow(RangeError);
  });
});

describe('pixels', () => {
  test('writes the colour into RGB and the colour plus opaque alpha into RGBA', () => {
    for (const channels of [3, 4] as const) {
      const pixels = new Uint8Array(GLYPH_WIDTH * GLYPH_HEIGHT * channels);
      drawText(pixels, GLYPH_WIDTH, GLYPH_HEIGHT, channels, 0, 0, 'H', { scale: 1, colour: [10, 20, 30] });
      // 'H' has ink at its top-left corner and none at the spacing column's.
      expect([...pixels.subarray(0, channels)]).toEqual(channels === 4 ? [10, 20, 30, 255] : [10, 20, 30]);
      const spacing = (GLYPH_WIDTH - 1) * channels;
      expect([...pixels.subarray(spacing, spacing + channels)]).toEqual(channels === 4 ? [0, 0, 0, 0] : [0, 0, 0]);
    }
  });

  test.each([
    [-4, -5],
    [-20, 3],
    [7, -8],
    [9, 6],
    [40, 40],
    [-100, -100],
  ])('clips text at (%d, %d) to the buffer without touching guard bytes', (x, y) => {
    const width = 11;
    const height = 9;
    for (const channels of [3, 4] as const) {
      const guard = 64;
      const size = width * height * channels;
      const backing = new Uint8Array(size + 2 * guard).fill(0xaa);
      const pixels = backing.subarray(guard, guard + size);
      pixels.fill(0);
      for (const scale of [1, 2, 3]) {
        expect(() => drawText(pixels, width, height, channels, x, y, 'Wg%#@', { scale, colour: WHITE })).not.toThrow();
      }
      expect(backing.subarray(0, guard).every((v) => v === 0xaa)).toBe(true);
      expect(backing.subarray(guard + size).every((v) => v === 0xaa)).toBe(true);
    }
  });

  test('draws the part of a glyph that overlaps the buffer', () => {
    const pixels = new Uint8Array(3 * 3 * 4);
    drawText(pixels, 3, 3, 4, -2, -3, 'H', { scale: 1, colour: WHITE });
    // 'H' rows 3-5, columns 2-4 are '###', '..#', '..#': the right half of its crossbar and its right stem.
    expect([...pixels.filter((_, i) => i % 4 === 0)]).toEqual([255, 255, 255, 0, 0, 255, 0, 0, 255]);
  });
});

test('renders the printable set and a sample sentence (written to /tmp/font-sample.png when FONT_SAMPLE is set)', async () => {
  const sentence = 'For education and research only. Not for medical diagnosis. 0.0 0.5 1.0 Malignant 87.5% (High Risk) jpgqy';
  const lines: Array<[string, number]> = [
    [PRINTABLE.slice(0, 48).join(''), 1],
    [PRINTABLE.slice(48).join(''), 1],
    [sentence, 1],
    [PRINTABLE.slice(0, 32).join(''), 3],
    [PRINTABLE.slice(32, 64).join(''), 3],
    [PRINTABLE.slice(64).join(''), 3],
    ['For education and research only.', 3],
    ['Not for medical diagnosis.', 3],
    ['0.0 0.5 1.0 Malignant 87.5% (High Risk) jpgqy', 3],
  ];
  const margin = 8;
  const width = Math.max(...lines.map(([text, scale]) => textWidth(text, scale))) + 2 * margin;
  const height = lines.reduce((sum, [, scale]) => sum + GLYPH_HEIGHT * scale + 4, 2 * margin);
  const pixels = new Uint8Array(width * height * 3);
  let y = margin;
  for (const [text, scale] of lines) {
    drawText(pixels, width, height, 3, margin, y, text, { scale, colour: WHITE });
    y += GLYPH_HEIGHT * scale + 4;
  }
  const canvas: Canvas = { pixels, width, height, channels: 3 };
  expect(inkedPoints(canvas).length).toBeGreaterThan(1000);

  const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  if (process.env['FONT_SAMPLE']) await sharp(png).toFile('/tmp/font-sample.png');
});

// The mammogram view on synthetic films drawn here: a textured half-ellipse of "breast" on a
// dark background, whose every pixel is known, so that polarity, mirroring, cropping and the
// map back to the image are checked pixel by pixel.
import { describe, expect, test } from 'vitest';
import { type MammogramView, normaliseMammogram, viewToWorking } from '../src/mammogram-view.js';

interface Film {
  grey: Uint8Array;
  width: number;
  height: number;
  /** The breast's bounding box (inclusive edges) in the film as drawn. */
  box: { left: number; top: number; right: number; bottom: number };
}

/**
 * A film `width` x `height` with a half-ellipse of tissue (semi-axes `rx`, `ry`) against the
 * left or right edge, vertically centred. Tissue is textured (60-209) so that a pixel put in
 * the wrong place shows; the background is 10.
 */
function drawFilm(width: number, height: number, rx: number, ry: number, side: 'left' | 'right'): Film {
  const grey = new Uint8Array(width * height).fill(10);
  const box = { left: width, top: height, right: -1, bottom: -1 };
  const wallX = side === 'left' ? 0 : width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - wallX) / rx;
      const dy = (y + 0.5 - height / 2) / ry;
      if (dx * dx + dy * dy > 1) continue;
      grey[y * width + x] = 60 + ((x * 7 + y * 3) % 150);
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return { grey, width, height, box };
}

/** Asserts that every canvas pixel comes from the film pixel that viewToWorking names, and padding is black. */
function expectCanvasMapsBack(view: MammogramView, film: Film): void {
  const { canvas, crop, padTop } = view.geometry;
  for (let cy = 0; cy < canvas; cy++) {
    for (let cx = 0; cx < canvas; cx++) {
      const value = view.pixels[cy * canvas + cx]!;
      const insideCrop = cx < crop.width && cy >= padTop && cy < padTop + crop.height;
      if (!insideCrop) {
        expect(value).toBe(0);
        continue;
      }
      // Size = canvas: one model pixel per canvas pixel; its centre lands inside one film pixel.
      const at = viewToWorking(view.geometry, canvas, cx + 0.5, cy + 0.5);
      const filmValue = film.grey[Math.floor(at.y) * film.width + Math.floor(at.x)]!;
      if (filmValue !== value) expect({ cx, cy, value }).toEqual({ cx, cy, value: filmValue });
    }
  }
}

describe('normaliseMammogram', () => {
  const right = drawFilm(300, 200, 200, 70, 'right');

  test('mirrors a breast on the right so that the chest wall is on the left', () => {
    const view = normaliseMammogram(right.grey, right.width, right.height);
    expect(view.geometry.flipped).toBe(true);
    expect(view.geometry.inverted).toBe(false);
    // The chest wall, at the film's right edge, is now the canvas's left column.
    expect(view.geometry.crop.left).toBe(0);
    expectCanvasMapsBack(view, right);
  });

  test('leaves a breast on the left unmirrored', () => {
    const left = drawFilm(300, 200, 200, 70, 'left');
    const view = normaliseMammogram(left.grey, left.width, left.height);
    expect(view.geometry.flipped).toBe(false);
    expect(view.geometry.crop.left).toBe(0);
    expectCanvasMapsBack(view, left);
  });

  test('crops tightly around the breast and centres it on a black square', () => {
    const { geometry, pixels } = normaliseMammogram(right.grey, right.width, right.height);
    const { box } = right;
    // Mirrored, the breast spans columns [width - 1 - right, width - 1 - left].
    const expected = { left: right.width - 1 - box.right, top: box.top, width: box.right - box.left + 1, height: box.bottom - box.top + 1 };
    // Within a pixel: the ellipse's tips are rows of a few pixels, under the 2% tissue share.
    expect(Math.abs(geometry.crop.left - expected.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(geometry.crop.top - expected.top)).toBeLessThanOrEqual(1);
    expect(Math.abs(geometry.crop.width - expected.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(geometry.crop.height - expected.height)).toBeLessThanOrEqual(1);
    expect(geometry.canvas).toBe(Math.max(geometry.crop.width, geometry.crop.height));
    // Wider than tall: black rows above and below, split evenly.
    expect(geometry.padTop).toBe((geometry.canvas - geometry.crop.height) >> 1);
    expect(geometry.padTop).toBeGreaterThan(0);
    expect(pixels.length).toBe(geometry.canvas * geometry.canvas);
    expect([geometry.workWidth, geometry.workHeight]).toEqual([right.width, right.height]);
  });

  test('inverts a film with a light background and gives the same view as the dark one', () => {
    const dark = normaliseMammogram(right.grey, right.width, right.height);
    const light = normaliseMammogram(
      right.grey.map((v) => 255 - v),
      right.width,
      right.height,
    );
    expect(light.geometry.inverted).toBe(true);
    expect({ ...light.geometry, inverted: false }).toEqual(dark.geometry);
    expect(light.pixels).toEqual(dark.pixels);
  });

  test('keeps the whole image when there is no breast to crop to', () => {
    const { geometry, pixels } = normaliseMammogram(new Uint8Array(40 * 30), 40, 30);
    expect(geometry).toEqual({
      inverted: false,
      flipped: false,
      crop: { left: 0, top: 0, width: 40, height: 30 },
      canvas: 40,
      padTop: 5,
      workWidth: 40,
      workHeight: 30,
    });
    expect(pixels.every((v) => v === 0)).toBe(true);
  });

  test('does not trust a speck smaller than 16 pixels: the whole image is kept', () => {
    const grey = new Uint8Array(64 * 64);
    for (let y = 20; y < 30; y++) grey.fill(200, y * 64 + 5, y * 64 + 15);
    expect(normaliseMammogram(grey, 64, 64).geometry.crop).toEqual({ left: 0, top: 0, width: 64, height: 64 });
  });

  test('refuses a buffer that is not width x height bytes', () => {
    expect(() => normaliseMammogram(new Uint8Array(10), 4, 4)).toThrow(RangeError);
  });
});

/**
 * The view as first written: invert a copy, sum the halves, mirror, then count tissue, each a
 * pass of its own. normaliseMammogram does it in one pass without copies; it must give the same
 * bytes, since the model was trained on these.
 */
function referenceView(
  grey: Uint8Array,
  width: number,
  height: number,
): { pixels: Uint8Array; crop: object; inverted: boolean; flipped: boolean } {
  const border: number[] = [];
  const strip = Math.min(8, width >> 1, height >> 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < strip || y >= height - strip || x < strip || x >= width - strip) border.push(grey[y * width + x]!);
    }
  }
  border.sort((a, b) => a - b);
  const inverted = border[Math.ceil(border.length / 2) - 1]! > 128;
  const image = inverted ? grey.map((v) => 255 - v) : Uint8Array.from(grey);
  let left = 0;
  let right = 0;
  const half = width >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < half; x++) left += image[y * width + x]!;
    for (let x = width - half; x < width; x++) right += image[y * width + x]!;
  }
  const flipped = right > left;
  if (flipped) for (let y = 0; y < height; y++) image.subarray(y * width, (y + 1) * width).reverse();
  const rows = Array.from({ length: height }, (_, y) => image.subarray(y * width, (y + 1) * width).filter((v) => v > 25).length);
  const columns = Array.from({ length: width }, (_, x) => rows.reduce((n, _r, y) => n + (image[y * width + x]! > 25 ? 1 : 0), 0));
  const first = (counts: number[], min: number) => counts.findIndex((c) => c > min);
  const last = (counts: number[], min: number) => counts.length - 1 - [...counts].reverse().findIndex((c) => c > min);
  let crop = { left: 0, top: 0, width, height };
  const [top, bottom] = [first(rows, width * 0.02), last(rows, width * 0.02)];
  const [l, r] = [first(columns, height * 0.02), last(columns, height * 0.02)];
  if (top >= 0 && l >= 0 && bottom - top + 1 >= 16 && r - l + 1 >= 16) crop = { left: l, top, width: r - l + 1, height: bottom - top + 1 };
  const canvas = Math.max(crop.width, crop.height);
  const padTop = (canvas - crop.height) >> 1;
  const pixels = new Uint8Array(canvas * canvas);
  for (let y = 0; y < crop.height; y++) {
    const from = (crop.top + y) * width + crop.left;
    pixels.set(image.subarray(from, from + crop.width), (padTop + y) * canvas);
  }
  return { pixels, crop, inverted, flipped };
}

describe('normaliseMammogram against the reference', () => {
  test('gives the reference bytes on odd and even sizes, both sides and both polarities', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [width, height] of [
      [301, 199],
      [300, 200],
      [97, 131],
      [64, 64],
    ] as const) {
      for (const side of ['left', 'right'] as const) {
        for (const light of [false, true]) {
          const film = drawFilm(width, height, width * (0.3 + random() * 0.4), height * (0.2 + random() * 0.25), side);
          // Noise on the background too, so that a miscounted pixel changes the crop or the sums.
          const grey = film.grey.map((v) => Math.min(255, v + Math.floor(random() * 12)));
          const input = light ? grey.map((v) => 255 - v) : grey;
          const view = normaliseMammogram(input, width, height);
          const reference = referenceView(input, width, height);
          expect({ inverted: view.geometry.inverted, flipped: view.geometry.flipped, crop: view.geometry.crop }).toEqual({
            inverted: reference.inverted,
            flipped: reference.flipped,
            crop: reference.crop,
          });
          expect(Buffer.compare(Buffer.from(view.pixels), Buffer.from(reference.pixels))).toBe(0);
          const levels = new Uint32Array(256);
          for (const v of input) levels[v]!++;
          expect(view.levels).toEqual(levels);
        }
      }
    }
  });
  test('leaves the middle column of an odd width out of both halves when choosing the side', () => {
    // Left half one level heavier than the right; the bright middle column must not tip it.
    const width = 33;
    const height = 20;
    const grey = new Uint8Array(width * height).fill(40);
    for (let y = 0; y < height; y++) grey[y * width + 16] = 250;
    grey[0] = 41;
    const view = normaliseMammogram(grey, width, height);
    expect(view.geometry.flipped).toBe(referenceView(grey, width, height).flipped);
    expect(view.geometry.flipped).toBe(false);
  });
});

describe('viewToWorking', () => {
  const size = 64;
  const toModel = (canvas: number, v: number) => (v * size) / canvas;
  const expectPoint = (actual: { x: number; y: number }, expected: { x: number; y: number }) => {
    expect(actual.x).toBeCloseTo(expected.x, 9);
    expect(actual.y).toBeCloseTo(expected.y, 9);
  };

  test('maps the corners and centre of a mirrored crop back onto the breast as drawn', () => {
    const film = drawFilm(300, 200, 200, 70, 'right');
    const { geometry: g } = normaliseMammogram(film.grey, film.width, film.height);
    const top = toModel(g.canvas, g.padTop);
    const bottom = toModel(g.canvas, g.padTop + g.crop.height);
    const far = toModel(g.canvas, g.crop.width);
    // The canvas's left edge is the chest wall: the film's right edge.
    expectPoint(viewToWorking(g, size, 0, top), { x: film.width, y: g.crop.top });
    const nipple = viewToWorking(g, size, far, bottom);
    expect(Math.abs(nipple.x - film.box.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(nipple.y - (film.box.bottom + 1))).toBeLessThanOrEqual(1);
    const centre = viewToWorking(g, size, far / 2, (top + bottom) / 2);
    expectPoint(centre, { x: film.width - g.crop.left - g.crop.width / 2, y: g.crop.top + g.crop.height / 2 });
    expect(Math.abs(centre.y - film.height / 2)).toBeLessThanOrEqual(1);
  });

  test('maps the corners of an unmirrored crop straight back', () => {
    const film = drawFilm(300, 200, 200, 70, 'left');
    const { geometry: g } = normaliseMammogram(film.grey, film.width, film.height);
    const topLeft = viewToWorking(g, size, 0, toModel(g.canvas, g.padTop));
    expectPoint(topLeft, { x: 0, y: g.crop.top });
    expect(Math.abs(topLeft.y - film.box.top)).toBeLessThanOrEqual(1);
    const bottomRight = viewToWorking(g, size, toModel(g.canvas, g.crop.width), toModel(g.canvas, g.padTop + g.crop.height));
    expect(Math.abs(bottomRight.x - (film.box.right + 1))).toBeLessThanOrEqual(1);
    expect(Math.abs(bottomRight.y - (film.box.bottom + 1))).toBeLessThanOrEqual(1);
  });
});

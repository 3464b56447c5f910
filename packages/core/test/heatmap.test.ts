import { describe, expect, test } from 'vitest';
import type { DecodedImage } from '../src/decoded-image.js';
import { buildHeatmap } from '../src/heatmap.js';
import type { ViewGeometry } from '../src/mammogram-view.js';
import { viewToWorking } from '../src/mammogram-view.js';

const statistics = { brightness: 0, contrast: 0, meanIntensity: 0, stdIntensity: 0 };
const image = (width: number, height: number, view?: ViewGeometry): DecodedImage => ({
  format: 'PNG',
  width,
  height,
  rgb: new Uint8Array(0),
  inputChecks: [],
  statistics,
  ...(view ? { view } : {}),
});
const stretch = { calibration: { method: 'none' as const, extra: {} }, input: { preprocessing: 'stretch' as const } };
const platt = { method: 'platt' as const, a: 2, b: -1, extra: {} };

/** The map's own definition of a cell centre, from grid_to_image. */
const centre = (h: ReturnType<typeof buildHeatmap>, c: number, r: number) => ({
  x: h.gridToImage.offsetX + h.gridToImage.scaleX * (c + 0.5),
  y: h.gridToImage.offsetY + h.gridToImage.scaleY * (r + 0.5),
});

describe('buildHeatmap', () => {
  test('with stretch, the grid covers the whole image', () => {
    const values = Float32Array.from([0, 0, 0, 3, 0, 0]);
    const h = buildHeatmap({ width: 3, height: 2, values }, image(300, 100), stretch as never);
    expect(h.gridToImage).toEqual({ scaleX: 100, offsetX: 0, scaleY: 50, offsetY: 0 });
    expect(h.peak).toMatchObject({ column: 0, row: 1, x: 50, y: 75 });
    expect(h.values[3]).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
  });

  test('applies the Platt calibration to each cell', () => {
    const h = buildHeatmap({ width: 1, height: 1, values: Float32Array.from([0.75]) }, image(10, 10), {
      ...stretch,
      calibration: platt,
    } as never);
    expect(h.values[0]).toBeCloseTo(1 / (1 + Math.exp(-(2 * 0.75 - 1))), 6);
  });

  test.each([false, true])('with mammogram preprocessing (flipped: %s), cell centres agree with viewToWorking', (flipped) => {
    // A 2000x1000 image shrunk to a 1024x512 working image, cropped and padded onto a 400 canvas.
    const view: ViewGeometry = {
      inverted: false,
      flipped,
      crop: { left: 30, top: 60, width: 400, height: 300 },
      canvas: 400,
      padTop: 50,
      workWidth: 1024,
      workHeight: 512,
    };
    const h = buildHeatmap({ width: 8, height: 8, values: new Float32Array(64) }, image(2000, 1000, view), {
      calibration: platt,
      input: { preprocessing: 'mammogram' },
    } as never);
    const size = 64; // the model input side; a cell is 8 input pixels
    for (const [c, r] of [
      [0, 0],
      [3, 5],
      [7, 7],
    ] as const) {
      const working = viewToWorking(view, size, (c + 0.5) * 8, (r + 0.5) * 8);
      const expected = { x: (working.x * 2000) / 1024, y: (working.y * 1000) / 512 };
      const got = centre(h, c, r);
      expect(got.x).toBeCloseTo(expected.x, 6);
      expect(got.y).toBeCloseTo(expected.y, 6);
    }
  });

  test('the peak skips cells whose centre is off the image (canvas padding)', () => {
    // A wide crop on a square canvas: the top and bottom rows of the grid are padding.
    const view: ViewGeometry = {
      inverted: false,
      flipped: false,
      crop: { left: 0, top: 0, width: 400, height: 100 },
      canvas: 400,
      padTop: 150,
      workWidth: 400,
      workHeight: 100,
    };
    const values = new Float32Array(16);
    values[0] = 9; // row 0: padding
    values[9] = 1; // row 2: on the image
    const h = buildHeatmap({ width: 4, height: 4, values }, image(400, 100, view), {
      calibration: { method: 'none', extra: {} },
      input: { preprocessing: 'mammogram' },
    } as never);
    expect(h.peak).toMatchObject({ column: 1, row: 2 });
    expect(h.peak.y).toBeGreaterThanOrEqual(0);
    expect(h.peak.y).toBeLessThanOrEqual(100);
  });
});

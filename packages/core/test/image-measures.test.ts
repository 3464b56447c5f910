// The input check's measures (issue 20) on pixels: the grey-level spread and the colourfulness.
import { describe, expect, test } from 'vitest';
import { colourfulnessOf, greyRange } from '../src/image-measures.js';

describe('the measures', () => {
  test('greyRange is the spread from the 1st to the 99th percentile, blind to a few outliers', () => {
    expect(greyRange(new Uint8Array(1000).fill(77))).toBe(0);
    const ramp = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(greyRange(ramp)).toBe(252 - 2);
    // 0.5 % white specks on black: under the 99th percentile, so still blank.
    const specks = new Uint8Array(1000);
    specks.fill(255, 0, 5);
    expect(greyRange(specks)).toBe(0);
    expect(greyRange(new Uint8Array(0))).toBe(0);
  });

  test('colourfulness is 0 for grey, and follows Hasler and Süsstrunk for colour', () => {
    const grey = new Uint8Array(300).map((_, i) => i % 256);
    for (let i = 0; i < grey.length; i += 3) grey.fill(grey[i]!, i, i + 3);
    expect(colourfulnessOf(grey)).toBe(0);
    // Pure red: rg = 255, yb = 127.5, no spread: 0.3 * sqrt(255^2 + 127.5^2).
    const red = new Uint8Array(30).map((_, i) => (i % 3 === 0 ? 255 : 0));
    expect(colourfulnessOf(red)).toBeCloseTo(0.3 * Math.hypot(255, 127.5), 6);
    // Half red, half green: mean rg 0, yb 127.5; rg spread 255.
    const halves = new Uint8Array(60).map((_, i) => (Math.floor(i / 3) % 2 === 0 ? (i % 3 === 0 ? 255 : 0) : i % 3 === 1 ? 255 : 0));
    expect(colourfulnessOf(halves)).toBeCloseTo(255 + 0.3 * 127.5, 6);
  });
});

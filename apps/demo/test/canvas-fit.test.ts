import { describe, expect, test } from 'vitest';
import { fitCanvas, imageToCanvas } from '../src/canvas-fit.js';

describe('fitCanvas', () => {
  test('keeps an image that fits as it is', () => {
    expect(fitCanvas({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  test('scales the long side down to 1024 and keeps the aspect', () => {
    expect(fitCanvas({ width: 4096, height: 3072 })).toEqual({ width: 1024, height: 768 });
    expect(fitCanvas({ width: 1000, height: 5000 })).toEqual({ width: 205, height: 1024 });
  });

  test('scales a small image up so that the long side is 512', () => {
    expect(fitCanvas({ width: 96, height: 128 })).toEqual({ width: 384, height: 512 });
  });

  test('never gives a side of zero', () => {
    expect(fitCanvas({ width: 100_000, height: 1 })).toEqual({ width: 1024, height: 1 });
  });
});

test('imageToCanvas scales a point of the image onto the canvas', () => {
  expect(imageToCanvas({ x: 1024, y: 512 }, { width: 2048, height: 1024 }, { width: 1024, height: 512 })).toEqual({ x: 512, y: 256 });
});

import { expect, test } from 'vitest';
import { writeInputTensor } from '../src/input-tensor.js';

const rgb = new Uint8Array([255, 0, 51, 0, 255, 102]); // 2x1 image

test('writes NCHW planes scaled to [0, 1]', () => {
  const out = new Float32Array(6);
  writeInputTensor(rgb, { width: 2, height: 1, channels: 3, layout: 'NCHW' }, out);
  expect([...out]).toEqual([1, 0, 0, 1, 0.2, 0.4].map(Math.fround));
});

test('writes NHWC interleaved scaled to [0, 1]', () => {
  const out = new Float32Array(6);
  writeInputTensor(rgb, { width: 2, height: 1, channels: 3, layout: 'NHWC' }, out);
  expect([...out]).toEqual([1, 0, 0.2, 0, 1, 0.4].map(Math.fround));
});

test('writes one luma plane for greyscale models, at an offset for batching', () => {
  const out = new Float32Array(4);
  writeInputTensor(rgb, { width: 2, height: 1, channels: 1, layout: 'NCHW' }, out, 2);
  expect(out[0]).toBe(0);
  expect(out[2]).toBeCloseTo((0.299 * 255 + 0.114 * 51) / 255, 6);
  expect(out[3]).toBeCloseTo((0.587 * 255 + 0.114 * 102) / 255, 6);
});

test('refuses pixels of the wrong size', () => {
  expect(() => writeInputTensor(rgb, { width: 3, height: 1, channels: 3, layout: 'NCHW' }, new Float32Array(9))).toThrow(RangeError);
});

import type { OverlayCaptureInput } from '../../src/results/overlay-capture.js';
import { algorithm, identity, images } from './sample-analysis.js';

/** An odd-sized RGB overlay of the first sample image (odd, so its pixel data needs padding). */
export function sampleOverlay(overrides: Partial<OverlayCaptureInput> = {}): OverlayCaptureInput {
  const [first] = images;
  if (!first) throw new Error('the sample analysis has no images');
  const width = 33;
  const height = 21;
  return {
    identity,
    source: { ...first.source, laterality: first.laterality, view: 'CC' },
    pixels: { data: new Uint8Array(width * height * 3).map((_, i) => i % 251), width, height },
    uids: { series: '2.25.21', instance: '2.25.22' },
    instanceNumber: 1,
    algorithm,
    contentDate: new Date(Date.UTC(2024, 0, 2, 10, 30, 15, 250)),
    ...overrides,
  };
}

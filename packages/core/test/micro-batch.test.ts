// A batch runs through the model in passes of at most `batchSize` images (activation memory
// follows the pass, not the batch), and a request that is abandoned stops using the model.

import { defaultModelDir } from '@bcd-api/default-model';
import { fakeWorker, fixture, scoreMapModelDir, tinyModelDir } from '@bcd-api/test-kit';
import { afterEach, describe, expect, test } from 'vitest';
import { type Classifier, createClassifier, type Prediction } from '../dist/index.js';

const NAMES = [
  'breast-grey.png',
  'breast.jpg',
  'breast.webp',
  'breast-16bit.png',
  'breast-rgba.png',
  'breast.tiff',
  'breast-exif-rotated.jpg',
];

const open: Classifier[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function classifier(modelDir: string, options: Parameters<typeof createClassifier>[0] extends infer O ? Partial<O> : never = {}) {
  const created = await createClassifier({ modelDir, workers: 2, ...options });
  open.push(created);
  return created;
}

/** The largest difference between two runs' raw scores and score-map cells. */
function largestDifference(a: Prediction[], b: Prediction[]): number {
  expect(a).toHaveLength(b.length);
  let largest = 0;
  a.forEach((p, i) => {
    const q = b[i]!;
    largest = Math.max(largest, Math.abs(p.rawScore - q.rawScore), Math.abs(p.malignantProbability - q.malignantProbability));
    expect(p.scoreMap?.values.length).toBe(q.scoreMap?.values.length);
    for (const [k, v] of p.scoreMap?.values.entries() ?? []) largest = Math.max(largest, Math.abs(v - q.scoreMap!.values[k]!));
  });
  return largest;
}

describe('micro-batches', () => {
  test.each([
    ['the default model (MobileNet, score map)', defaultModelDir],
    ['the tiny score-map model', scoreMapModelDir],
    ['the tiny model', tinyModelDir],
  ])('%s: passes of 1, 2 and 3 images give what one pass of 7 gives, to 1e-6', async (_, modelDir) => {
    const whole = await classifier(modelDir, { batchSize: 10 });
    const images = await Promise.all(NAMES.map((name) => whole.decode(fixture(name), name)));
    const reference = await whole.classify(images);
    expect(reference).toHaveLength(7);
    for (const batchSize of [1, 2, 3]) {
      const split = await classifier(modelDir, { batchSize });
      const predictions = await split.classify(images);
      expect(predictions.map((p) => p.label)).toEqual(reference.map((p) => p.label));
      expect(largestDifference(predictions, reference), `batchSize ${batchSize}`).toBeLessThanOrEqual(1e-6);
    }
  });

  test('an aborted classification drops its passes that have not started, and rejects with the reason', async () => {
    const counting = fakeWorker('counting-slow');
    const slow = await classifier(tinyModelDir, { workers: 1, batchSize: 1, engine: { workerUrl: counting } });
    const image = await slow.decode(fixture('breast-grey.png'));
    const controller = new AbortController();
    const abandoned = slow.classify([image, image, image, image, image], { signal: controller.signal });
    // The first pass is on the worker now; the other four wait in the queue.
    const reason = new Error('past its deadline');
    controller.abort(reason);
    await expect(abandoned).rejects.toBe(reason);
    // Each image's score is the number of passes the worker ran before it: the warm-up pass at
    // load, the pass that was running when the signal aborted, and none of the four that waited.
    const [next] = await slow.classify([image]);
    expect(next!.rawScore).toBe(2);
  });

  test('an already aborted signal runs nothing', async () => {
    const counting = fakeWorker('counting-slow');
    const slow = await classifier(tinyModelDir, { workers: 1, batchSize: 1, engine: { workerUrl: counting } });
    const image = await slow.decode(fixture('breast-grey.png'));
    await expect(slow.classify([image], { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    // Only the warm-up pass at load ran before this one.
    const [first] = await slow.classify([image]);
    expect(first!.rawScore).toBe(1);
  });
});

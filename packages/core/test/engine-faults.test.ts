// Faults in inference workers: a crash or a hang fails only the run it held, with a typed
// error and no hang; the worker is replaced and later runs succeed. Runs are dispatched in
// call order (classify hands its batch to the engine synchronously), so with one worker
// each test knows exactly which run lands on which worker and which must fail.

import { faultyWorker, fixture, tinyModelDir, type WorkerFault } from '@bcd-api/test-kit';
import { afterEach, expect, test } from 'vitest';
import { type Classifier, createClassifier, type DecodedImage } from '../dist/index.js';

let classifier: Classifier | undefined;
afterEach(async () => {
  await classifier?.close();
  classifier = undefined;
});

// The core's own built worker, with a fault injected by the test kit.
const onnxWorker = new URL('../dist/engines/onnx-worker.js', import.meta.url);
const worker = (fault: WorkerFault) => faultyWorker(fault, onnxWorker);

/** What the tiny model must say for an image: p = sigmoid(10 * (mean pixel - 0.5)). */
function expectedProbability(image: DecodedImage): number {
  const mean = image.rgb.reduce((sum, v) => sum + v, 0) / image.rgb.length / 255;
  return 1 / (1 + Math.exp(-10 * (mean - 0.5)));
}

const workerFailed = (exitCode: number) => ({
  name: 'CoreError',
  code: 'WORKER_FAILED',
  message: 'the inference worker stopped while running this request.',
  cause: expect.objectContaining({ message: `worker exited with code ${exitCode}` }),
});

test('a worker that crashes fails exactly the run it held, and its replacement serves the next runs', async () => {
  classifier = await createClassifier({ modelDir: tinyModelDir, workers: 1, engine: { workerUrl: worker('crash-every-third') } });
  const image = await classifier.decode(fixture('breast-grey.png'));
  const p = expectedProbability(image);
  const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => classifier!.classify([image])));
  // The warm-up pass at load was the first worker's run 1, so request 1 is its run 3 and
  // kills it; each replacement then serves two requests and dies on its third.
  outcomes.forEach((outcome, i) => {
    if (i % 3 === 1) {
      expect(outcome, `request ${i}`).toMatchObject({ status: 'rejected', reason: workerFailed(70) });
    } else {
      expect(outcome, `request ${i}`).toMatchObject({ status: 'fulfilled', value: [{ malignantProbability: expect.closeTo(p, 5) }] });
    }
  });
  // Request 29 was the last replacement's run 1; its run 2 succeeds, with no retry.
  const [later] = await classifier.classify([image]);
  expect(later!.malignantProbability).toBeCloseTo(p, 5);
});

test('under load with two workers, a crash fails only the crashing worker’s runs', async () => {
  classifier = await createClassifier({ modelDir: tinyModelDir, workers: 2, engine: { workerUrl: worker('crash-every-third') } });
  const image = await classifier.decode(fixture('breast-grey.png'));
  const p = expectedProbability(image);
  const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => classifier!.classify([image])));
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  const served = outcomes.filter((o) => o.status === 'fulfilled');
  for (const f of failed) expect(f.reason).toMatchObject(workerFailed(70));
  for (const s of served) expect(s.value[0]!.malignantProbability).toBeCloseTo(p, 5);
  // 31 runs (30 + the warm-up) over worker instances that each die on their third run: k
  // crashed instances took 3k runs, the two alive at the end took 0 to 2 each, so
  // 31 - 3k is in [0, 4] and k is 9 or 10. More failures means a crash took a run that
  // was not its own; fewer means a crash went unreported.
  expect([9, 10]).toContain(failed.length);
  expect(served.length).toBe(30 - failed.length);
});

test('a hung worker is terminated after the job timeout, its run fails, and the replacement serves', async () => {
  classifier = await createClassifier({
    modelDir: tinyModelDir,
    workers: 1,
    engine: { workerUrl: worker('hang-on-second'), jobTimeoutMs: 500 },
  });
  const image = await classifier.decode(fixture('breast-grey.png'));
  // The warm-up pass at load was run 1; this is run 2, which hangs. That it rejects at all
  // is the proof of the timeout: without it the run never settles and the test times out.
  // Worker#terminate() ends the thread with exit code 1.
  await expect(classifier.classify([image])).rejects.toMatchObject(workerFailed(1));
  // The replacement worker counts afresh: its first run is the next one, which succeeds.
  const [later] = await classifier.classify([image]);
  expect(later!.malignantProbability).toBeCloseTo(expectedProbability(image), 5);
});

test('runs beyond the queue bound are refused at once with OVERLOADED', async () => {
  classifier = await createClassifier({ modelDir: tinyModelDir, workers: 1, engine: { maxQueue: 2 } });
  const image = await classifier.decode(fixture('breast-grey.png'));
  const settledOrder: number[] = [];
  const outcomes = await Promise.allSettled(
    Array.from({ length: 12 }, (_, i) => classifier!.classify([image]).finally(() => settledOrder.push(i))),
  );
  // Run 0 goes straight to the idle worker, runs 1 and 2 fill the queue, the other nine are refused.
  outcomes.forEach((outcome, i) => {
    if (i < 3) expect(outcome.status, `run ${i}`).toBe('fulfilled');
    else {
      expect(outcome, `run ${i}`).toMatchObject({
        status: 'rejected',
        reason: { name: 'CoreError', code: 'OVERLOADED', message: 'the inference queue is full (2 runs waiting).' },
      });
    }
  });
  // "At once": every refusal settles before the worker has answered any accepted run.
  expect(settledOrder.slice(0, 9)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  expect(settledOrder.slice(9)).toEqual([0, 1, 2]);
});

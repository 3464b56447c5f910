// Faults in inference workers: a crash or a hang fails only the run it held, with a typed
// error and no hang; the worker is replaced and later runs succeed.
import { afterEach, expect, test } from 'vitest';
import { createClassifier, type Classifier } from '../dist/index.js';
import { fixture, tinyModelDir } from './helpers.js';

let classifier: Classifier | undefined;
afterEach(async () => {
  await classifier?.close();
  classifier = undefined;
});

const worker = (name: string) => new URL(`./fixtures/workers/${name}`, import.meta.url);

test('a worker that crashes under load fails only its own runs, and is replaced', async () => {
  classifier = await createClassifier({ modelDir: tinyModelDir, workers: 2, engine: { workerUrl: worker('crash-every-third.mjs') } });
  const image = await classifier.decode(fixture('breast-grey.png'));
  const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => classifier!.classify([image])));
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.length).toBeLessThan(outcomes.length);
  for (const f of failed) expect(f.reason).toMatchObject({ name: 'CoreError', code: 'WORKER_FAILED' });
  // After the crashes, the pool still answers.
  const later = await classifier.classify([image]).catch(() => classifier!.classify([image]));
  expect(later[0]!.label).toBeDefined();
});

test('a hung worker is terminated after the job timeout and its run fails', async () => {
  classifier = await createClassifier({
    modelDir: tinyModelDir,
    workers: 1,
    engine: { workerUrl: worker('hang-on-second.mjs'), jobTimeoutMs: 500 },
  });
  const image = await classifier.decode(fixture('breast-grey.png'));
  // The warm-up pass at load was run 1; this is run 2, which hangs.
  const started = performance.now();
  await expect(classifier.classify([image])).rejects.toMatchObject({ code: 'WORKER_FAILED' });
  expect(performance.now() - started).toBeLessThan(5_000);
  // The replacement worker counts afresh: its first run is the next one, which succeeds.
  expect((await classifier.classify([image]))[0]!.label).toBeDefined();
});

test('runs beyond the queue bound are refused at once with OVERLOADED', async () => {
  classifier = await createClassifier({ modelDir: tinyModelDir, workers: 1, engine: { maxQueue: 2 } });
  const image = await classifier.decode(fixture('breast-grey.png'));
  const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => classifier!.classify([image])));
  const refused = outcomes.filter((o) => o.status === 'rejected');
  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'OVERLOADED' });
});

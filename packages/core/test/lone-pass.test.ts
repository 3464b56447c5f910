// A forward pass may use every core only when it runs alone (inferencePlan's soloThreads, issue
// 24): the pool hands it over `alone` when no other pass runs or waits, and the classifier says
// when it has other work on the same cores. The fake worker answers 1 for a pass handed over
// alone and 0 otherwise.
import { fakeWorker, fixture, tinyModelDir } from '@bcd-api/test-kit';
import { afterEach, describe, expect, test } from 'vitest';
import { type Classifier, type ClassifierOptions, createClassifier } from '../dist/index.js';

const open: Classifier[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
async function classifier(options: Partial<ClassifierOptions> = {}): Promise<Classifier> {
  const created = await createClassifier({
    modelDir: tinyModelDir,
    workers: 2,
    ...options,
    engine: { workerUrl: fakeWorker('reports-alone'), ...options.engine },
  });
  open.push(created);
  return created;
}
const aloneOf = async (pending: ReturnType<Classifier['classify']>) => (await pending).map((p) => p.rawScore);

describe('a lone pass', () => {
  test('is handed over alone when nothing else runs', async () => {
    const c = await classifier();
    const image = await c.decode(fixture('breast-grey.png'));
    expect(await aloneOf(c.classify([image]))).toEqual([1]);
  });

  test('is not alone while a decode of the same classifier is in progress', async () => {
    const c = await classifier();
    const image = await c.decode(fixture('breast-grey.png'));
    const decoding = c.decode(fixture('breast-16bit.png'));
    expect(await aloneOf(c.classify([image]))).toEqual([0]);
    await decoding;
    expect(await aloneOf(c.classify([image]))).toEqual([1]);
  });

  test('is not alone when it is one of the passes of a batch, the first included', async () => {
    const c = await classifier({ batchSize: 1 });
    const image = await c.decode(fixture('breast-grey.png'));
    expect(await aloneOf(c.classify([image, image, image]))).toEqual([0, 0, 0]);
  });

  test('is not alone while the caller says it is busy elsewhere', async () => {
    let busy = true;
    const c = await classifier({ engine: { busyElsewhere: () => busy } });
    const image = await c.decode(fixture('breast-grey.png'));
    expect(await aloneOf(c.classify([image]))).toEqual([0]);
    busy = false;
    expect(await aloneOf(c.classify([image]))).toEqual([1]);
  });
});

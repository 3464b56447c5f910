// Runs the built package: the ONNX worker is a separate file that only exists in dist/.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, gatedModelDir, scoreMapModelDir, tinyModelDir } from '@bcd-api/test-kit';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { type Classifier, createClassifier, type DecodedImage } from '../dist/index.js';

describe('a classifier over the tiny model', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createClassifier({ modelDir: tinyModelDir, workers: 2 });
  });
  afterAll(() => classifier.close());

  test('computes the exact probability the model defines', async () => {
    const image = await classifier.decode(fixture('breast-grey.png'), 'breast.png');
    const [prediction] = await classifier.classify([image]);
    const mean = image.rgb.reduce((sum, v) => sum + v, 0) / image.rgb.length / 255;
    const expected = 1 / (1 + Math.exp(-10 * (mean - 0.5)));
    expect(prediction!.malignantProbability).toBeCloseTo(expected, 5);
    expect(prediction!.label).toBe(expected >= 0.5 ? 'Malignant' : 'Benign');
    expect(prediction!.percentages.benign + prediction!.percentages.malignant).toBeCloseTo(100, 10);
  });

  test('classifies a batch in order, the same as one by one', async () => {
    const names = ['breast-grey.png', 'breast.jpg', 'breast.webp', 'breast-16bit.png'];
    const images = await Promise.all(names.map((n) => classifier.decode(fixture(n), n)));
    const batch = await classifier.classify(images);
    const single = await Promise.all(images.map(async (i) => (await classifier.classify([i]))[0]!));
    expect(batch.map((p) => p.malignantProbability)).toEqual(single.map((p) => p.malignantProbability));
  });

  test('serves a card with the SHA-256 of the weights', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256')
      .update(await readFile(join(tinyModelDir, 'model.onnx')))
      .digest('hex');
    expect(classifier.card.sha256).toBe(sha);
    expect(classifier.card.input).toEqual({
      width: 32,
      height: 32,
      channels: 3,
      layout: 'NCHW',
      color: 'RGB',
      scaling: '[0,1]',
      preprocessing: 'stretch',
    });
    expect(classifier.card).not.toHaveProperty('scoreMap');
  });

  test('stretches images and gives no score map, as the manifest asks for neither', async () => {
    const image = await classifier.decode(fixture('breast-grey.png'));
    expect(image.view).toBeUndefined();
    expect((await classifier.classify([image]))[0]).not.toHaveProperty('scoreMap');
  });

  test('survives many concurrent requests on two workers', async () => {
    const image = await classifier.decode(fixture('breast.jpg'));
    const results = await Promise.all(Array.from({ length: 40 }, () => classifier.classify([image])));
    expect(new Set(results.map((r) => r[0]!.malignantProbability)).size).toBe(1);
  });
});

describe('a classifier over a model with a score map', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createClassifier({ modelDir: scoreMapModelDir, workers: 1 });
  });
  afterAll(() => classifier.close());

  const mean = (values: Float32Array) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

  test('serves the score map and the preprocessing in its card, with the grid size read at load', () => {
    expectTypeOf(classifier.card.input.preprocessing).toEqualTypeOf<'stretch' | 'mammogram'>();
    expectTypeOf<NonNullable<Classifier['card']['scoreMap']>>().toHaveProperty('kind').toEqualTypeOf<'logit_grid'>();
    expectTypeOf<NonNullable<Classifier['card']['scoreMap']>>().toHaveProperty('width').toEqualTypeOf<number>();
    expect(classifier.card.scoreMap).toEqual({ name: 'score_map', kind: 'logit_grid', width: 4, height: 4 });
    expect(classifier.card.input).toEqual({
      width: 32,
      height: 32,
      channels: 1,
      layout: 'NCHW',
      color: 'GRAY',
      scaling: '[0,1]',
      preprocessing: 'mammogram',
    });
  });

  test('decodes with mammogram preprocessing and returns a 4x4 map whose mean is the raw logit', async () => {
    const image = await classifier.decode(fixture('breast-grey.png'), 'breast.png');
    expect(image.view).toBeDefined();
    const [prediction] = await classifier.classify([image]);
    const map = prediction!.scoreMap!;
    expect([map.width, map.height, map.values.length]).toEqual([4, 4, 16]);
    expect(Math.abs(mean(map.values) - prediction!.rawScore)).toBeLessThan(1e-5);
    // The map stays raw: the manifest's Platt calibration (a 0.5, b 0.25) applies to the image score only.
    expect(prediction!.malignantProbability).toBeCloseTo(sigmoid(0.5 * prediction!.rawScore + 0.25), 6);
  });

  test('lays the cells out row by row as raw logits', async () => {
    // White over the top 8 rows of the left 16 columns: the first two tiles of the first row.
    const rgb = new Uint8Array(32 * 32 * 3);
    for (let y = 0; y < 8; y++) rgb.fill(255, y * 32 * 3, (y * 32 + 16) * 3);
    const image: DecodedImage = {
      format: 'PNG',
      width: 32,
      height: 32,
      rgb,
      inputChecks: [],
      statistics: { brightness: 0, contrast: 0, meanIntensity: 0, stdIntensity: 0 },
    };
    const [prediction] = await classifier.classify([image]);
    const expected = Array.from({ length: 16 }, (_, i) => (i < 2 ? 5 : -5));
    for (const [i, v] of prediction!.scoreMap!.values.entries()) expect(v).toBeCloseTo(expected[i]!, 5);
    expect(prediction!.rawScore).toBeCloseTo(-3.75, 5);
  });

  test('gives each image of a batch its own map, the same as one by one', async () => {
    const names = ['breast-grey.png', 'breast.jpg'];
    const images = await Promise.all(names.map((n) => classifier.decode(fixture(n), n)));
    images[1]!.rgb.fill(200, 0, 32 * 16 * 3);
    const batch = await classifier.classify(images);
    const single = await Promise.all(images.map(async (i) => (await classifier.classify([i]))[0]!));
    expect(batch.map((p) => Array.from(p.scoreMap!.values))).toEqual(single.map((p) => Array.from(p.scoreMap!.values)));
    expect(batch[0]!.scoreMap!.values).not.toEqual(batch[1]!.scoreMap!.values);
  });
});

describe('a classifier over a model with a typicality check', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = await createClassifier({ modelDir: gatedModelDir, workers: 1 });
  });
  afterAll(() => classifier.close());

  test('reads the typicality output of the same forward pass, against the declared threshold', async () => {
    expect(classifier.card.typicality).toMatchObject({ output: 'typicality', threshold: 5 });
    const dark = new Uint8Array(32 * 32 * 3).fill(51); // mean pixel 0.2: typicality 2
    const bright = new Uint8Array(32 * 32 * 3).fill(204); // mean pixel 0.8: typicality 8
    const image = (rgb: Uint8Array): DecodedImage => ({
      format: 'PNG',
      width: 32,
      height: 32,
      rgb,
      statistics: { brightness: 0, contrast: 0, meanIntensity: 0, stdIntensity: 0 },
      inputChecks: [],
    });
    const [low, high] = await classifier.classify([image(dark), image(bright)]);
    expect(low!.typicality!.score).toBeCloseTo(2, 4);
    expect(low!.typicality).toMatchObject({ threshold: 5, passed: true });
    expect(high!.typicality!.score).toBeCloseTo(8, 4);
    expect(high!.typicality).toMatchObject({ threshold: 5, passed: false });
    // The verdict is the score-map model's own: the check adds an output, not a second pass.
    expect(high!.scoreMap).toBeDefined();
  });

  test('gives no typicality for a model that declares none', async () => {
    const plain = await createClassifier({ modelDir: scoreMapModelDir, workers: 1 });
    try {
      const [p] = await plain.classify([await plain.decode(fixture('breast-grey.png'))]);
      expect(p!.typicality).toBeUndefined();
      expect(plain.card.typicality).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('refusing broken model folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcd-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function folderWith(
    change: (manifest: Record<string, unknown>) => void,
    weights?: Uint8Array,
    source = tinyModelDir,
  ): Promise<string> {
    const target = await mkdtemp(join(dir, 'm-'));
    await cp(source, target, { recursive: true });
    const manifest = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    change(manifest);
    await writeFile(join(target, 'manifest.json'), JSON.stringify(manifest));
    if (weights) await writeFile(join(target, 'model.onnx'), weights);
    return target;
  }

  test.each<[string, (m: Record<string, unknown>) => void, RegExp]>([
    ['an unknown engine', (m) => (m.engine = 'pytorch'), /"engine" must be "onnx"/],
    [
      'a wrong input name',
      (m) => ((m.input as Record<string, unknown>).name = 'pixels'),
      /inputs \[input\].*manifest names input "pixels"/,
    ],
    ['a wrong input size', (m) => ((m.input as Record<string, unknown>).width = 64), /does not accept the input declared/],
    [
      'a two-value output kind for a one-value model',
      (m) => ((m.output as Record<string, unknown>).kind = 'logits'),
      /expects 2 per image/,
    ],
    ['swapped labels', (m) => (m.labels = ['Malignant', 'Benign']), /"labels" must be \["Benign", "Malignant"\]/],
    ['a gap in the risk table', (m) => (m.risk_levels = (m.risk_levels as unknown[]).slice(1)), /must cover \[0, 1\] exactly once/],
    ['no card', (m) => delete m.card, /"card" is required/],
    ['weights outside the folder', (m) => (m.weights = '../model.onnx'), /inside the model folder/],
  ])('refuses a manifest with %s', async (_, change, message) => {
    const target = await folderWith(change);
    await expect(createClassifier({ modelDir: target, workers: 1 })).rejects.toMatchObject({ name: 'CoreError', message });
  });

  test.each<[string, string, RegExp]>([
    [
      'names an output the graph lacks',
      'heatmap',
      /the manifest names input "input" and outputs "logit" and "heatmap"; it has no output "heatmap"/,
    ],
    [
      'names an output that is not a [N, 1, h, w] grid',
      'cells',
      /score map output "cells" has shape \[1, 16\] for 1 image\(s\); "output.score_map" expects \[1, 1, h, w\]/,
    ],
  ])('refuses a score map that %s, with INVALID_MODEL naming it', async (_, name, message) => {
    const target = await folderWith(
      (m) => ((m.output as { score_map: { name: string } }).score_map.name = name),
      undefined,
      scoreMapModelDir,
    );
    await expect(createClassifier({ modelDir: target, workers: 1 })).rejects.toMatchObject({
      name: 'CoreError',
      code: 'INVALID_MODEL',
      message,
    });
  });

  test.each<[string, string, RegExp]>([
    ['names an output the graph lacks', 'distance', /it has no output "distance"/],
    [
      'names an output that is not one value per image',
      'cells',
      /typicality output "cells" has shape \[1, 16\] for 1 image\(s\); "input_check.output" expects \[1\] or \[1, 1\]/,
    ],
  ])('refuses a typicality check that %s, with INVALID_MODEL naming it', async (_, name, message) => {
    const target = await folderWith((m) => ((m.input_check as { output: string }).output = name), undefined, gatedModelDir);
    await expect(createClassifier({ modelDir: target, workers: 1 })).rejects.toMatchObject({
      name: 'CoreError',
      code: 'INVALID_MODEL',
      message,
    });
  });

  test('refuses corrupt weights with INVALID_MODEL', async () => {
    const target = await folderWith(() => {}, new TextEncoder().encode('not an onnx file'));
    await expect(createClassifier({ modelDir: target, workers: 1 })).rejects.toMatchObject({ code: 'INVALID_MODEL' });
  });

  test('reports a missing folder as MODEL_UNAVAILABLE', async () => {
    await expect(createClassifier({ modelDir: join(dir, 'nowhere') })).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });

  test('refuses a manifest that is not JSON', async () => {
    const target = await folderWith(() => {});
    await writeFile(join(target, 'manifest.json'), '{ nope');
    await expect(createClassifier({ modelDir: target })).rejects.toMatchObject({ code: 'INVALID_MODEL', message: /not valid JSON/ });
  });
});

// The TensorFlow.js engine: a LayersModel made by the test itself, saved with the file
// handler, served like any model, and giving the same probabilities as the ONNX model with
// the same weights.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, tinyModelDir } from '@bcd-api/test-kit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Classifier, createClassifier } from '../dist/index.js';
import { writeTinyTfjsModel } from './tiny-tfjs-model.js';

let dir: string;
let tfjs: Classifier;
let onnx: Classifier;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bcd-tfjs-'));
  await writeTinyTfjsModel(join(dir, 'tiny'));
  tfjs = await createClassifier({ modelDir: join(dir, 'tiny'), workers: 2 });
  onnx = await createClassifier({ modelDir: tinyModelDir, workers: 1 });
}, 60_000);
afterAll(async () => {
  await tfjs?.close();
  await onnx?.close();
  await rm(dir, { recursive: true, force: true });
});

test('loads a LayersModel folder and reports the tfjs engine', () => {
  expect(tfjs.card.engine).toBe('tfjs');
  expect(tfjs.card.input.layout).toBe('NHWC');
});

test('reports the backend that ran the model: tfjs-node where its native binding loads, else WebAssembly', async () => {
  // The same probe the worker makes: tfjs-node is an optional peer whose native
  // binding is missing on many machines, and the engine must then say it fell back.
  // A name in a variable: tfjs-node is not installed here, and its types need not be either.
  const nodeBinding = '@tensorflow/tfjs-node';
  const nativeLoads = await import(nodeBinding).then(
    () => true,
    () => false,
  );
  expect(tfjs.backend).toBe(nativeLoads ? 'tfjs (tensorflow)' : 'tfjs (wasm)');
  expect(onnx.backend).toBe('onnxruntime-node (cpu)');
});

test('gives the same probabilities as the ONNX engine for the same weights', async () => {
  const names = ['breast-grey.png', 'breast.jpg', 'breast.webp', 'breast-16bit.png', 'breast-rgba.png'];
  const images = await Promise.all(names.map((n) => onnx.decode(fixture(n), n)));
  const fromOnnx = await onnx.classify(images);
  const fromTfjs = await tfjs.classify(images);
  fromTfjs.forEach((p, i) => {
    expect(p.malignantProbability).toBeCloseTo(fromOnnx[i]!.malignantProbability, 5);
    expect(p.rawScore).toBeCloseTo(fromOnnx[i]!.rawScore, 4);
  });
});

test('refuses a TF.js folder whose weight shard is missing', async () => {
  const broken = join(dir, 'no-weights');
  await writeTinyTfjsModel(broken);
  await rm(join(broken, 'weights.bin'));
  await expect(createClassifier({ modelDir: broken, workers: 1 })).rejects.toMatchObject({
    code: 'INVALID_MODEL',
    message: /TensorFlow\.js model cannot be loaded/,
  });
});

test('refuses a TF.js model whose input does not match the manifest', async () => {
  const broken = join(dir, 'wrong-size');
  await writeTinyTfjsModel(broken);
  const manifest = JSON.parse(await readFile(join(broken, 'manifest.json'), 'utf8'));
  manifest.input.width = 64;
  await writeFile(join(broken, 'manifest.json'), JSON.stringify(manifest));
  await expect(createClassifier({ modelDir: broken, workers: 1 })).rejects.toMatchObject({ code: 'INVALID_MODEL' });
});

test('refuses a model.json that is not a TF.js model', async () => {
  const broken = join(dir, 'not-tfjs');
  await writeTinyTfjsModel(broken);
  await writeFile(join(broken, 'model.json'), '{"hello": "world"}');
  await expect(createClassifier({ modelDir: broken, workers: 1 })).rejects.toMatchObject({
    message: /no modelTopology or weightsManifest/,
  });
});

// A TensorFlow.js model brought by a user: built in TF.js by this test, saved with the
// core's file handler, given a manifest, and served through the same endpoints.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSaveHandler } from '@bcd-api/core';
import { call, fixture, form, tinyModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bcd-tfjs-server-'));
  // A small CNN in NHWC, as Keras models are, with seeded random weights.
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [32, 32, 3],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  await model.save(fileSaveHandler(dir));
  const manifest = JSON.parse(await readFile(join(tinyModelDir, 'manifest.json'), 'utf8'));
  Object.assign(manifest, {
    name: 'user-keras-style-model',
    engine: 'tfjs',
    weights: 'model.json',
    input: { ...manifest.input, layout: 'NHWC' },
    output: { name: 'output', kind: 'softmax_probabilities' },
  });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  server = await startTestServer({ MODEL_DIR: dir });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('serves health, card, predictions and batches from a TF.js LayersModel folder', async () => {
  expect((await call(server.url, 'GET', '/health')).body.model_status).toBe('loaded');
  const card = await call(server.url, 'GET', '/model');
  expect(card.body).toMatchObject({ name: 'user-keras-style-model', engine: 'tfjs' });
  const one = await call(server.url, 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
  expect(one.status).toBe(200);
  const batch = await call(server.url, 'POST', '/batch-predict', {
    body: form('files', [
      ['a.png', fixture('breast-grey.png')],
      ['b.pdf', fixture('not-an-image.pdf')],
      ['c.jpg', fixture('breast.jpg')],
    ]),
  });
  expect(batch.body).toMatchObject({ total_images: 3, successful: 2, failed: 1 });
  expect(batch.body.results[0].probabilities).toEqual(one.body.probabilities);
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyModelDir } from '@bcd-api/test-kit';
import * as tf from '@tensorflow/tfjs';
import { fileSaveHandler } from '../dist/index.js';

/**
 * Builds, in TensorFlow.js, the same function as the tiny ONNX fixture (logit = 10 * (mean
 * pixel - 0.5), input 32x32 RGB, here NHWC), saves it with the file handler and writes its
 * manifest: a complete model folder for the `tfjs` engine.
 */
export async function writeTinyTfjsModel(folder: string): Promise<void> {
  const input = tf.input({ shape: [32, 32, 3] });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 1, name: 'logit' });
  const model = tf.model({ inputs: input, outputs: dense.apply(pooled) as tf.SymbolicTensor });
  // Mean over channels of the per-channel means, times 10, minus 5.
  dense.setWeights([tf.tensor2d([[10 / 3], [10 / 3], [10 / 3]]), tf.tensor1d([-5])]);
  await model.save(fileSaveHandler(folder));
  const manifest = JSON.parse(await readFile(join(tinyModelDir, 'manifest.json'), 'utf8')) as Record<string, any>;
  manifest.name = 'tiny-tfjs-test-model';
  manifest.engine = 'tfjs';
  manifest.weights = 'model.json';
  manifest.input = { ...manifest.input, layout: 'NHWC' };
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

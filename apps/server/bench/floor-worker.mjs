// One stream of the floor (bench.mjs): a plain grey decode fitted to the model's square input,
// then inference on one ORT thread, image after image for `seconds`, in its own thread; posts
// back the images done and the time taken. bench.mjs runs one per usable core side by side, to
// measure what the floor's "x cores" assumes.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';

const { weights, inputName, side, images, seconds } = workerData;
sharp.cache(false);
sharp.concurrency(1);
const session = await ort.InferenceSession.create(weights, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
});

/** The floor's work on one image. */
async function plain(bytes) {
  const grey = await sharp(bytes).resize(side, side, { fit: 'contain', background: '#000' }).toColourspace('b-w').raw().toBuffer();
  const input = new Float32Array(side * side);
  for (let i = 0; i < input.length; i++) input[i] = grey[i] / 255;
  await session.run({ [inputName]: new ort.Tensor('float32', input, [1, 1, side, side]) });
}

await plain(images[0]);
// All streams start together, so that each one's images are done while the others run.
parentPort.postMessage({ ready: true });
await new Promise((resolve) => parentPort.once('message', resolve));
let done = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) await plain(images[done++ % images.length]);
parentPort.postMessage({ done, ms: performance.now() - t0 });
await session.release();

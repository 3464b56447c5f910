// The floor's work on one image (issue 24), shared by bench.mjs and floor-worker.mjs: a plain
// grey decode fitted into the model's input (libvips), scaled to [0, 1] and handed to ORT. For a
// model that wants three channels the grey plane is repeated, which is what a grey film decoded
// as RGB gives; no preprocessing of ours, no worker, no HTTP.
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';

/** One ORT session on one thread, as the floor assumes. */
export function floorSession(weights) {
  return ort.InferenceSession.create(weights, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}

/**
 * Sets up a worker thread as the floor assumes (libvips: no cache, one thread) and opens its
 * session; `plain` is floorRunner's. For floor-worker.mjs and floor-server.mjs.
 */
export async function floorThread(weights, input) {
  sharp.cache(false);
  sharp.concurrency(1);
  const session = await floorSession(weights);
  return { session, plain: floorRunner(session, input) };
}

/**
 * Returns `plain(bytes)`, which decodes and runs one image and resolves to [decode ms, inference ms].
 * `input` is the manifest's input block (`readManifest`'s, validated).
 */
export function floorRunner(session, input) {
  const { name, width, height, channels } = input;
  const nhwc = input.layout === 'NHWC';
  const pixels = width * height;
  const dims = nhwc ? [1, height, width, channels] : [1, channels, height, width];
  return async (bytes) => {
    const t0 = performance.now();
    const grey = await sharp(bytes).resize(width, height, { fit: 'contain', background: '#000' }).toColourspace('b-w').raw().toBuffer();
    const tensor = new Float32Array(pixels * channels);
    if (channels === 1) {
      for (let p = 0; p < pixels; p++) tensor[p] = grey[p] / 255;
    } else if (nhwc) {
      for (let p = 0; p < pixels; p++) tensor.fill(grey[p] / 255, p * channels, (p + 1) * channels);
    } else {
      for (let p = 0; p < pixels; p++) tensor[p] = grey[p] / 255;
      for (let c = 1; c < channels; c++) tensor.copyWithin(c * pixels, 0, pixels);
    }
    const t1 = performance.now();
    await session.run({ [name]: new ort.Tensor('float32', tensor, dims) });
    return [t1 - t0, performance.now() - t1];
  };
}

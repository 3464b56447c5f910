// One stream of the floor (bench.mjs, floor.mjs): image after image for `seconds`, in its own
// thread; posts back the images done and the time taken. bench.mjs runs one per usable core side
// by side, to measure what the floor's "x cores" assumes.
import { parentPort, workerData } from 'node:worker_threads';
import { floorThread } from './floor.mjs';

const { weights, input, images, seconds } = workerData;
const { session, plain } = await floorThread(weights, input);

await plain(images[0]);
// All streams start together, so that each one's images are done while the others run.
parentPort.postMessage({ ready: true });
await new Promise((resolve) => parentPort.once('message', resolve));
let done = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) await plain(images[done++ % images.length]);
parentPort.postMessage({ done, ms: performance.now() - t0 });
await session.release();

// The floor behind HTTP (issue 24), for bench.mjs: the floor's own work on each upload (floor.mjs:
// a plain grey decode and inference on one thread), one worker thread per usable core, behind the
// least HTTP a server can have (node:http, the one file part sliced out of the multipart body).
// What it reaches over loopback, driven as the real server is, says how much of the gap between
// the server and the floor is HTTP and how much is the server's own compute. Not a server to use:
// it checks nothing. Logs the lines the test kit's spawnServerProcess waits for.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { floorThread } from './floor.mjs';

if (isMainThread) {
  const { readManifest, usableCores } = await import('@bcd-api/core');
  const modelDir = process.env.MODEL_DIR || (await import('@bcd-api/default-model')).defaultModelDir;
  const manifest = await readManifest(modelDir);
  const data = { weights: join(modelDir, manifest.weights), input: manifest.input };
  const workers = await Promise.all(
    Array.from({ length: usableCores() }, async () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: data });
      await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
      const pending = new Map();
      worker.on('message', ({ id, ms }) => {
        pending.get(id)(ms);
        pending.delete(id);
      });
      return { worker, pending };
    }),
  );
  let nextId = 0;
  const run = (bytes) => {
    // The least loaded thread takes the image.
    const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    return new Promise((resolve) => {
      target.pending.set(id, resolve);
      target.worker.postMessage({ id, bytes }, [bytes.buffer]);
    });
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ready');
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const bytes = new Uint8Array(body.subarray(body.indexOf('\r\n\r\n') + 4, body.lastIndexOf('\r\n--')));
      const [decodeMs, inferenceMs] = await run(bytes);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ decodeMs, inferenceMs }));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const { port } = server.address();
    const log = (msg, fields = {}) => process.stdout.write(`${JSON.stringify({ level: 'info', msg, ...fields })}\n`);
    log('listening', { url: `http://127.0.0.1:${port}` });
    log('model loaded');
  });
  process.once('SIGTERM', () => process.exit(0));
} else {
  const { plain } = await floorThread(workerData.weights, workerData.input);
  parentPort.postMessage('ready');
  parentPort.on('message', async ({ id, bytes }) => parentPort.postMessage({ id, ms: await plain(bytes) }));
}

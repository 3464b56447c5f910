import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { fakeWorker, faultyWorker, fixture, imagesDir, scoreMapModelDir, screeningModelDir, tinyModelDir } from '../src/index.js';

test('finds the committed images and the tiny models', () => {
  expect(fixture('breast-grey.png').subarray(1, 4).toString()).toBe('PNG');
  expect(existsSync(join(imagesDir, 'truncated.png'))).toBe(true);
  for (const dir of [tinyModelDir, scoreMapModelDir, screeningModelDir]) {
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'model.onnx'))).toBe(true);
  }
  expect(existsSync(fileURLToPath(fakeWorker('slow-fake')))).toBe(true);
});

test('a faulty worker runs the worker it is given first, then the fault: here, an exit on the third run', async () => {
  // A stand-in for the core's worker that answers each run at once, in its message handler.
  const answering = `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (id) => parentPort.postMessage(id));`;
  const worker = new Worker(faultyWorker('crash-every-third', new URL(`data:text/javascript,${encodeURIComponent(answering)}`)));
  const answers: unknown[] = [];
  worker.on('message', (m) => answers.push(m));
  const exitCode = new Promise((resolve) => worker.once('exit', resolve));
  await new Promise((resolve) => worker.once('message', resolve));
  for (const id of [1, 2, 3]) worker.postMessage(id);
  expect(await exitCode).toBe(70);
  // Run 3 was answered before the thread died: the given worker's handler ran first.
  expect(answers).toEqual([{ type: 'ready' }, 1, 2, 3]);
});

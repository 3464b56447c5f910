// The one worker pool of the core, on a small test worker: what inference and DICOM decoding
// rely on (order, replacement of a dead or hung thread, the queue bound, abort, close), each
// failure in the words its owner gave. The engines' and the DICOM decoder's own tests run it
// with the real workers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  createWorkerPool,
  type Outcome,
  type WorkerPool,
  type WorkerPoolOptions,
  type WorkerRestartReason,
} from '../../src/internal/worker-pool.js';

/** A job of the test worker: echo `value` after `delay` ms, or crash, or hang. */
interface Job {
  value?: number;
  delay?: number;
  crash?: boolean;
  hang?: boolean;
}
type Reply = { type: 'ready' } | { type: 'refuse'; why: string } | { id: number; value: number; thread: number; alone: boolean };

const WORKER = `
import { appendFileSync, readFileSync } from 'node:fs';
import { parentPort, threadId, workerData } from 'node:worker_threads';
const starts = workerData?.startsFile;
if (starts) appendFileSync(starts, 'x');
if (workerData?.dieAtStart) process.exit(3);
if (workerData?.refuse || (starts && readFileSync(starts, 'utf8').length > workerData.servingStarts)) {
  parentPort.postMessage({ type: 'refuse', why: 'no model here' });
} else {
  parentPort.postMessage({ type: 'ready' });
}
parentPort.on('message', (job) => {
  if (job.crash) process.exit(70);
  if (job.hang) for (;;);
  setTimeout(() => parentPort.postMessage({ id: job.id, value: job.value, thread: threadId, alone: job.alone }), job.delay ?? 0);
});
`;

/** What the test worker answers: the job's value, the thread that ran it, and whether the pool said it ran alone. */
type Result = { value: number; thread: number; alone: boolean };

class Refused extends Error {
  override readonly name = 'Refused';
}

let dir: string;
let script: URL;
let pool: WorkerPool<Job, Result> | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bcd-pool-'));
  await writeFile(join(dir, 'worker.mjs'), WORKER);
  script = pathToFileURL(join(dir, 'worker.mjs'));
});
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Errors that say which situation they stand for, so that a test can tell them apart. */
const errors = {
  closed: () => new Error('closed'),
  closing: (running: boolean) => new Error(running ? 'closing while running' : 'closing while waiting'),
  lost: (job: Job, cause: Error) => new Error(`lost job ${job.value}`, { cause }),
  startFailed: (cause: Error) => new Error('start failed', { cause }),
  overloaded: (max: number) => new Error(`overloaded at ${max}`),
  noWorkers: () => new Error('no workers'),
  unrestartable: () => new Error('unrestartable'),
};

/** The eager pools' handshake: `ready`, or the worker's refusal as an error. */
const handshake = (message: Reply): Outcome<void> | undefined =>
  'type' in message
    ? message.type === 'ready'
      ? { ok: true, value: undefined }
      : { ok: false, error: new Refused(message.type === 'refuse' ? message.why : 'unknown') }
    : undefined;

function createPool(options: Partial<WorkerPoolOptions<Job, Reply, Result>> = {}): WorkerPool<Job, Result> {
  pool = createWorkerPool<Job, Reply, Result>({
    script,
    size: 1,
    mode: 'eager',
    // A lazy pool here serves without a handshake, as the DICOM decoder does.
    ...(options.mode === 'lazy' ? {} : { handshake }),
    settle: (reply) =>
      'id' in reply
        ? { ok: true, value: { value: reply.value, thread: reply.thread, alone: reply.alone } }
        : { ok: false, error: new Error('no id') },
    errors,
    ...options,
  });
  return pool;
}

describe('an eager pool', () => {
  test('starts every thread before it resolves, and serves jobs in order on the first free thread', async () => {
    const pool = createPool({ size: 2 });
    await pool.start();
    const results = await Promise.all([1, 2, 3, 4].map((value) => pool.run({ value, delay: 50 })));
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4]);
    // Two threads, each taking one of the first two jobs and one of the next two.
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  });

  test('tells a thread that its job runs alone only when no other job is running or waiting', async () => {
    const pool = createPool({ size: 2 });
    await pool.start();
    expect(await pool.run({ value: 1 })).toMatchObject({ alone: true });
    // The first finds both threads idle; the second finds the first running; the third waits,
    // and starts when the first is done, while the second still runs.
    const [first, second, third] = await Promise.all([
      pool.run({ value: 2, delay: 20 }),
      pool.run({ value: 3, delay: 1_500 }),
      pool.run({ value: 4 }),
    ]);
    expect([first!.alone, second!.alone, third!.alone]).toEqual([true, false, false]);
    expect(await pool.run({ value: 5 })).toMatchObject({ alone: true });
  });

  test('does not call a job alone while its owner says it is busy elsewhere', async () => {
    let busy = true;
    const pool = createPool({ size: 2, busyElsewhere: () => busy });
    await pool.start();
    expect(await pool.run({ value: 1 })).toMatchObject({ alone: false });
    busy = false;
    expect(await pool.run({ value: 2 })).toMatchObject({ alone: true });
  });

  test("rejects its start with a thread's refusal, and stops the threads that did start", async () => {
    const pool = createPool({ size: 2, workerData: { refuse: true } });
    await expect(pool.start()).rejects.toMatchObject({ name: 'Refused', message: 'no model here' });
    await expect(pool.run({ value: 1 })).rejects.toThrow('closed');
  });

  test('rejects its start with startFailed when a thread stops before it is ready', async () => {
    const pool = createPool({ workerData: { dieAtStart: true } });
    await expect(pool.start()).rejects.toMatchObject({ message: 'start failed', cause: { message: 'worker exited with code 3' } });
  });

  test('fails only the job a crashed thread held, replaces the thread and says so', async () => {
    const restarts: WorkerRestartReason[] = [];
    const pool = createPool({ onRestart: (reason) => restarts.push(reason) });
    await pool.start();
    const outcomes = await Promise.allSettled([pool.run({ value: 1 }), pool.run({ value: 2, crash: true }), pool.run({ value: 3 })]);
    expect(outcomes).toMatchObject([
      { status: 'fulfilled', value: { value: 1 } },
      { status: 'rejected', reason: { message: 'lost job 2', cause: { message: 'worker exited with code 70' } } },
      { status: 'fulfilled', value: { value: 3 } },
    ]);
    expect(restarts).toEqual(['crashed']);
  });

  test('terminates a thread that holds a job past the timeout, as hung, and serves the next job on its replacement', async () => {
    const restarts: WorkerRestartReason[] = [];
    const pool = createPool({ jobTimeoutMs: 300, onRestart: (reason) => restarts.push(reason) });
    await pool.start();
    await expect(pool.run({ value: 1, hang: true })).rejects.toThrow('lost job 1');
    expect(restarts).toEqual(['hung']);
    await expect(pool.run({ value: 2 })).resolves.toMatchObject({ value: 2 });
  });

  test('fails the waiting jobs when a dead thread cannot be replaced, and refuses new ones', async () => {
    const startsFile = join(dir, 'starts');
    await writeFile(startsFile, '');
    const pool = createPool({ workerData: { startsFile, servingStarts: 1 } });
    await pool.start();
    const outcomes = await Promise.allSettled([pool.run({ value: 1, crash: true }), pool.run({ value: 2 })]);
    expect(outcomes).toMatchObject([
      { status: 'rejected', reason: { message: 'lost job 1' } },
      { status: 'rejected', reason: { message: 'unrestartable' } },
    ]);
    await expect(pool.run({ value: 3 })).rejects.toThrow('no workers');
  });

  test('refuses a job at once when the queue is full', async () => {
    const pool = createPool({ maxQueue: 1 });
    await pool.start();
    const first = pool.run({ value: 1, delay: 100 });
    const second = pool.run({ value: 2 });
    await expect(pool.run({ value: 3 })).rejects.toThrow('overloaded at 1');
    await expect(Promise.all([first, second])).resolves.toMatchObject([{ value: 1 }, { value: 2 }]);
  });

  test('drops a waiting job whose signal is aborted, with the signal’s reason, and lets a running one finish', async () => {
    const pool = createPool();
    await pool.start();
    const controller = new AbortController();
    const running = pool.run({ value: 1, delay: 100 }, { signal: controller.signal });
    const waiting = pool.run({ value: 2 }, { signal: controller.signal });
    controller.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    await expect(running).resolves.toMatchObject({ value: 1 });
    await expect(pool.run({ value: 3 }, { signal: controller.signal })).rejects.toThrow('client left');
  });

  test('close() rejects the running and the waiting jobs, each in its own words, and later runs', async () => {
    const pool = createPool();
    await pool.start();
    const running = expect(pool.run({ value: 1, delay: 1000 })).rejects.toThrow('closing while running');
    const waiting = expect(pool.run({ value: 2 })).rejects.toThrow('closing while waiting');
    await pool.close();
    await Promise.all([running, waiting]);
    await expect(pool.run({ value: 3 })).rejects.toThrow('closed');
  });
});

describe('a lazy pool', () => {
  test('starts no thread before a job, then at most its size', async () => {
    const pool = createPool({ mode: 'lazy', size: 2 });
    await pool.start();
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ value, delay: 30 })));
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
  });

  test('replaces a dead thread when a job waits for one', async () => {
    const pool = createPool({ mode: 'lazy' });
    const outcomes = await Promise.allSettled([pool.run({ value: 1, crash: true }), pool.run({ value: 2 })]);
    expect(outcomes).toMatchObject([
      { status: 'rejected', reason: { message: 'lost job 1' } },
      { status: 'fulfilled', value: { value: 2 } },
    ]);
  });
});

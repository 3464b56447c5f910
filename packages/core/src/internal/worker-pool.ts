// The one pool of worker threads in the core: inference (engines/create-engine.ts) and DICOM
// decoding (dicom/decode-pool.ts) both run on it. A job goes to the first free thread, or waits
// in order; a thread that dies or hangs fails only the job it held and is replaced; close()
// settles every job. What a job, a reply and a failure are is the owner's business: the pool
// asks it through `handshake`, `settle` and `errors`.
import { type TransferListItem, Worker } from 'node:worker_threads';
import { castToError } from '@bcd-api/contract';

/** Why a thread was replaced: it stopped by itself (`crashed`) or held a job past `jobTimeoutMs` (`hung`). */
export type WorkerRestartReason = 'crashed' | 'hung';

/** What a message means: a value, or a failure. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** The errors a pool rejects with, each in its owner's words. */
export interface WorkerPoolErrors<Job> {
  /** run() after close(). */
  closed(): Error;
  /** A job still waiting (`running` false) or on a thread (`running` true) when close() is called. */
  closing(running: boolean): Error;
  /** A job whose thread stopped under it: crashed, or terminated as hung. */
  lost(job: Job, cause: Error): Error;
  /** A thread that stopped before it was ready. */
  startFailed(cause: Error): Error;
  /** run() with `maxQueue` jobs already waiting. */
  overloaded(maxQueue: number): Error;
  /** run() on an eager pool with no thread running or starting. */
  noWorkers(): Error;
  /** The waiting jobs, when no thread is left: the last one could not be started. */
  unrestartable(): Error;
}

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions<Job, Reply, Result> {
  /** The worker script. */
  script: URL;
  /** Threads at most. */
  size: number;
  /** Each thread's `workerData`. */
  workerData?: unknown;
  /**
   * `eager`: start() starts every thread and waits until each is ready, and a thread that
   * stops is replaced at once. `lazy`: threads start as jobs arrive, up to `size`, and one
   * that stops is replaced when a job waits for it.
   */
  mode: 'eager' | 'lazy';
  /**
   * Reads a new thread's messages until it is ready: `ok` once it is, a failure when it cannot
   * serve, undefined to wait for the next message. Without it, a thread serves at once.
   */
  handshake?: (message: Reply) => Outcome<void> | undefined;
  /** Reads the reply to a job (the message whose `id` is the job's). */
  settle: (reply: Reply) => Outcome<Result>;
  /** A job on a thread longer than this is taken for a hung thread: it is terminated and replaced (default: no limit). */
  jobTimeoutMs?: number;
  /** Jobs that may wait for a thread; run() beyond them is refused at once (default: no limit). */
  maxQueue?: number;
  /** Idle threads do not hold the process open (a busy one does). */
  unrefIdle?: boolean;
  /** Called each time a ready thread stops while the pool is open (an eager pool has begun replacing it). */
  onRestart?: (reason: WorkerRestartReason) => void;
  /** Whether the owner has other work on these cores just now (e.g. decodes): a job is then not `alone`. */
  busyElsewhere?: () => boolean;
  errors: WorkerPoolErrors<Job>;
}

/** Worker threads that run jobs; see {@link createWorkerPool}. */
export interface WorkerPool<Job, Result> {
  /** An eager pool: starts every thread and resolves once all are ready, or stops them all and rejects with the first failure. */
  start(): Promise<void>;
  /**
   * Runs a job on the first free thread, posted as `{ id, alone, ...job }` with `transfer` moved,
   * not copied; `alone` says that nothing else was running or waiting when it was handed over
   * (no other job, nor `busyElsewhere`), so that the thread may use the cores left idle. Aborting
   * `signal` while the job waits drops it and rejects with the signal's reason; a job already on
   * a thread finishes there.
   */
  run(job: Job, options?: { transfer?: readonly TransferListItem[]; signal?: AbortSignal }): Promise<Result>;
  /** Stops every thread; jobs waiting or running reject. */
  close(): Promise<void>;
}

interface Task<Job, Result> {
  id: number;
  job: Job;
  transfer: readonly TransferListItem[];
  resolve: (value: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Job, Result> {
  worker: Worker;
  /** Past its handshake: may be given jobs. */
  ready: boolean;
  task: Task<Job, Result> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set when the job timer terminated the thread. */
  hung: boolean;
}

/**
 * Creates a pool of worker threads running `script`. Jobs are served in order by the first
 * free thread; a thread that dies, or holds a job past `jobTimeoutMs`, fails only that job
 * (`errors.lost`) and is replaced.
 *
 * @example
 * const pool = createWorkerPool({ script, size: 2, mode: 'lazy', settle: (reply) => ({ ok: true, value: reply }), errors });
 * const result = await pool.run({ bytes });
 */
export function createWorkerPool<Job extends object, Reply, Result>(
  options: WorkerPoolOptions<Job, Reply, Result>,
): WorkerPool<Job, Result> {
  const { errors, mode } = options;
  const size = Math.max(1, options.size);
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  const slots: Array<Slot<Job, Result>> = [];
  const queue: Array<Task<Job, Result>> = [];
  let nextId = 0;
  let closed = false;

  const failQueued = (error: () => Error): void => {
    for (const task of queue.splice(0)) task.reject(error());
  };

  /** Starts one thread; resolves once it is ready, rejects when it stops or refuses first. */
  const spawn = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // A thread inherits the process's options when given none: V8 flags included, which a list
      // given explicitly may not hold (`node --max-old-space-size=4096 main.js` then started no
      // thread). Only --input-type (from `node -e`), refused for a worker file, calls for a list.
      const fromEval = process.execArgv.some((arg) => arg.startsWith('--input-type'));
      const execArgv = fromEval ? process.execArgv.filter((arg) => !arg.startsWith('--input-type')) : undefined;
      let worker: Worker;
      try {
        worker = new Worker(options.script, { workerData: options.workerData, ...(execArgv ? { execArgv } : {}) });
      } catch (error) {
        // A script that cannot even be started (an unreadable URL): no thread came up.
        reject(errors.startFailed(castToError(error)));
        if (slots.length === 0) failQueued(errors.unrestartable);
        return;
      }
      const slot: Slot<Job, Result> = { worker, ready: options.handshake === undefined, task: undefined, timer: undefined, hung: false };
      slots.push(slot);
      if (options.unrefIdle) worker.unref();

      const remove = (): boolean => {
        const index = slots.indexOf(slot);
        if (index >= 0) slots.splice(index, 1);
        clearTimeout(slot.timer);
        return index >= 0;
      };
      const refuse = (error: Error): void => {
        reject(error);
        // A thread that served before and now cannot start is a resource problem: the others
        // keep serving, and the waiting jobs fail only when no thread is left to serve them.
        if (slots.length === 0) failQueued(errors.unrestartable);
      };

      worker.on('message', (message: Reply) => {
        if (!slot.ready) {
          const outcome = options.handshake?.(message);
          if (outcome === undefined) return;
          if (!outcome.ok) {
            if (remove()) refuse(outcome.error);
            void worker.terminate();
            return;
          }
          slot.ready = true;
          resolve();
          dispatch();
          return;
        }
        const task = slot.task;
        if (!task || (message as { id?: unknown }).id !== task.id) return;
        slot.task = undefined;
        clearTimeout(slot.timer);
        if (options.unrefIdle) worker.unref();
        const outcome = options.settle(message);
        if (outcome.ok) task.resolve(outcome.value);
        else task.reject(outcome.error);
        dispatch();
      });

      // 'error' then 'exit' for an uncaught exception, 'exit' alone for process.exit or terminate(): the first is acted on.
      const onDeath = (cause: Error): void => {
        if (!remove()) return;
        if (!slot.ready) {
          refuse(errors.startFailed(cause));
          return;
        }
        const task = slot.task;
        slot.task = undefined;
        task?.reject(errors.lost(task.job, cause));
        if (closed) return;
        if (mode === 'eager') spawn().catch(() => undefined);
        else dispatch();
        // Told last, once the replacement is on its way: an observer that throws cannot stop it.
        options.onRestart?.(slot.hung ? 'hung' : 'crashed');
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => onDeath(new Error(`worker exited with code ${code}`)));
      if (slot.ready) resolve();
    });

  const assign = (slot: Slot<Job, Result>, task: Task<Job, Result>): void => {
    slot.task = task;
    if (options.jobTimeoutMs !== undefined) {
      // A job that never answers means a hung thread: terminating it fails the job through
      // its death and brings up a replacement.
      slot.timer = setTimeout(() => {
        slot.hung = true;
        void slot.worker.terminate();
      }, options.jobTimeoutMs);
      slot.timer.unref();
    }
    // A busy thread holds the process open until its job is done.
    if (options.unrefIdle) slot.worker.ref();
    const alone = queue.length === 0 && slots.every((other) => other === slot || !other.task) && !options.busyElsewhere?.();
    slot.worker.postMessage({ ...task.job, id: task.id, alone }, task.transfer);
  };

  const dispatch = (): void => {
    if (closed) return;
    if (mode === 'lazy') {
      // Threads not busy (idle or starting) take waiting jobs first; more start up to the size.
      const free = slots.filter((slot) => !slot.task).length;
      for (let missing = queue.length - free; missing > 0 && slots.length < size; missing--) spawn().catch(() => undefined);
    }
    for (const slot of slots) {
      if (!slot.ready || slot.task) continue;
      const task = queue.shift();
      if (!task) return;
      assign(slot, task);
    }
  };

  const close = async (): Promise<void> => {
    closed = true;
    failQueued(() => errors.closing(false));
    const all = slots.splice(0);
    for (const slot of all) {
      clearTimeout(slot.timer);
      slot.task?.reject(errors.closing(true));
      slot.task = undefined;
    }
    await Promise.all(all.map((slot) => slot.worker.terminate()));
  };

  return {
    async start() {
      if (mode === 'lazy') return;
      const started = await Promise.allSettled(Array.from({ length: size }, spawn));
      const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) {
        await close();
        throw failure.reason;
      }
    },
    run(job, { transfer = [], signal } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (closed) return Promise.reject(errors.closed());
      if (mode === 'eager' && slots.length === 0) return Promise.reject(errors.noWorkers());
      if (queue.length >= maxQueue) return Promise.reject(errors.overloaded(maxQueue));
      return new Promise<Result>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(task);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(signal?.reason);
        };
        const task: Task<Job, Result> = {
          id: nextId++,
          job,
          transfer,
          resolve: (value) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(value);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(task);
        dispatch();
      });
    },
    close,
  };
}

import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors.js';
import type { TensorLayout } from '../input-tensor.js';
import type { EngineOutput, InferenceEngine } from './engine.js';
import type { InferenceWorkerData, InferenceWorkerReply, InferenceWorkerRequest } from './worker-protocol.js';

/** Which engine runs a model; chosen by the model's manifest. */
export type EngineName = 'onnx' | 'tfjs';

/** Why a worker was replaced: it stopped by itself (`crashed`) or held a run past `jobTimeoutMs` (`hung`). */
export type WorkerRestartReason = 'crashed' | 'hung';

/** Options for {@link createEngine}. */
export interface EngineOptions {
  engine: EngineName;
  /** Absolute path of the weights (`.onnx` file or TF.js `model.json`). */
  weightsPath: string;
  inputName: string;
  /** Outputs every run fetches from the same forward pass, in this order. */
  outputNames: string[];
  /** The input tensor the model wants; workers build it from RGB pixels. */
  layout: TensorLayout;
  /** Worker threads, each with its own copy of the model (default 2: measured best on 2 cores). */
  workers?: number;
  /**
   * Threads per worker inside the engine (default 2). Measured on 2 cores with the default
   * model: 2 workers x 2 threads matched 2 x 1 at saturation and cut one-image latency by a
   * fifth, and a lone 10-image batch ran 1.5x faster.
   */
  intraOpThreads?: number;
  /** A run taking longer than this is taken for a hung worker: it is replaced and the run fails (default 60 s). */
  jobTimeoutMs?: number;
  /** Runs waiting for a worker beyond this many are refused at once with OVERLOADED (default 256). */
  maxQueue?: number;
  /** The worker script; only tests and instrumentation replace it. */
  workerUrl?: URL;
  /** Called each time a worker that died or hung is replaced (a replacement starts), e.g. to count restarts. */
  onWorkerRestart?: (reason: WorkerRestartReason) => void;
}

interface Job {
  id: number;
  pixels: Uint8Array;
  count: number;
  resolve: (outputs: EngineOutput[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set when the job timer terminated the worker. */
  hung: boolean;
}

const extension = import.meta.url.endsWith('.cjs') ? 'cjs' : 'js';
const WORKERS: Record<EngineName, URL> = {
  onnx: new URL(`./engines/onnx-worker.${extension}`, import.meta.url),
  tfjs: new URL(`./engines/tfjs-worker.${extension}`, import.meta.url),
};
const ENGINE_LABEL: Record<EngineName, string> = { onnx: 'ONNX', tfjs: 'TensorFlow.js' };

/**
 * Starts a pool of worker threads, each holding the model in the chosen engine
 * (onnxruntime-node, or TensorFlow.js), and resolves once every worker has loaded it.
 * Inference never runs on the caller's thread. A worker that dies or hangs fails only the
 * run it held and is replaced. Rejects with INVALID_MODEL when the weights do not load or
 * do not match the manifest.
 */
export async function createEngine(options: EngineOptions): Promise<InferenceEngine> {
  const size = Math.max(1, options.workers ?? 2);
  const label = ENGINE_LABEL[options.engine];
  const data: InferenceWorkerData = {
    weightsPath: options.weightsPath,
    inputName: options.inputName,
    outputNames: options.outputNames,
    layout: options.layout,
    intraOpThreads: Math.max(1, options.intraOpThreads ?? 2),
  };
  const workerUrl = options.workerUrl ?? WORKERS[options.engine];
  const jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
  const maxQueue = options.maxQueue ?? 256;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let backend = options.engine as string;
  let closed = false;
  // Replacements being started; with none running and none coming, a run would wait forever.
  let restarting = 0;

  const spawn = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      // --input-type (from `node -e`) is refused for a worker file, so it is not passed on.
      const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
      const worker = new Worker(workerUrl, { workerData: data, execArgv });
      const slot: Slot = { worker, job: undefined, timer: undefined, hung: false };
      let ready = false;
      worker.on('message', (reply: InferenceWorkerReply) => {
        if (reply.type === 'ready') {
          ready = true;
          if (reply.backend) backend = reply.backend;
          resolve(slot);
          return;
        }
        if (reply.type === 'load-error') {
          reject(new CoreError('INVALID_MODEL', `the ${label} model cannot be loaded: ${withoutPaths(reply.message)}.`));
          void worker.terminate();
          return;
        }
        const job = slot.job;
        if (!job || job.id !== reply.id) return;
        slot.job = undefined;
        clearTimeout(slot.timer);
        if (reply.type === 'result') job.resolve(reply.outputs);
        else job.reject(new CoreError('INFERENCE_FAILED', `the model failed on this input: ${withoutPaths(reply.message)}.`));
        dispatch();
      });
      const onDeath = (error?: Error) => {
        if (!ready) {
          reject(new CoreError('INVALID_MODEL', `the ${label} worker stopped while loading the model.`, { cause: error }));
          return;
        }
        const index = slots.indexOf(slot);
        if (index < 0) return;
        slots.splice(index, 1);
        clearTimeout(slot.timer);
        slot.job?.reject(new CoreError('WORKER_FAILED', 'the inference worker stopped while running this request.', { cause: error }));
        slot.job = undefined;
        if (closed) return;
        restarting += 1;
        spawn().then(
          (replacement) => {
            restarting -= 1;
            if (closed) {
              void replacement.worker.terminate();
              return;
            }
            slots.push(replacement);
            dispatch();
          },
          () => {
            restarting -= 1;
            // The model loaded before, so a failed respawn is a resource problem; keep the
            // remaining workers serving and fail queued work only if none are left.
            if (slots.length === 0 && restarting === 0) failQueued('no inference worker could be restarted.');
          },
        );
        // Told last, once the replacement is on its way: an observer that throws cannot stop it.
        options.onWorkerRestart?.(slot.hung ? 'hung' : 'crashed');
      };
      worker.on('error', onDeath);
      worker.on('exit', (code) => onDeath(new Error(`worker exited with code ${code}`)));
    });

  const failQueued = (reason: string) => {
    for (const job of queue.splice(0)) job.reject(new CoreError('INFERENCE_FAILED', reason));
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      // A run that never answers means a hung worker: terminating it fails this run
      // through onDeath and brings up a replacement.
      slot.timer = setTimeout(() => {
        slot.hung = true;
        void slot.worker.terminate();
      }, jobTimeoutMs);
      slot.timer.unref();
      const request: InferenceWorkerRequest = { id: job.id, pixels: job.pixels, count: job.count };
      slot.worker.postMessage(request, [job.pixels.buffer as ArrayBuffer]);
    }
  };

  const started = await Promise.allSettled(Array.from({ length: size }, spawn));
  for (const result of started) if (result.status === 'fulfilled') slots.push(result.value);
  const failure = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw failure.reason;
  }

  return {
    name: options.engine,
    backend,
    run(pixels, count, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (closed) return Promise.reject(new CoreError('MODEL_UNAVAILABLE', 'the model has been unloaded.'));
      if (slots.length === 0 && restarting === 0) {
        return Promise.reject(new CoreError('WORKER_FAILED', 'no inference worker is running.'));
      }
      if (queue.length >= maxQueue) {
        return Promise.reject(new CoreError('OVERLOADED', `the inference queue is full (${maxQueue} runs waiting).`));
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(job);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(signal?.reason);
        };
        const job: Job = {
          id: nextId++,
          pixels,
          count,
          resolve: (outputs) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(outputs);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        dispatch();
      });
    },
    async close() {
      closed = true;
      failQueued('the model is being unloaded.');
      const all = slots.splice(0);
      for (const slot of all) clearTimeout(slot.timer);
      for (const slot of all) slot.job?.reject(new CoreError('MODEL_UNAVAILABLE', 'the model is being unloaded.'));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

/** ORT's messages name files by absolute path; messages may reach clients, paths must not. */
function withoutPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?[\\/][^\s:'"()]*[\\/]([^\s:'"()\\/]+)/g, '$1');
}

import { CoreError } from '../errors.js';
import type { TensorLayout } from '../input-tensor.js';
import { createWorkerPool, type WorkerRestartReason } from '../internal/worker-pool.js';
import { inferencePlan } from '../usable-cores.js';
import type { EngineOutput, InferenceEngine } from './engine.js';
import type { InferenceWorkerData, InferenceWorkerReply, InferenceWorkerRequest } from './worker-protocol.js';

export type { WorkerRestartReason } from '../internal/worker-pool.js';

/** Which engine runs a model; chosen by the model's manifest. */
export type EngineName = 'onnx' | 'tfjs';

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
  /** Worker threads, each with its own copy of the model (default: `inferencePlan()`'s, 2 on 2 cores). */
  workers?: number;
  /** Threads per worker inside the engine (default: `inferencePlan()`'s, 1 on 2 cores; BENCHMARKS.md says why). */
  intraOpThreads?: number;
  /**
   * Threads for a pass that runs alone, no other pass running or waiting (default:
   * `inferencePlan()`'s, 2 on 2 cores); a worker then keeps a second session with them (ONNX only).
   */
  soloThreads?: number;
  /** A run taking longer than this is taken for a hung worker: it is replaced and the run fails (default 60 s). */
  jobTimeoutMs?: number;
  /** Runs waiting for a worker beyond this many are refused at once with OVERLOADED (default 256). */
  maxQueue?: number;
  /** The worker script; only tests and instrumentation replace it. */
  workerUrl?: URL;
  /** Called each time a worker that died or hung is replaced (a replacement starts), e.g. to count restarts. */
  onWorkerRestart?: (reason: WorkerRestartReason) => void;
  /** Whether the caller has other work on these cores just now (a classifier: decodes); a pass is then not run alone. */
  busyElsewhere?: () => boolean;
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
  const label = ENGINE_LABEL[options.engine];
  const plan = inferencePlan();
  const data: InferenceWorkerData = {
    weightsPath: options.weightsPath,
    inputName: options.inputName,
    outputNames: options.outputNames,
    layout: options.layout,
    intraOpThreads: Math.max(1, options.intraOpThreads ?? plan.threads),
    // At most intraOpThreads: the worker opens no second session.
    soloThreads: Math.max(1, options.soloThreads ?? plan.soloThreads),
  };
  let backend = options.engine as string;
  const unloading = 'the model is being unloaded.';
  const pool = createWorkerPool<Omit<InferenceWorkerRequest, 'id' | 'alone'>, InferenceWorkerReply, EngineOutput[]>({
    script: options.workerUrl ?? WORKERS[options.engine],
    size: options.workers ?? plan.workers,
    workerData: data,
    mode: 'eager',
    jobTimeoutMs: options.jobTimeoutMs ?? 60_000,
    maxQueue: options.maxQueue ?? 256,
    handshake(reply) {
      if (reply.type === 'ready') {
        if (reply.backend) backend = reply.backend;
        return { ok: true, value: undefined };
      }
      if (reply.type === 'load-error') {
        return { ok: false, error: new CoreError('INVALID_MODEL', `the ${label} model cannot be loaded: ${withoutPaths(reply.message)}.`) };
      }
      return undefined;
    },
    settle: (reply) =>
      reply.type === 'result'
        ? { ok: true, value: reply.outputs }
        : {
            ok: false,
            error: new CoreError(
              'INFERENCE_FAILED',
              `the model failed on this input: ${withoutPaths('message' in reply ? reply.message : reply.type)}.`,
            ),
          },
    ...(options.onWorkerRestart ? { onRestart: options.onWorkerRestart } : {}),
    ...(options.busyElsewhere ? { busyElsewhere: options.busyElsewhere } : {}),
    errors: {
      closed: () => new CoreError('MODEL_UNAVAILABLE', 'the model has been unloaded.'),
      closing: (running) => new CoreError(running ? 'MODEL_UNAVAILABLE' : 'INFERENCE_FAILED', unloading),
      lost: (_, cause) => new CoreError('WORKER_FAILED', 'the inference worker stopped while running this request.', { cause }),
      startFailed: (cause) => new CoreError('INVALID_MODEL', `the ${label} worker stopped while loading the model.`, { cause }),
      overloaded: (maxQueue) => new CoreError('OVERLOADED', `the inference queue is full (${maxQueue} runs waiting).`),
      noWorkers: () => new CoreError('WORKER_FAILED', 'no inference worker is running.'),
      unrestartable: () => new CoreError('INFERENCE_FAILED', 'no inference worker could be restarted.'),
    },
  });
  await pool.start();
  return {
    name: options.engine,
    backend,
    run: (pixels, count, signal) =>
      pool.run({ pixels, count }, { transfer: [pixels.buffer as ArrayBuffer], ...(signal ? { signal } : {}) }),
    close: () => pool.close(),
  };
}

/** ORT's messages name files by absolute path; messages may reach clients, paths must not. */
function withoutPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?[\\/][^\s:'"()]*[\\/]([^\s:'"()\\/]+)/g, '$1');
}

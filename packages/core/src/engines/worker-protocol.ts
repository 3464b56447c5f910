/** What every inference worker receives at start (`workerData`). */
export interface InferenceWorkerData {
  /** Absolute path of the weights file (`.onnx`, or a TF.js `model.json`). */
  weightsPath: string;
  inputName: string;
  outputName: string;
  /** Threads the engine may use inside one worker. */
  intraOpThreads: number;
}

/** One forward pass asked of a worker; `input` is transferred. */
export type InferenceWorkerRequest = { id: number; input: Float32Array; dims: number[] };

/** What a worker posts back: once `ready` (or `load-error`), then one reply per request. */
export type InferenceWorkerReply =
  | { type: 'ready'; backend?: string }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; output: Float32Array }
  | { type: 'run-error'; id: number; message: string };

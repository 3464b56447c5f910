/** One output tensor of a forward pass, as the engine gave it. */
export interface EngineOutput {
  data: Float32Array;
  /** The tensor's shape, batch axis first. */
  dims: readonly number[];
}

/** A batch of input tensors in, the model's raw outputs out; the rest of the core does not care how. */
export interface InferenceEngine {
  /** Engine name for logs and the model card, e.g. `onnx`. */
  readonly name: string;
  /** What runs the model inside the engine, e.g. `onnxruntime-node (cpu)` or `tfjs (wasm)`. */
  readonly backend: string;
  /**
   * Runs one forward pass over `count` images given as interleaved 8-bit RGB at the model's
   * input size, back to back. `pixels` is transferred to the engine and must not be used
   * afterwards. Resolves with the output tensors the engine was started for, in that order.
   * Aborting the signal while the run waits for a worker drops it and rejects with the
   * signal's reason; a run already on a worker finishes there (a pass is short).
   */
  run(pixels: Uint8Array, count: number, signal?: AbortSignal): Promise<EngineOutput[]>;
  /** Stops the engine's workers; pending runs are rejected. */
  close(): Promise<void>;
}

/** A batch of input tensors in, the model's raw outputs out; the rest of the core does not care how. */
export interface InferenceEngine {
  /** Engine name for logs and the model card, e.g. `onnx`. */
  readonly name: string;
  /** What runs the model inside the engine, e.g. `onnxruntime-node (cpu)` or `tfjs (wasm)`. */
  readonly backend: string;
  /**
   * Runs one forward pass. `input` holds `dims[0]` images laid out as `dims` says; it is
   * transferred to the engine and must not be used afterwards. Resolves with the output
   * tensor's data, `dims[0]` rows.
   */
  run(input: Float32Array, dims: readonly number[]): Promise<Float32Array>;
  /** Stops the engine's workers; pending runs are rejected. */
  close(): Promise<void>;
}

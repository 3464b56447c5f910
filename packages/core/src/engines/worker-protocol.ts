import { type TensorLayout, tensorSize, writeInputTensor } from '../input-tensor.js';
import type { EngineOutput } from './engine.js';

/** What every inference worker receives at start (`workerData`). */
export interface InferenceWorkerData {
  /** How the model wants its input tensor. */
  layout: TensorLayout;
  /** Absolute path of the weights file (`.onnx`, or a TF.js `model.json`). */
  weightsPath: string;
  inputName: string;
  /** Outputs fetched by every run, in this order; the first is the image score. */
  outputNames: string[];
  /** Threads the engine may use inside one worker. */
  intraOpThreads: number;
  /** Threads for a pass that runs alone (`alone`); at most `intraOpThreads` means no more than any pass. */
  soloThreads: number;
}

/**
 * One forward pass asked of a worker: `count` images as interleaved 8-bit RGB, back to back
 * (transferred). The worker builds the float tensor, so the main thread neither converts
 * pixels nor posts four times the bytes. `alone` (set by the pool): no other pass was running
 * or waiting when this one was handed over.
 */
export type InferenceWorkerRequest = { id: number; alone: boolean; pixels: Uint8Array; count: number };

/** What a worker posts back: once `ready` (or `load-error`), then one reply per request. */
export type InferenceWorkerReply =
  | { type: 'ready'; backend?: string }
  | { type: 'load-error'; message: string }
  | { type: 'result'; id: number; outputs: EngineOutput[] }
  | { type: 'run-error'; id: number; message: string };

/** Builds the float32 input tensor and its dims for a request, in the worker. */
export function buildInputTensor(request: InferenceWorkerRequest, layout: TensorLayout): { data: Float32Array; dims: number[] } {
  const perImage = tensorSize(layout);
  const bytesPerImage = layout.width * layout.height * 3;
  const data = new Float32Array(perImage * request.count);
  for (let i = 0; i < request.count; i++) {
    writeInputTensor(request.pixels.subarray(i * bytesPerImage, (i + 1) * bytesPerImage), layout, data, i * perImage);
  }
  const n = request.count;
  const dims =
    layout.layout === 'NCHW' ? [n, layout.channels, layout.height, layout.width] : [n, layout.height, layout.width, layout.channels];
  return { data, dims };
}

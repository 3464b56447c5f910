import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs';

/**
 * A TensorFlow.js save handler that writes `model.json` and one `weights.bin` shard to a
 * folder, as `tensorflowjs_converter` and `tfjs-node`'s `file://` do, without tfjs-node.
 * The folder then only needs a manifest.json to be served (engine `tfjs`).
 *
 * @example
 * await model.save(fileSaveHandler('./my-model'));
 */
export function fileSaveHandler(folder: string): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      await mkdir(folder, { recursive: true });
      const weightData = artifacts.weightData;
      const bytes =
        weightData === undefined ? new Uint8Array() : new Uint8Array(Array.isArray(weightData) ? concat(weightData) : weightData);
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(folder, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(folder, 'weights.bin'), bytes);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
    },
  };
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

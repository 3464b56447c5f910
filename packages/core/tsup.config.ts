import { defineConfig } from 'tsup';

export default defineConfig({
  // Each worker (engines, DICOM decoding) is its own entry: worker_threads loads it by file name at run time.
  entry: ['src/index.ts', 'src/engines/onnx-worker.ts', 'src/engines/tfjs-worker.ts', 'src/dicom/decode-worker.ts'],
  format: ['esm', 'cjs'],
  // The ONNX worker is exported too (`@bcd-api/core/onnx-worker`, for tests that wrap it): it gets types, if empty ones.
  dts: { entry: ['src/index.ts', 'src/engines/onnx-worker.ts'] },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Gives the CJS build import.meta.url, which locates the worker file.
  shims: true,
  external: ['sharp', 'onnxruntime-node', /^@tensorflow\//],
});

import { fileURLToPath } from 'node:url';

/** Absolute path of the default model folder (model.onnx + manifest.json). */
export const defaultModelDir = fileURLToPath(new URL('./model/', import.meta.url));

import { fileURLToPath } from 'node:url';

/** Absolute path of the default model folder (model.onnx + manifest.json). */
export const defaultModelDir = fileURLToPath(new URL('./model/', import.meta.url));

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
export const miasModelDir = fileURLToPath(new URL('./mias-patch-cnn/', import.meta.url));

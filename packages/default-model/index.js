import { fileURLToPath } from 'node:url';

/** Absolute path of the default model folder (model.onnx + manifest.json). */
export const defaultModelDir = fileURLToPath(new URL('./model/', import.meta.url));

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
export const miasModelDir = fileURLToPath(new URL('./mias-patch-cnn/', import.meta.url));

/** Absolute path of the screening model v2 folder, the default before v3, kept as an alternative (model.onnx + manifest.json). */
export const screeningV2ModelDir = fileURLToPath(new URL('./screening-mobilenet-v2/', import.meta.url));

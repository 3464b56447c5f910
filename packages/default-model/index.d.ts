/** Absolute path of the default model folder (model.onnx + manifest.json). */
export declare const defaultModelDir: string;

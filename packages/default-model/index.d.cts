/** Absolute path of the default model folder (model.onnx + manifest.json). */
export declare const defaultModelDir: string;

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
export declare const miasModelDir: string;

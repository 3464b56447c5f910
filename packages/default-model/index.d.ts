/** Absolute path of the default model folder (model.onnx + manifest.json). */
export declare const defaultModelDir: string;

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
export declare const miasModelDir: string;

/** Absolute path of the screening model v2 folder, the default before v3, kept as an alternative (model.onnx + manifest.json). */
export declare const screeningV2ModelDir: string;

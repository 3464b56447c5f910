'use strict';
const path = require('node:path');

/** Absolute path of the default model folder (model.onnx + manifest.json). */
exports.defaultModelDir = path.join(__dirname, 'model') + path.sep;

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
exports.miasModelDir = path.join(__dirname, 'mias-patch-cnn') + path.sep;

/** Absolute path of the screening model v2 folder, the default before v3, kept as an alternative (model.onnx + manifest.json). */
exports.screeningV2ModelDir = path.join(__dirname, 'screening-mobilenet-v2') + path.sep;

'use strict';
const path = require('node:path');

/** Absolute path of the default model folder (model.onnx + manifest.json). */
exports.defaultModelDir = path.join(__dirname, 'model') + path.sep;

/** Absolute path of the mini-MIAS patch CNN folder, kept as an alternative model (model.onnx + manifest.json). */
exports.miasModelDir = path.join(__dirname, 'mias-patch-cnn') + path.sep;

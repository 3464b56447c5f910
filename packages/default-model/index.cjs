'use strict';
const path = require('node:path');

/** Absolute path of the default model folder (model.onnx + manifest.json). */
exports.defaultModelDir = path.join(__dirname, 'model') + path.sep;

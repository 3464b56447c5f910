// Named load-dcmjs, not dcmjs: a dcmjs.ts would compile to dcmjs.d.ts, the file that declares the library.
/// <reference path="./dcmjs.d.ts" />
import { createRequire } from 'node:module';
import type * as Dcmjs from 'dcmjs';

// dcmjs 0.51.1 maps `import` to an ES build inside a package without "type": "module"; Node 20 loads that
// only where it detects module syntax (20.19 and later), and our engines field says >= 20.9. Its CommonJS
// build loads everywhere, so we require it.
const require = createRequire(import.meta.url);

/** The dcmjs library (its CommonJS build), typed by ./dcmjs.d.ts. */
export const dcmjs: typeof Dcmjs = require('dcmjs');

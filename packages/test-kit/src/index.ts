export type { Browser } from 'playwright-core';
export { CHROMIUM_ARGS, chromiumPath, launchChromium, requireChromium } from './chromium.js';
export { type CheckedResponse, call, checkedFetch, form } from './contract-call.js';
export {
  type FakeWorker,
  fakeWorker,
  faultyWorker,
  fixture,
  fixturesDir,
  imagesDir,
  scoreMapModelDir,
  tinyModelDir,
  type WorkerFault,
} from './fixtures.js';
export { pythonHas } from './python-has.js';
export { requireInCi } from './require-in-ci.js';
export { film, filmPath, miniMiasDir, miniMiasLookup, screeningDir, warnSkipped } from './shared-data.js';

export type { Browser } from 'playwright-core';
export { CHROMIUM_ARGS, chromiumPath, launchChromium, requireChromium } from './chromium.js';
export { type CheckedResponse, call, checkedFetch, form } from './contract-call.js';
export {
  DICOM_IDENTIFIERS,
  type DicomSpec,
  type DicomSyntax,
  hasDicomTools,
  requireDicomTools,
  transcodeDicom,
  withoutFileMeta,
  withoutPreamble,
  writeDicom,
} from './dicom-files.js';
export {
  breastImages,
  type FakeWorker,
  fakeWorker,
  faultyWorker,
  fixture,
  fixturesDir,
  gatedModelDir,
  imagesDir,
  scoreMapModelDir,
  screeningModelDir,
  tinyModelDir,
  type WorkerFault,
} from './fixtures.js';
export { freePorts } from './free-ports.js';
export { type HaproxyInstance, type HaproxyOptions, hasHaproxy, requireHaproxy, startHaproxy } from './haproxy.js';
export {
  type GreyImage,
  type MammographyStudyFile,
  type MammographyStudyOptions,
  mammographyStudyImages,
  writeMammographyStudy,
} from './mammography-study.js';
export { blankPng, colourPng, rgbPng } from './non-mammograms.js';
export { openForSuite } from './open-for-suite.js';
export { hasOrthanc, type OrthancInstance, type OrthancOptions, requireOrthanc, startOrthanc, storeScu } from './orthanc.js';
export { pythonHas } from './python-has.js';
export { requireInCi } from './require-in-ci.js';
export {
  film,
  filmOrFallback,
  filmPath,
  miniMiasDir,
  miniMiasLookup,
  requireScreeningData,
  screeningDir,
  type UploadFilm,
  warnSkipped,
} from './shared-data.js';
export { type StaticFile, type StaticSite, serveStaticSite } from './static-site.js';

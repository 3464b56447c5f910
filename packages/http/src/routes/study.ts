import { MAX_STUDY_FILES, type StudyResponse } from '@bcd-api/contract';
import { type Classifier, combineStudy, type DecodedImage, type Laterality, STUDY_RULE } from '@bcd-api/core';
import type Router from '@koa/router';
import type { ByteBudget } from '../byte-budget.js';
import type { InputCheckMode, ServerConfig } from '../config.js';
import { ApiError, sanitiseForMessage } from '../errors.js';
import type { ModelState } from '../model-state.js';
import { createUploadReader, type Uploads } from '../upload.js';
import { type StudyEntry, toStudyResponse } from '../wire.js';
import type { WorkGate } from '../work-gate.js';
import { assessEach, decodeEach } from './predict.js';

/** Adds `POST /predict-study`: the images of one examination, combined per breast and for the study. */
export function registerStudyRoutes(router: Router, config: ServerConfig, model: ModelState, gate: WorkGate, budget: ByteBudget): void {
  const read = createUploadReader({
    field: 'files',
    // The contract's limit (`maxItems` of `files`), not a setting.
    maxFiles: MAX_STUDY_FILES,
    maxFileBytes: config.maxFileBytes,
    maxRequestBytes: config.maxRequestBytes,
    budget,
    textFields: ['laterality', 'view'],
  });
  router.post('/predict-study', (ctx) =>
    gate.run(async (signal) => {
      const classifier = model.require();
      const uploads = await read(ctx, signal);
      try {
        ctx.body = await classifyStudy(classifier, uploads, config.inputCheck, signal);
      } finally {
        uploads.release();
      }
    }),
  );
}

/** The form's `laterality` and `view` for each file (undefined where empty or not sent), checked. */
function formSides(uploads: Uploads): Array<{ laterality?: Laterality; view?: string }> {
  const count = uploads.files.length;
  const column = (name: 'laterality' | 'view'): Array<string | undefined> => {
    const values = uploads.fields[name];
    if (values === undefined) return Array.from({ length: count }, () => undefined);
    if (values.length !== count) {
      throw new ApiError(
        'INVALID_PARAMETER',
        `Send '${name}' once per file, in upload order (empty for a file whose DICOM tags say it): ${count} file${count === 1 ? '' : 's'}, ${values.length} value${values.length === 1 ? '' : 's'}.`,
      );
    }
    return values.map((v) => (v.trim() === '' ? undefined : v.trim().toUpperCase()));
  };
  const lateralities = column('laterality');
  const views = column('view');
  return uploads.files.map((file, i) => {
    const laterality = lateralities[i];
    const view = views[i];
    if (laterality !== undefined && laterality !== 'L' && laterality !== 'R') {
      throw new ApiError(
        'INVALID_PARAMETER',
        `${file.filename}: laterality must be L or R, not '${sanitiseForMessage(laterality.slice(0, 20))}'.`,
      );
    }
    if (view !== undefined && !/^[A-Z]{1,16}$/.test(view)) {
      throw new ApiError(
        'INVALID_PARAMETER',
        `${file.filename}: view must be letters only, such as CC or MLO, not '${sanitiseForMessage(view.slice(0, 20))}'.`,
      );
    }
    return { ...(laterality === undefined ? {} : { laterality }), ...(view === undefined ? {} : { view }) };
  });
}

/** An image's side and view: its DICOM tags first, else the form; a contradiction or no side at all is refused. */
function placeImage(
  filename: string,
  image: DecodedImage,
  form: { laterality?: Laterality; view?: string },
): Omit<StudyEntry, 'prediction' | 'assessment'> {
  const tagged = image.dicom?.laterality;
  if (tagged && form.laterality && tagged !== form.laterality) {
    throw new ApiError('INVALID_PARAMETER', `${filename}: the form says laterality ${form.laterality}, its DICOM tag says ${tagged}.`);
  }
  const taggedView = image.dicom?.view?.toUpperCase();
  if (taggedView && form.view && taggedView !== form.view) {
    throw new ApiError('INVALID_PARAMETER', `${filename}: the form says view ${form.view}, its DICOM tag says ${taggedView}.`);
  }
  const laterality = tagged ?? form.laterality;
  if (!laterality) {
    throw new ApiError(
      'LATERALITY_UNKNOWN',
      `${filename}: which breast this image shows is unknown: it has no DICOM laterality tag, and the form gave no 'laterality' (L or R) for it.`,
    );
  }
  const view = taggedView ?? form.view;
  return { filename, image, laterality, ...(view === undefined ? {} : { view }), source: tagged ? 'dicom' : 'form' };
}

async function classifyStudy(
  classifier: Classifier,
  uploads: Uploads,
  inputCheck: InputCheckMode,
  signal: AbortSignal,
): Promise<StudyResponse> {
  const sides = formSides(uploads);
  // An image refused by the input check's rules is an error entry here, before it is placed.
  const decoded = await decodeEach(classifier, uploads.files, inputCheck);
  signal.throwIfAborted();
  // Every readable image's side is settled before any inference: a study that cannot be placed costs nothing.
  const placed = decoded.map((d, i) => {
    const filename = uploads.files[i]?.filename ?? '';
    return 'error' in d ? { filename, error: d.error } : placeImage(filename, d.image, sides[i] ?? {});
  });
  const images = placed.flatMap((p) => ('image' in p ? [p.image] : []));
  const predictions = await classifier.classify(images, { signal });
  let next = 0;
  const outcomes = placed.map((p) => {
    if ('error' in p) return p;
    const prediction = predictions[next++];
    if (!prediction) throw new Error('the classifier returned fewer predictions than images');
    const checked = assessEach(inputCheck, p.filename, p.image, prediction);
    // Refused by the typicality check: an error entry, left out of the breasts and the study.
    return 'error' in checked ? { filename: p.filename, error: checked.error } : { ...p, prediction, ...checked };
  });
  const entries = outcomes.filter((o): o is StudyEntry => 'prediction' in o);
  const combination = combineStudy(
    entries.map((e) => ({
      laterality: e.laterality,
      ...(e.view === undefined ? {} : { view: e.view }),
      malignantProbability: e.prediction.malignantProbability,
    })),
    classifier.card,
  );
  return toStudyResponse(outcomes, combination, STUDY_RULE);
}

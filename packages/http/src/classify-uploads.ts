import { type CategoryReading, type Classifier, type DecodedImage, type Prediction, readScreening } from '@bcd-api/core';
import type { InputCheckMode } from './config.js';
import type { ApiError } from './errors/api-error.js';
import { toApiError } from './errors/to-api-error.js';
import { assessImage, decodeChecked, type InputAssessment } from './input-check.js';
import type { Upload } from './upload.js';

/** A file that was read, classified and passed the input check (or was let through by INPUT_CHECK=warn). */
export interface ClassifiedUpload {
  filename: string;
  image: DecodedImage;
  prediction: Prediction;
  assessment: InputAssessment;
  /** With a model that has screening operating points: the image's category, and its probability at SCREENING_PREVALENCE when set. */
  screening?: CategoryReading;
}

/** A file refused on its own (unreadable, or not a mammogram): its 4xx error is its outcome. */
export interface FailedUpload {
  filename: string;
  error: ApiError;
}

/** One file's outcome, in upload order; `Extra` is what `settle` added to a readable image. */
export type UploadOutcome<Extra extends object = object> = (ClassifiedUpload & Extra) | FailedUpload;

/** A readable image before inference, as `settle` sees it. */
export interface DecodedUpload {
  filename: string;
  image: DecodedImage;
}

/** Options for {@link classifyUploads}. */
export interface ClassifyOptions<Extra extends object> {
  /** The INPUT_CHECK setting: what a file that is not a mammogram becomes. */
  inputCheck: InputCheckMode;
  /** The request's deadline: it stops the inference. */
  signal: AbortSignal;
  /** Keep each image's display copy too, to draw the overlay on. */
  display?: boolean;
  /** The SCREENING_PREVALENCE setting: each image's screening reading gives its probability at it. */
  screeningPrevalence?: number | undefined;
  /**
   * Runs on each readable image, in upload order, after every file is decoded and before any
   * inference; what it returns is kept with the image's outcome. It throws to refuse the whole
   * request (a study's image whose side nothing gives), which then costs no inference.
   */
  settle?: (decoded: DecodedUpload, index: number) => Extra;
}

/**
 * The one way uploads become results, for every prediction route: decode each file (refusing,
 * under INPUT_CHECK=refuse, what fails a rule), classify the readable ones together (in passes
 * of at most INFERENCE_BATCH_SIZE), hold each verdict to the input check, and zip the outcomes
 * back into upload order. A file's 4xx error is its outcome while the others go on; a 5xx (a
 * failure of the server, not of the file) fails the request.
 */
export async function classifyUploads<Extra extends object = object>(
  classifier: Classifier,
  uploads: readonly Upload[],
  options: ClassifyOptions<Extra>,
): Promise<Array<UploadOutcome<Extra>>> {
  const { inputCheck, signal, display = false, settle, screeningPrevalence } = options;
  const { screening } = classifier.card;
  const decoded = await Promise.all(
    uploads.map((upload) =>
      decodeChecked(classifier, upload, inputCheck, { display }).then(
        (image): DecodedUpload => ({ filename: upload.filename, image }),
        (error: unknown): FailedUpload => ({ filename: upload.filename, error: toApiError(error) }),
      ),
    ),
  );
  for (const d of decoded) if ('error' in d && d.error.status >= 500) throw d.error;
  signal.throwIfAborted();
  // Without `settle`, Extra is its default (`object`): nothing is added.
  const extra = (d: DecodedUpload, i: number): Extra => (settle ? settle(d, i) : ({} as Extra));
  const settled = decoded.map((d, i) => ('error' in d ? d : { ...d, ...extra(d, i) }));
  const images = settled.flatMap((s) => ('image' in s ? [s.image] : []));
  // A request whose every file was refused runs no forward pass.
  const predictions = images.length > 0 ? await classifier.classify(images, { signal }) : [];
  let next = 0;
  return settled.map((s): UploadOutcome<Extra> => {
    if ('error' in s) return s;
    const prediction = predictions[next++];
    if (!prediction) throw new Error('the classifier returned fewer predictions than images');
    try {
      const assessment = assessImage(inputCheck, s.filename, s.image, prediction);
      const reading = screening && readScreening(screening, 'image', prediction.malignantProbability, screeningPrevalence);
      return { ...s, prediction, assessment, ...(reading ? { screening: reading } : {}) };
    } catch (error) {
      // Refused by the typicality check after its verdict: an error entry like an unreadable file.
      return { filename: s.filename, error: toApiError(error) };
    }
  });
}

/** {@link classifyUploads} for a route that takes one file: its result, or its error thrown as the request's. */
export async function classifyUpload(
  classifier: Classifier,
  uploads: readonly Upload[],
  options: Omit<ClassifyOptions<object>, 'settle'>,
): Promise<ClassifiedUpload> {
  // The route's upload reader takes one file (`maxFiles: 1`) and refuses a body without one.
  const [outcome] = await classifyUploads(classifier, uploads.slice(0, 1), options);
  if (!outcome) throw new Error('classifyUpload was given no file');
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

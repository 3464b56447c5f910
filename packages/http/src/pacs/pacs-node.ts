import type { Classifier, StudyCombination } from '@bcd-api/core';
import { createDicomWebClient, type DicomWebClient, isDicomWebError, resultUids } from '@bcd-api/pacs';
import type { ByteBudget } from '../byte-budget.js';
import { classifyUploads, type UploadOutcome } from '../classify-uploads.js';
import type { AnswerSettings } from '../config.js';
import { ApiError } from '../errors/api-error.js';
import { combineOutcomes, placeImage } from '../study-placement.js';
import type { Upload } from '../upload.js';
import type { StudyPlacement } from '../wire/study.js';
import type { PacsConfig } from './pacs-config.js';
import { buildResultSet, type ResultInstance } from './result-set.js';
import { findStudy, type PacsStudy, retrieveImages } from './study-images.js';

/** One study's analysis: the images' outcomes, their combination, and the results in the PACS. */
export interface PacsAnalysis {
  studyInstanceUid: string;
  outcomes: Array<UploadOutcome<StudyPlacement>>;
  combination: StudyCombination;
  /** True when the study already held this model's results: nothing was stored. */
  alreadyStored: boolean;
  report: ResultInstance;
  overlays: Array<ResultInstance & { sourceSopInstanceUid: string }>;
  model: { name: string; version: string; sha256: string };
}

/** The server as a PACS node: analyses a study from the DICOMweb server and stores its results there. */
export interface PacsNode {
  /** The DICOMweb client the node (and its watch mode) uses. */
  readonly client: DicomWebClient;
  /** Whether the study already holds the served model's report (its results are complete: the report is stored last). */
  hasResults(studyInstanceUid: string, classifier: Classifier): Promise<boolean>;
  /**
   * Analyses a study as `POST /predict-study` does and stores the results into it, once: when
   * its report under this model is already there, the analysis is answered and nothing stored.
   */
  analyze(studyInstanceUid: string, options: { classifier: Classifier; signal: AbortSignal }): Promise<PacsAnalysis>;
}

/** What {@link createPacsNode} needs. */
export interface PacsNodeOptions {
  config: PacsConfig;
  answer: AnswerSettings;
  /** The uploads' memory budget: a study's images are held under it too. */
  budget: ByteBudget;
  /** MAX_FILE_BYTES, which a study's image is held to as an upload is. */
  maxFileBytes: number;
  /** Injected in tests. */
  fetch?: typeof fetch;
  /** When an analysis is made (its SR's content date); injected in tests. */
  now?: () => Date;
}

/** Creates the server's {@link PacsNode}. DICOMweb failures become the API's PACS_* errors. */
export function createPacsNode(options: PacsNodeOptions): PacsNode {
  const { config, fetch } = options;
  const client = createDicomWebClient({
    url: config.dicomWebUrl,
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    ...(fetch ? { fetch } : {}),
  });
  const hasResults = async (studyInstanceUid: string, classifier: Classifier): Promise<boolean> => {
    const { srSeries, srInstance } = resultUids(studyInstanceUid, classifier.card.sha256);
    const found = await client.searchInstances(studyInstanceUid, { SeriesInstanceUID: srSeries, SOPInstanceUID: srInstance });
    return found.length > 0;
  };
  return {
    client,
    hasResults: (studyInstanceUid, classifier) => pacsCall(() => hasResults(studyInstanceUid, classifier)),
    analyze: (studyInstanceUid, { classifier, signal }) =>
      pacsCall(async () => {
        const study = await findStudy(client, studyInstanceUid);
        const alreadyStored = await hasResults(studyInstanceUid, classifier);
        // The images are held under the uploads' memory budget until the results are stored.
        const reservation = await options.budget.reserve(0, signal);
        try {
          const uploads = await retrieveImages(client, studyInstanceUid, study.images, signal, {
            maxFileBytes: options.maxFileBytes,
            reservation,
          });
          return await analyzeImages({ ...options, client, classifier, signal, study, uploads, alreadyStored });
        } finally {
          reservation.release();
        }
      }),
  };
}

/** One study's retrieved images, analysed, and their results stored unless they are there. */
async function analyzeImages({
  config,
  answer,
  client,
  classifier,
  signal,
  study,
  uploads,
  alreadyStored,
  now = () => new Date(),
}: PacsNodeOptions & {
  client: DicomWebClient;
  classifier: Classifier;
  signal: AbortSignal;
  study: PacsStudy;
  uploads: Upload[];
  alreadyStored: boolean;
}): Promise<PacsAnalysis> {
  const { studyInstanceUid } = study.identity;
  const outcomes = await classifyUploads<StudyPlacement>(classifier, uploads, {
    inputCheck: answer.inputCheck,
    signal,
    screeningPrevalence: answer.screeningPrevalence,
    display: classifier.card.scoreMap !== undefined,
    settle: (decoded) => notAnalysable(() => placeImage(decoded, {})),
  });
  const { entries, combination } = combineOutcomes(outcomes, classifier.card, answer.screeningPrevalence);
  if (entries.length === 0) {
    const reasons = outcomes.map((o) => ('error' in o ? `${o.filename}: ${o.error.message}` : '')).filter(Boolean);
    throw new ApiError('STUDY_NOT_ANALYSABLE', `No image of study ${studyInstanceUid} could be analysed. ${reasons.join(' ')}`);
  }
  const references = new Map(study.images.map((image) => [image.sopInstanceUid, image]));
  const results = buildResultSet({
    classifier,
    identity: study.identity,
    entries,
    references,
    combination,
    srClass: config.srClass,
    now: now(),
  });
  signal.throwIfAborted();
  if (!alreadyStored) {
    // The overlays first, the report last: a study holding the report holds the whole set.
    if (results.overlays.length > 0)
      await store(
        client,
        studyInstanceUid,
        results.overlays.map((o) => o.file),
      );
    await store(client, studyInstanceUid, [results.report.file]);
  }
  const { name, version, sha256 } = classifier.card;
  return {
    studyInstanceUid,
    outcomes,
    combination,
    alreadyStored,
    report: withoutFile(results.report),
    overlays: results.overlays.map(withoutFile),
    model: { name, version, sha256 },
  };
}

async function store(client: DicomWebClient, studyInstanceUid: string, files: readonly Uint8Array[]): Promise<void> {
  const outcome = await client.store(studyInstanceUid, files);
  if (outcome.failed.length > 0) {
    const failures = outcome.failed.map((f) => `${f.sopInstanceUid} (${f.reason})`).join(', ');
    throw new ApiError('PACS_UNAVAILABLE', `The PACS refused to store ${outcome.failed.length} of the results: ${failures}.`);
  }
}

const withoutFile = <T extends { file: Uint8Array }>({ file: _, ...rest }: T): Omit<T, 'file'> => rest;

/** An image a study cannot place (no laterality) makes the study unanalysable: the PACS's content, not the request, is at fault. */
function notAnalysable<T>(place: () => T): T {
  try {
    return place();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'LATERALITY_UNKNOWN') {
      throw new ApiError('STUDY_NOT_ANALYSABLE', error.message.replace(/, and the form gave no .*$/, '.'), { cause: error });
    }
    throw error;
  }
}

/** Runs a DICOMweb exchange; the client's failures become 502 PACS_UNAVAILABLE or 504 PACS_TIMEOUT. */
async function pacsCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDicomWebError(error)) throw error;
    if (error.code === 'DICOMWEB_TIMEOUT') {
      throw new ApiError('PACS_TIMEOUT', `The PACS did not answer in time: ${error.message}`, { cause: error });
    }
    throw new ApiError('PACS_UNAVAILABLE', `The PACS could not serve the request: ${error.message}`, { cause: error });
  }
}

// The server's side of the input check (issue 20): the core measures whether an upload looks
// like a mammogram (rules at decode, the model's typicality with the verdict); the INPUT_CHECK
// setting decides what a failure means here.
import {
  type Classifier,
  type DecodedImage,
  inputCheckFailure,
  notAMammogramMessage,
  type Prediction,
  type RuleCheck,
  type Typicality,
} from '@bcd-api/core';
import type { InputCheckMode } from './config.js';
import { ApiError } from './errors/api-error.js';

/** What the server concluded about one classified image's input. */
export interface InputAssessment {
  mode: InputCheckMode;
  /** `passed`, `warning` (a check failed and INPUT_CHECK=warn gave the verdict anyway) or `not_checked` (off). */
  status: 'passed' | 'warning' | 'not_checked';
  /** With `warning`: why the image is not taken for a mammogram. */
  warning?: string;
  /** The rule checks that ran (none when off). */
  checks: readonly RuleCheck[];
  /** The model's typicality check, when the model has one and the check is on. */
  typicality?: Typicality;
}

function notAMammogram(filename: string, reason: string): ApiError {
  return new ApiError('NOT_A_MAMMOGRAM', notAMammogramMessage(filename ? `${filename}: ` : '', reason));
}

/**
 * Decodes an upload and, when INPUT_CHECK is `refuse`, refuses it if it fails a rule (a DICOM
 * modality other than MG, read from the header before the pixels; too small, blank, in colour):
 * before inference, which it would only waste.
 */
export async function decodeChecked(
  classifier: Classifier,
  upload: { bytes: Uint8Array; filename: string },
  mode: InputCheckMode,
  options: { display?: boolean } = {},
): Promise<DecodedImage> {
  const refuse = mode === 'refuse';
  const image = await classifier.decode(upload.bytes, upload.filename, { ...options, refuseNonMammograms: refuse });
  const failure = refuse ? inputCheckFailure(image.inputChecks) : undefined;
  if (failure) throw notAMammogram(upload.filename, failure);
  return image;
}

/**
 * The input check of a classified image: its rules and the model's typicality check. Throws
 * NOT_A_MAMMOGRAM when INPUT_CHECK is `refuse` and a check failed; with `warn`, the assessment
 * carries the reason instead.
 */
export function assessImage(mode: InputCheckMode, filename: string, image: DecodedImage, prediction: Prediction): InputAssessment {
  if (mode === 'off') return { mode, status: 'not_checked', checks: [] };
  const failure = inputCheckFailure(image.inputChecks, prediction.typicality);
  if (failure && mode === 'refuse') throw notAMammogram(filename, failure);
  const typicality = prediction.typicality ? { typicality: prediction.typicality } : {};
  if (!failure) return { mode, status: 'passed', checks: image.inputChecks, ...typicality };
  return {
    mode,
    status: 'warning',
    warning: `This does not look like a mammogram. ${failure} The verdict is given only because the server is set to INPUT_CHECK=warn; for an image that is not a mammogram it means nothing.`,
    checks: image.inputChecks,
    ...typicality,
  };
}

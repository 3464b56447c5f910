import { LATERALITIES, type Laterality, MAX_STUDY_FILES, STANDARD_VIEWS } from '@bcd-api/contract';
import { studyRuleText } from '@bcd-api/core';
import type Router from '@koa/router';
import { classifyUploads } from '../classify-uploads.js';
import type { AnswerSettings } from '../config.js';
import { ApiError } from '../errors/api-error.js';
import { sanitiseForMessage } from '../errors/sanitise-for-message.js';
import type { PredictionMiddleware, PredictionSteps } from '../middleware/prediction-steps.js';
import { combineOutcomes, type FormSide, placeImage } from '../study-placement.js';
import type { Uploads } from '../upload.js';
import { type StudyPlacement, toStudyResponse } from '../wire/study.js';

const isLaterality = (value: string): value is Laterality => LATERALITIES.some((l) => l === value);
// The views the contract names (`L-CC` ... `R-MLO`), as examples of what `view` takes: CC, MLO.
const VIEW_EXAMPLES = [...new Set(STANDARD_VIEWS.map((v) => v.slice(v.indexOf('-') + 1)))].join(' or ');
// `view` of the form, as the spec's pattern has it once trimmed and upper-cased.
const VIEW_PATTERN = /^[A-Z]{1,16}$/;

/** Adds `POST /predict-study`: the images of one examination, combined per breast and for the study. */
export function registerStudyRoutes(router: Router, { admit, withModel, readUpload }: PredictionSteps, settings: AnswerSettings): void {
  // The contract's limit (`maxItems` of `files`), not a setting.
  const read = readUpload({ field: 'files', maxFiles: MAX_STUDY_FILES, textFields: ['laterality', 'view'] });
  router.post('/predict-study', admit, withModel, read, predictStudy(settings));
}

function predictStudy({ inputCheck, screeningPrevalence }: AnswerSettings): PredictionMiddleware {
  return async (ctx) => {
    const { classifier, uploads, signal } = ctx.state;
    const sides = formSides(uploads);
    // An image refused by the input check's rules is an error entry, never placed; every readable
    // image's side is settled before any inference: a study that cannot be placed costs nothing.
    const outcomes = await classifyUploads<StudyPlacement>(classifier, uploads.files, {
      inputCheck,
      signal,
      screeningPrevalence,
      settle: (decoded, i) => placeImage(decoded, sides[i] ?? {}),
    });
    const { combination } = combineOutcomes(outcomes, classifier.card, screeningPrevalence);
    ctx.body = toStudyResponse(outcomes, combination, studyRuleText(classifier.card.studyRule));
  };
}

/** The form's `laterality` and `view` for each file (undefined where empty or not sent), checked. */
function formSides(uploads: Uploads): FormSide[] {
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
    if (laterality !== undefined && !isLaterality(laterality)) {
      throw new ApiError(
        'INVALID_PARAMETER',
        `${file.filename}: laterality must be ${LATERALITIES.join(' or ')}, not '${sanitiseForMessage(laterality.slice(0, 20))}'.`,
      );
    }
    if (view !== undefined && !VIEW_PATTERN.test(view)) {
      throw new ApiError(
        'INVALID_PARAMETER',
        `${file.filename}: view must be letters only, such as ${VIEW_EXAMPLES}, not '${sanitiseForMessage(view.slice(0, 20))}'.`,
      );
    }
    return { ...(laterality === undefined ? {} : { laterality }), ...(view === undefined ? {} : { view }) };
  });
}

import { studyRuleText } from '@bcd-api/core';
import type Router from '@koa/router';
import { ApiError } from '../errors/api-error.js';
import { sanitiseForMessage } from '../errors/sanitise-for-message.js';
import type { Metrics } from '../metrics.js';
import type { PredictionMiddleware, PredictionSteps } from '../middleware/prediction-steps.js';
import type { PacsNode } from '../pacs/pacs-node.js';
import { toPacsAnalysisResponse } from '../wire/pacs.js';

// The spec's pattern and length for a UID in the path (PS3.5 9.1: digits and dots, at most 64).
const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;
const UID_MAX = 64;

/**
 * Adds `POST /studies/{StudyInstanceUID}/analyze`: without a PACS node (no DICOMWEB_URL) it
 * answers 404 PACS_NOT_CONFIGURED before taking a place at the work gate.
 */
export function registerPacsRoutes(
  router: Router,
  { admit, withModel }: Pick<PredictionSteps, 'admit' | 'withModel'>,
  node: PacsNode | undefined,
  metrics: Metrics | undefined,
): void {
  const configured: PredictionMiddleware = (ctx, next) => {
    if (!node) {
      throw new ApiError(
        'PACS_NOT_CONFIGURED',
        'This server is not connected to a PACS: set DICOMWEB_URL to a DICOMweb service, e.g. http://127.0.0.1:8042/dicom-web for Orthanc.',
      );
    }
    const uid = ctx.params.StudyInstanceUID ?? '';
    if (uid.length > UID_MAX || !UID_PATTERN.test(uid)) {
      throw new ApiError(
        'INVALID_PARAMETER',
        `StudyInstanceUID must be digits and dots, at most ${UID_MAX} characters, such as 1.2.840.113619.2.55.3; not '${sanitiseForMessage(uid.slice(0, 70))}'.`,
      );
    }
    return next();
  };
  const analyze: PredictionMiddleware = async (ctx) => {
    if (!node) throw new Error('unreachable: `configured` ran first');
    const { classifier, signal } = ctx.state;
    const started = performance.now();
    try {
      const analysis = await node.analyze(ctx.params.StudyInstanceUID ?? '', { classifier, signal });
      // The request log's image count: the study's images, as an upload's files are counted.
      ctx.state.images = analysis.outcomes.length;
      metrics?.pacsStudy('request', analysis.alreadyStored ? 'already_stored' : 'analysed', (performance.now() - started) / 1000);
      ctx.body = toPacsAnalysisResponse(analysis, studyRuleText(classifier.card.studyRule));
    } catch (error) {
      metrics?.pacsStudy('request', 'failed', (performance.now() - started) / 1000);
      throw error;
    }
  };
  router.post('/studies/:StudyInstanceUID/analyze', configured, admit, withModel, analyze);
}

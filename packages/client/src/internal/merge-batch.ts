import type { BatchPredictionResponse } from '@bcd-api/contract';

/** Merges the answers to consecutive chunks of one batch into one answer, results in upload order. */
export function mergeBatches(parts: readonly BatchPredictionResponse[]): BatchPredictionResponse {
  const first = parts[0];
  if (!first) throw new Error('mergeBatches needs at least one part');
  return {
    total_images: parts.reduce((n, p) => n + p.total_images, 0),
    successful: parts.reduce((n, p) => n + p.successful, 0),
    failed: parts.reduce((n, p) => n + p.failed, 0),
    summary: {
      malignant: parts.reduce((n, p) => n + p.summary.malignant, 0),
      benign: parts.reduce((n, p) => n + p.summary.benign, 0),
    },
    results: parts.flatMap((p) => p.results),
    disclaimer: first.disclaimer,
  };
}

// A downstream app's use of the API: a report over a set of films, for teaching.
// ⚠️ For education and research only: never use it for a medical decision.
import { type ClientOptions, createClient, type FileInput, type RiskLevelName, unwrap } from '@bcd-api/client';

/** What the app shows for a set of films. */
export interface ScreeningReport {
  model: { name: string; version: string };
  films: Array<{ filename: string; label: 'Benign' | 'Malignant' | 'unreadable'; risk?: RiskLevelName }>;
  flagged: number;
}

/** Builds a report for `films`; `options.fetch` lets tests hold the traffic to the contract. */
export async function screeningReport(options: ClientOptions, films: FileInput[]): Promise<ScreeningReport> {
  const client = createClient(options);
  const [card, batch] = await Promise.all([unwrap(client.model()), unwrap(client.batchPredict(films))]);
  const rows = batch.results.map((item) =>
    'error' in item
      ? { filename: item.filename, label: 'unreadable' as const }
      : { filename: item.filename, label: item.prediction, risk: item.risk_assessment.level },
  );
  return { model: { name: card.name, version: card.version }, films: rows, flagged: batch.summary.malignant };
}

import type { CliIo } from './command.js';
import { exitStatus } from './exit-status.js';
import { formatPredictions, isRefused, type OutputFormat, type PredictionRow } from './format.js';

/** The rows of arguments that named no file, each with its reason. */
export function missingRows(missing: ReadonlyArray<{ file: string; reason: string }>): PredictionRow[] {
  return missing.map((m): PredictionRow => ({ file: m.file, ok: false, code: 'FILE_NOT_FOUND', error: m.reason }));
}

/**
 * Prints `predict`'s or `explain`'s rows; then the failures, the files refused as not
 * mammograms (with the server's sentence) and the verdicts given with an input-check warning,
 * each group apart; then a one-line summary. Returns the exit status.
 */
export function reportRows(rows: readonly PredictionRow[], format: OutputFormat, io: CliIo, started: number): number {
  io.stdout.write(formatPredictions(rows, format));

  const refused = rows.filter(isRefused);
  const failures = rows.filter((r): r is Extract<PredictionRow, { ok: false }> => !r.ok && !isRefused(r));
  const successes = rows.filter((r): r is Extract<PredictionRow, { ok: true }> => r.ok);
  const warned = successes.filter((r) => r.warning !== undefined);
  const malignant = successes.filter((r) => r.prediction === 'Malignant').length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The summary goes to stdout after a table, to stderr after JSON or CSV so that those stay parseable.
  const summaryStream = format === 'table' ? io.stdout : io.stderr;
  summaryStream.write('\n');
  for (const failure of failures) summaryStream.write(`FAILED ${failure.file}: ${failure.error} (${failure.code})\n`);
  for (const r of refused) summaryStream.write(`REFUSED ${r.file}: ${r.error}\n`);
  for (const r of warned) summaryStream.write(`WARNING ${r.file}: ${r.warning}\n`);
  const classified = `${successes.length} classified (${successes.length - malignant} Benign, ${malignant} Malignant${warned.length ? `; ${warned.length} with a warning` : ''})`;
  const notMammograms = refused.length ? `${refused.length} refused as not ${refused.length === 1 ? 'a mammogram' : 'mammograms'}, ` : '';
  summaryStream.write(
    `${rows.length} file${rows.length === 1 ? '' : 's'}: ${classified}, ${notMammograms}${failures.length} failed, in ${seconds} s.\n` +
      'For education and research only. Not for medical diagnosis.\n',
  );
  return exitStatus(failures.length, refused.length);
}

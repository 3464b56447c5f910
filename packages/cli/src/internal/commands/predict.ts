import { isApiError, mapWithConcurrency } from '@bcd-api/client';
import type { Command, NodeClient } from '../command.js';
import { expandInputs } from '../expand-inputs.js';
import { failedRow, type PredictionRow, verdictRow } from '../format.js';
import { integerOption } from '../options.js';
import { createProgress, type ProgressStream } from '../progress.js';
import { missingRows, reportRows } from '../report.js';
import { UsageError } from '../usage-error.js';

/** `bcd-api predict`: the files, folders and globs given, classified through the SDK's batching. */
export const predict: Command = {
  name: 'predict',
  usage: { line: 'predict <files, folders or globs...>', about: ['classify images (PNG, JPEG, WebP, TIFF, DICOM)'] },
  options: [],
  async run(args, { api, values, io }) {
    const { client, format } = api();
    const concurrency = integerOption('concurrency', values.concurrency, 2);
    if (args.length === 0) throw new UsageError('predict needs at least one file, folder or glob.');
    const started = Date.now();
    const { files, missing } = await expandInputs(args);
    const rows = await classify(client, files, { concurrency, stream: io.stderr, progress: !values['no-progress'] });
    return reportRows([...rows, ...missingRows(missing)], format, io, started);
  },
};

interface ClassifyOptions {
  concurrency: number;
  /** Where the progress bar is drawn (on a terminal only), when `progress`. */
  stream: ProgressStream;
  progress: boolean;
}

/**
 * One row per file, in order. The SDK's `batchPredictSettled` sends the files
 * {@link MAX_FILES_PER_REQUEST} per request, `concurrency` requests at a time, and a request that
 * fails stops no other. When a request fails as a whole because of one file (400, 413: too large,
 * an unreadable part), each of its files is sent alone, so that the row of that file names it and
 * the others are classified; any other failure (network, 503 after retries) fails that request's
 * files only.
 */
async function classify(client: NodeClient, files: readonly string[], options: ClassifyOptions): Promise<PredictionRow[]> {
  if (files.length === 0) return [];
  const progress = createProgress(files.length, options.stream, options.progress);
  let shown = { done: 0, failed: 0 };
  const { data: parts, error } = await client.batchPredictSettled(files, {
    concurrency: options.concurrency,
    onProgress: (done, _total, failed) => {
      progress.advance(done - shown.done, failed - shown.failed);
      shown = { done, failed };
    },
  });
  progress.done();
  if (!parts) return files.map((file) => failedRow(file, error));
  const rows: PredictionRow[] = [];
  // The parts come in upload order, so each part's paths are the next ones of `files`.
  let offset = 0;
  for (const { files: part, result } of parts) {
    const sent = files.slice(offset, offset + part.length);
    offset += part.length;
    if (result.data) {
      const results = result.data.results;
      // The server answers in upload order, one result per file.
      rows.push(
        ...sent.map((file, i): PredictionRow => {
          const item = results[i];
          if (!item) return { file, ok: false, code: 'HTTP_ERROR', error: 'the server sent no result for this file.' };
          return 'error' in item ? { file, ok: false, code: item.code, error: item.error } : verdictRow(file, item);
        }),
      );
    } else if (sent.length > 1 && isApiError(result.error) && (result.error.status === 400 || result.error.status === 413)) {
      rows.push(...(await oneByOne(client, sent, options)));
    } else {
      rows.push(...sent.map((file) => failedRow(file, result.error)));
    }
  }
  return rows;
}

/** Each file in a request of its own, `concurrency` at a time. */
async function oneByOne(client: NodeClient, files: readonly string[], options: ClassifyOptions): Promise<PredictionRow[]> {
  const progress = createProgress(files.length, options.stream, options.progress);
  const rows = await mapWithConcurrency(files, options.concurrency, async (file): Promise<PredictionRow> => {
    const { data, error } = await client.predict(file);
    const row = data ? verdictRow(file, data) : failedRow(file, error);
    progress.advance(1, row.ok ? 0 : 1);
    return row;
  });
  progress.done();
  return rows;
}

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
 * One row per file, in order. The SDK's `batchPredict` sends the files
 * {@link MAX_FILES_PER_REQUEST} per request, `concurrency` requests at a time. When a request
 * fails as a whole because of one file (400, 413: too large, an unreadable part), each file is
 * sent alone, so that the row of that file names it and the others are classified.
 */
async function classify(client: NodeClient, files: readonly string[], options: ClassifyOptions): Promise<PredictionRow[]> {
  if (files.length === 0) return [];
  const progress = createProgress(files.length, options.stream, options.progress);
  let shown = { done: 0, failed: 0 };
  const { data, error } = await client.batchPredict(files, {
    concurrency: options.concurrency,
    onProgress: (done, _total, failed) => {
      progress.advance(done - shown.done, failed - shown.failed);
      shown = { done, failed };
    },
  });
  progress.done();
  if (data) {
    // The server answers in upload order, one result per file.
    return files.map((file, i): PredictionRow => {
      const item = data.results[i];
      if (!item) return { file, ok: false, code: 'HTTP_ERROR', error: 'the server sent no result for this file.' };
      return 'error' in item ? { file, ok: false, code: item.code, error: item.error } : verdictRow(file, item);
    });
  }
  if (files.length > 1 && isApiError(error) && (error.status === 400 || error.status === 413)) return oneByOne(client, files, options);
  return files.map((file) => failedRow(file, error));
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

import { parseArgs } from 'node:util';
import { type ClientError, chunk, MAX_FILES_PER_REQUEST, mapWithConcurrency } from '@bcd-api/client';
import { createClient } from '@bcd-api/client/node';
import { castToError } from '@bcd-api/contract';
import { expandInputs } from './expand-inputs.js';
import { explainFiles, type OverlayTarget } from './explain.js';
import { formatPredictions, formatRecord, isRefused, type OutputFormat, type PredictionRow, REFUSED_CODE, verdictRow } from './format.js';
import { createProgress, type ProgressStream } from './progress.js';
import { formatStudies, groupStudies, runStudies } from './study.js';

declare const __SDK_VERSION__: string;

/** Where the CLI writes, and its environment (injected by tests). */
export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
}

const USAGE = `Usage: bcd-api <command> [options]

Commands:
  predict <files, folders or globs...>  classify images (PNG, JPEG, WebP, TIFF, DICOM)
  explain <files, folders or globs...>  classify images and show where the model looked:
                                        with -o or --out-dir, write heatmap overlays (PNG);
                                        without, print each heatmap's peak
  study <folders or files...>           one examination's images, combined per breast and for the
                                        study: DICOM grouped by study (tags give side and view),
                                        other images by name (L-CC.png, right_mlo.jpg, ...)
  health                                service and model status
  model                                 the served model's card

Options:
  --url <url>            the API (default: $BCD_API_URL or http://localhost:7860)
  --format <format>      table, json or csv (default: table)
  --concurrency <n>      requests in flight (default: 2); predict sends up to ${MAX_FILES_PER_REQUEST} files per request
  -o, --output <file>    explain, one image: where to write its overlay
  --out-dir <folder>     explain: write <name>.overlay.png for each image into this folder
  --opacity <0-1>        explain: the heatmap's opacity over the image (default: the server's, 0.45)
  --timeout <ms>         limit per request (default: 120000)
  --retries <n>          retries after network errors, 429 and 503 (default: 2)
  --no-progress          no progress bar (it is drawn only on a terminal anyway)
  -h, --help             this text
  -v, --version          the version

Exit status:
  0  every file was classified
  1  some file failed (unreadable, network, server error...)
  2  usage error
  3  no file failed, but some were refused as not mammograms (the server's input check)
A verdict the server gave with an input-check warning (INPUT_CHECK=warn) is marked WARNING,
with the reason after the results; it leaves the exit status as it is.
For education and research only. Not for medical diagnosis.
`;

/**
 * The exit status of a run: a failure outranks a refusal, which a script may want to tell
 * apart (a folder with a photo in it is not a broken run).
 */
const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

function exitStatus(failed: number, refused: number): number {
  return failed > 0 ? EXIT.failed : refused > 0 ? EXIT.refused : EXIT.ok;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, not "${value}".`);
  return n;
}

function describe(error: ClientError): { code: string; error: string } {
  return { code: error.code, error: error.message };
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.stderr.write(`bcd-api: ${castToError(error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${__SDK_VERSION__}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    const format = values.format as OutputFormat;
    if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, not "${values.format}".`);
    const baseUrl = values.url ?? io.env.BCD_API_URL ?? 'http://localhost:7860';
    const client = createClient({
      baseUrl,
      timeoutMs: positiveInt('timeout', values.timeout, 120_000),
      retries: positiveInt('retries', values.retries, 2, 0),
    });
    if (command === 'health') {
      const { data, error } = await client.health();
      if (error) {
        const body = error.name !== 'NetworkError' && 'body' in error ? error.body : undefined;
        io.stderr.write(`bcd-api: ${baseUrl} is not healthy: ${error.message}\n`);
        if (body && typeof body === 'object') io.stdout.write(formatRecord(body as Record<string, string>, format, body));
        return EXIT.failed;
      }
      io.stdout.write(formatRecord({ ...data, url: baseUrl }, format, data));
      return EXIT.ok;
    }
    if (command === 'model') {
      const { data, error } = await client.model();
      if (error) {
        io.stderr.write(`bcd-api: could not read the model card from ${baseUrl}: ${error.message}\n`);
        return EXIT.failed;
      }
      const auc = data.evaluation.roc_auc;
      const check = data.input_check;
      io.stdout.write(
        formatRecord(
          {
            name: data.name,
            version: data.version,
            sha256: data.sha256,
            engine: data.engine,
            input: `${data.input.width}x${data.input.height}x${data.input.channels} ${data.input.color} ${data.input.layout} ${data.input.scaling}, ${data.input.preprocessing} preprocessing`,
            decision_threshold: data.decision_threshold,
            input_check: `${check.mode}: ${check.checks.map((c) => c.check).join(', ')}${check.typicality ? `, typicality (${check.typicality.method}, threshold ${check.typicality.threshold})` : ', no typicality check'}`,
            roc_auc: `${auc.value}${auc.ci95 ? ` (95% CI ${auc.ci95[0]}-${auc.ci95[1]})` : ''}`,
            training_data: data.training_data.name,
            licence: data.training_data.licence,
            evaluation: data.evaluation.protocol,
            intended_use: data.intended_use,
            disclaimer: data.disclaimer,
          },
          format,
          data,
        ),
      );
      return EXIT.ok;
    }
    if (command !== 'explain') {
      const stray = (['output', 'out-dir', 'opacity'] as const).filter((name) => values[name] !== undefined);
      if (stray.length)
        throw new UsageError(`${stray.map((n) => `--${n}`).join(', ')} belong${stray.length === 1 ? 's' : ''} to explain, not ${command}.`);
    }
    if (command === 'predict') {
      return await predict(client, rest, format, {
        concurrency: positiveInt('concurrency', values.concurrency, 2),
        progress: !values['no-progress'],
        io,
      });
    }
    if (command === 'explain') {
      return await explain(client, rest, format, {
        concurrency: positiveInt('concurrency', values.concurrency, 2),
        progress: !values['no-progress'],
        io,
        output: values.output,
        outDir: values['out-dir'],
        opacity: values.opacity,
      });
    }
    if (command === 'study') return await study(client, rest, format, io);
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bcd-api: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function predict(
  client: ReturnType<typeof createClient>,
  args: readonly string[],
  format: OutputFormat,
  options: { concurrency: number; progress: boolean; io: CliIo },
): Promise<number> {
  const { io } = options;
  if (args.length === 0) throw new UsageError('predict needs at least one file, folder or glob.');
  const started = Date.now();
  const { files, missing } = await expandInputs(args);
  const progress = createProgress(files.length, io.stderr, options.progress);
  const groups = chunk(files, MAX_FILES_PER_REQUEST);
  const rowGroups = await mapWithConcurrency(groups, options.concurrency, async (group): Promise<PredictionRow[]> => {
    const { data, error } = await client.batchPredict(group);
    let rows: PredictionRow[];
    if (data) {
      // The server answers in upload order, one result per file.
      rows = group.map((file, i): PredictionRow => {
        const item = data.results[i];
        if (!item) return { file, ok: false, code: 'HTTP_ERROR', error: 'the server sent no result for this file.' };
        return 'error' in item ? { file, ok: false, code: item.code, error: item.error } : verdictRow(file, item);
      });
    } else if (group.length > 1 && 'status' in error && (error.status === 400 || error.status === 413)) {
      // One file spoiled the whole request (too large, unreadable part): send each alone to name it.
      rows = [];
      for (const file of group) {
        const single = await client.predict(file);
        rows.push(single.data ? verdictRow(file, single.data) : { file, ok: false, ...describe(single.error) });
      }
    } else {
      rows = group.map((file) => ({ file, ok: false, ...describe(error) }));
    }
    progress.advance(group.length, rows.filter((r) => !r.ok).length);
    return rows;
  });
  progress.done();
  return report([...rowGroups.flat(), ...missingRows(missing)], format, io, started);
}

async function explain(
  client: ReturnType<typeof createClient>,
  args: readonly string[],
  format: OutputFormat,
  options: {
    concurrency: number;
    progress: boolean;
    io: CliIo;
    output?: string | undefined;
    outDir?: string | undefined;
    opacity?: string | undefined;
  },
): Promise<number> {
  const { io } = options;
  if (args.length === 0) throw new UsageError('explain needs at least one file, folder or glob.');
  if (options.output !== undefined && options.outDir !== undefined)
    throw new UsageError('give -o (one image) or --out-dir (any number), not both.');
  let opacity: number | undefined;
  if (options.opacity !== undefined) {
    opacity = Number(options.opacity);
    if (options.opacity.trim() === '' || !(opacity >= 0 && opacity <= 1))
      throw new UsageError(`--opacity must be a number from 0 to 1, not "${options.opacity}".`);
  }
  const started = Date.now();
  const { files, missing } = await expandInputs(args);
  if (options.output !== undefined && files.length + missing.length !== 1) {
    throw new UsageError(
      `-o names the overlay of one image, and these arguments name ${files.length + missing.length}; use --out-dir <folder>.`,
    );
  }
  const target: OverlayTarget =
    options.output !== undefined ? { file: options.output } : options.outDir !== undefined ? { dir: options.outDir } : undefined;
  const progress = createProgress(files.length, io.stderr, options.progress);
  const rows = await explainFiles(client, files, {
    target,
    concurrency: options.concurrency,
    progress,
    ...(opacity === undefined ? {} : { opacity }),
  });
  progress.done();
  return report([...rows, ...missingRows(missing)], format, io, started);
}

async function study(client: ReturnType<typeof createClient>, args: readonly string[], format: OutputFormat, io: CliIo): Promise<number> {
  if (args.length === 0) throw new UsageError('study needs a folder or the files of one examination.');
  const { studies, skipped } = await groupStudies(args);
  const outcomes = await runStudies(client, studies);
  io.stdout.write(formatStudies(outcomes, format));
  const summary = format === 'table' ? io.stdout : io.stderr;
  let failed = skipped.length;
  let refused = 0;
  summary.write('\n');
  for (const s of skipped) summary.write(`SKIPPED ${s.file}: ${s.reason}\n`);
  for (const o of outcomes) {
    if ('error' in o) {
      failed++;
      summary.write(`FAILED ${o.label}: ${o.error.message} (${o.error.code})\n`);
      continue;
    }
    for (const [i, r] of o.data.results.entries()) {
      const file = o.files[i] ?? r.filename;
      if (!('error' in r)) {
        if (r.input_check.status === 'warning')
          summary.write(`WARNING ${file}: ${r.input_check.warning ?? 'not taken for a mammogram.'}\n`);
      } else if (r.code === REFUSED_CODE) {
        refused++;
        summary.write(`REFUSED ${file}: ${r.error}\n`);
      } else {
        failed++;
        summary.write(`FAILED ${file}: ${r.error} (${r.code})\n`);
      }
    }
    if (o.data.missing_views.length) summary.write(`${o.label}: missing views ${o.data.missing_views.join(', ')}\n`);
  }
  const [first] = outcomes.flatMap((o) => ('data' in o ? [o.data.rule] : []));
  if (first) summary.write(`Rule: ${first}\n`);
  summary.write(
    `${outcomes.length} stud${outcomes.length === 1 ? 'y' : 'ies'}, ${refused ? `${refused} image${refused === 1 ? ' refused as not a mammogram' : 's refused as not mammograms'}, ` : ''}${failed} problem${failed === 1 ? '' : 's'}.\nFor education and research only. Not for medical diagnosis.\n`,
  );
  return exitStatus(failed, refused);
}

function missingRows(missing: ReadonlyArray<{ file: string; reason: string }>): PredictionRow[] {
  return missing.map((m): PredictionRow => ({ file: m.file, ok: false, code: 'FILE_NOT_FOUND', error: m.reason }));
}

/**
 * Prints the rows; then the failures, the files refused as not mammograms (with the server's
 * sentence) and the verdicts given with an input-check warning, each group apart; then a
 * one-line summary. Returns the exit status.
 */
function report(rows: readonly PredictionRow[], format: OutputFormat, io: CliIo, started: number): number {
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

/** Parses the command line; throws on an unknown option. */
function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      format: { type: 'string', default: 'table' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'out-dir': { type: 'string' },
      opacity: { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}

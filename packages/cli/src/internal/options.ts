import { parseArgs } from 'node:util';
import { MAX_FILES_PER_REQUEST } from '@bcd-api/client';
import { DEFAULT_HEATMAP_OPACITY } from '@bcd-api/contract';
import { UsageError } from './usage-error.js';

/**
 * The options of every command, in the order the usage lists them: how `parseArgs` reads each
 * (`type`, `short`, `default`) and its line of the usage (`label`, `about`). Which command
 * takes which is in the command table; those no command claims are shared.
 */
export const OPTIONS = {
  url: { type: 'string', label: '--url <url>', about: 'the API (default: $BCD_API_URL or http://localhost:7860)' },
  format: { type: 'string', default: 'table', label: '--format <format>', about: 'table, json or csv (default: table)' },
  concurrency: {
    type: 'string',
    label: '--concurrency <n>',
    about: `requests in flight (default: 2); predict sends up to ${MAX_FILES_PER_REQUEST} files per request`,
  },
  output: { type: 'string', short: 'o', label: '-o, --output <file>', about: 'explain, one image: where to write its overlay' },
  'out-dir': { type: 'string', label: '--out-dir <folder>', about: 'explain: write <name>.overlay.png for each image into this folder' },
  opacity: {
    type: 'string',
    label: '--opacity <0-1>',
    about: `explain: the heatmap's opacity over the image (default: the server's, ${DEFAULT_HEATMAP_OPACITY})`,
  },
  timeout: { type: 'string', label: '--timeout <ms>', about: 'limit per request (default: 120000)' },
  retries: { type: 'string', label: '--retries <n>', about: 'retries after network errors, 429 and 503 (default: 2)' },
  'no-progress': {
    type: 'boolean',
    default: false,
    label: '--no-progress',
    about: 'no progress bar (it is drawn only on a terminal anyway)',
  },
  help: { type: 'boolean', short: 'h', default: false, label: '-h, --help', about: 'this text' },
  version: { type: 'boolean', short: 'v', default: false, label: '-v, --version', about: 'the version' },
} as const;

/** The name of an option, as `--name`. */
export type OptionName = keyof typeof OPTIONS;

/** Parses the command line; throws on an unknown option. */
export function parseCommandLine(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
}

/** The option values of a command line. */
export type OptionValues = ReturnType<typeof parseCommandLine>['values'];

/** An integer option of at least `min`, `fallback` when absent; a {@link UsageError} when it is not one. */
export function integerOption(name: OptionName, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer of at least ${min}, not "${value}".`);
  return n;
}

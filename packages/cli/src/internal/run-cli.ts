import { createClient } from '@bcd-api/client/node';
import { castToError } from '@bcd-api/contract';
import type { Api, CliIo, Command } from './command.js';
import { COMMANDS } from './command-table.js';
import { EXIT } from './exit-status.js';
import type { OutputFormat } from './format.js';
import { integerOption, OPTIONS, type OptionName, type OptionValues, parseCommandLine } from './options.js';
import { usageText } from './usage.js';
import { UsageError } from './usage-error.js';

const USAGE = usageText(COMMANDS);
const FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    let parsed: ReturnType<typeof parseCommandLine>;
    try {
      parsed = parseCommandLine(argv);
    } catch (error) {
      throw new UsageError(castToError(error).message);
    }
    const { values, positionals } = parsed;
    const [name, ...args] = positionals;
    const byOption = COMMANDS.find((c) => 'option' in c.usage && values[c.usage.option]);
    if (!byOption && name === undefined) {
      io.stderr.write(USAGE);
      return EXIT.usage.code;
    }
    const command = byOption ?? COMMANDS.find((c) => 'line' in c.usage && c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}".`);
    checkOwnOptions(command, values);
    return await command.run(args, { io, values, usage: USAGE, api: once(() => connect(values, io)) });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`bcd-api: ${error.message}\n\n${USAGE}`);
    return EXIT.usage.code;
  }
}

/** The options a command takes that some other command claims as its own: given to this one, a usage error. */
function checkOwnOptions(command: Command, values: OptionValues): void {
  const stray = (Object.keys(OPTIONS) as OptionName[]).filter(
    (option) => values[option] !== undefined && !command.options.includes(option) && owners(option).length > 0,
  );
  if (stray.length === 0) return;
  const names = stray.map((option) => `--${option}`).join(', ');
  const owner = [...new Set(stray.flatMap(owners))].join(' or ');
  throw new UsageError(`${names} belong${stray.length === 1 ? 's' : ''} to ${owner}, not ${command.name}.`);
}

/** The commands that claim `option` as their own. */
function owners(option: OptionName): string[] {
  return COMMANDS.filter((c) => c.options.includes(option)).map((c) => c.name);
}

/** The shared options, checked, and a client of the API they name. */
function connect(values: OptionValues, io: CliIo): Api {
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be table, json or csv, not "${values.format}".`);
  const baseUrl = values.url ?? io.env.BCD_API_URL ?? 'http://localhost:7860';
  const client = createClient({
    baseUrl,
    timeoutMs: integerOption('timeout', values.timeout, 120_000),
    retries: integerOption('retries', values.retries, 2, 0),
  });
  return { client, baseUrl, format };
}

/** `make`, called at most once: its first result is kept. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

import type { createClient } from '@bcd-api/client/node';
import type { OutputFormat } from './format.js';
import type { OptionName, OptionValues } from './options.js';
import type { ProgressStream } from './progress.js';

/** Where the CLI writes, and its environment (injected by tests). */
export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
}

/** The SDK's Node client, which takes paths. */
export type NodeClient = ReturnType<typeof createClient>;

/** The API a command talks to, from the shared options: checked when a command first asks for it. */
export interface Api {
  client: NodeClient;
  baseUrl: string;
  format: OutputFormat;
}

/** What a command runs with. */
export interface CommandContext {
  io: CliIo;
  values: OptionValues;
  /** The usage text, for help. */
  usage: string;
  /** `--format`, `--url`, `--timeout` and `--retries`, checked (a UsageError if not), and a client: made on the first call. */
  api(): Api;
}

/**
 * One entry of the command table: its name, its usage line, the options only it takes, and
 * what it runs. A command is asked for by its name (`bcd-api predict ...`), or by an option
 * (help, version), which then goes before any name.
 */
export interface Command {
  name: string;
  /** Under "Commands": the command line and what it does, a string per line; or the option that asks for it, listed under "Options". */
  usage: { line: string; about: readonly string[] } | { option: Extract<OptionName, 'help' | 'version'> };
  /** Options only this command takes; given to another, they are a usage error. */
  options: readonly OptionName[];
  /** Runs the command with the arguments after its name; resolves to the exit status, throws a UsageError for a usage error. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

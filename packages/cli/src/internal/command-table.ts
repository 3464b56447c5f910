import type { Command } from './command.js';
import { explain } from './commands/explain.js';
import { health } from './commands/health.js';
import { model } from './commands/model.js';
import { pacs } from './commands/pacs.js';
import { predict } from './commands/predict.js';
import { study } from './commands/study.js';
import { EXIT } from './exit-status.js';

declare const __CLI_VERSION__: string;

/** `bcd-api --version`: this package's version, set at build time. */
const version: Command = {
  name: 'version',
  usage: { option: 'version' },
  options: [],
  async run(_args, { io }) {
    io.stdout.write(`${__CLI_VERSION__}\n`);
    return EXIT.ok.code;
  },
};

/** `bcd-api --help`: the usage, on stdout. */
const help: Command = {
  name: 'help',
  usage: { option: 'help' },
  options: [],
  async run(_args, { io, usage }) {
    io.stdout.write(usage);
    return EXIT.ok.code;
  },
};

/**
 * Every command of `bcd-api`, in the order the usage lists them. The ones an option asks for
 * come first among them in that order: `--version` goes before `--help`, and both before a name.
 */
export const COMMANDS: readonly Command[] = [predict, explain, study, pacs, health, model, version, help];

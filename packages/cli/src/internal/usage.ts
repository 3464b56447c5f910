import type { Command } from './command.js';
import { EXIT } from './exit-status.js';
import { OPTIONS } from './options.js';

/** The width of the label column of commands, and of options; two spaces follow it. */
const COMMAND_COLUMN = 36;
const OPTION_COLUMN = 21;

/** Lays out `label` and its lines of description in two columns, the label indented by two. */
function rows(label: string, about: readonly string[], column: number): string[] {
  return about.map((line, i) => `  ${(i === 0 ? label : '').padEnd(column)}  ${line}`);
}

/** The usage text, from the command table, the option table and the exit statuses. */
export function usageText(commands: readonly Command[]): string {
  const named = commands.flatMap((c) => ('line' in c.usage ? rows(c.usage.line, c.usage.about, COMMAND_COLUMN) : []));
  const options = Object.values(OPTIONS).flatMap((o) => rows(o.label, [o.about], OPTION_COLUMN));
  const statuses = Object.values(EXIT).map((s) => `  ${s.code}  ${s.about}`);
  return [
    'Usage: bcd-api <command> [options]',
    '',
    'Commands:',
    ...named,
    '',
    'Options:',
    ...options,
    '',
    'Exit status:',
    ...statuses,
    'A verdict the server gave with an input-check warning (INPUT_CHECK=warn) is marked WARNING,',
    'with the reason after the results; it leaves the exit status as it is.',
    'For education and research only. Not for medical diagnosis.',
    '',
  ].join('\n');
}

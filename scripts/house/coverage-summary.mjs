// Prints one table of every package's v8 coverage, from the coverage/coverage-summary.json each
// package's tests wrote (see @bcd-api/vitest-config), beside the floor its vitest config holds.
// CI runs it after the tests; a package with tests but no summary is reported, not skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KINDS = ['lines', 'branches', 'functions', 'statements'];
const rows = [];
const missing = [];
for (const group of ['packages', 'apps', 'examples']) {
  for (const entry of readdirSync(join(root, group), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, group, entry.name);
    const config = join(dir, 'vitest.config.ts');
    // Packages with no src/ of their own (models, examples, the trainer) measure nothing.
    if (!statSync(config, { throwIfNoEntry: false }) || !readFileSync(config, 'utf8').includes('packageTestConfig')) continue;
    const file = join(dir, 'coverage', 'coverage-summary.json');
    if (!statSync(file, { throwIfNoEntry: false })) {
      missing.push(relative(root, dir));
      continue;
    }
    const { total } = JSON.parse(readFileSync(file, 'utf8'));
    rows.push([relative(root, dir), ...KINDS.map((kind) => `${total[kind].pct.toFixed(1)}%`)]);
  }
}
const header = ['package', ...KINDS];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(`v8 coverage of each package's src/ (floors: each package's vitest.config.ts)\n${line(header)}`);
for (const row of rows) console.log(line(row));
if (missing.length > 0) console.log(`no coverage summary (no test run, or coverage off): ${missing.join(', ')}`);

// The house rules no linter checks, checked on every `pnpm lint` (issue 21): the package graph has
// no cycle, dev dependencies included (a cycle once hid behind a build order patched in
// turbo.json), and no source file grows past 300 lines (a file that long has taken a second job).
// Prints each breach and exits 1; prints the figures and exits 0 otherwise.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 300;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// Generated from openapi.yaml, never edited by hand.
const EXEMPT = /\/src\/generated\//;

/** The workspace's package folders, from pnpm-workspace.yaml's `packages:` globs (`dir/*` only). */
function workspaceDirs() {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [...text.matchAll(/^\s+-\s+["']?([\w.-]+)\/\*["']?\s*$/gm)].map((m) => m[1]);
  return globs.flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && statSync(join(root, dir, entry.name, 'package.json'), { throwIfNoEntry: false }))
      .map((entry) => join(root, dir, entry.name)),
  );
}

const packages = new Map();
for (const dir of workspaceDirs()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  packages.set(manifest.name, { dir, manifest });
}

/** Every workspace package a package names, in any kind of dependency. */
function edges(name) {
  const { manifest } = packages.get(name);
  const kinds = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
  return [...new Set(kinds.flatMap((kind) => Object.keys(manifest[kind] ?? {})).filter((dep) => packages.has(dep) && dep !== name))];
}

const breaches = [];

// Depth-first search with colours: a grey package met again closes a cycle.
const colour = new Map();
const stack = [];
function visit(name) {
  colour.set(name, 'grey');
  stack.push(name);
  for (const dep of edges(name)) {
    if (colour.get(dep) === 'grey') breaches.push(`package cycle: ${[...stack.slice(stack.indexOf(dep)), dep].join(' -> ')}`);
    else if (!colour.has(dep)) visit(dep);
  }
  stack.pop();
  colour.set(name, 'black');
}
for (const name of [...packages.keys()].sort()) if (!colour.has(name)) visit(name);

let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(path);
    } else if (SOURCE.test(entry.name) && !EXEMPT.test(path)) {
      files++;
      const lines = readFileSync(path, 'utf8').split('\n').length - 1;
      if (lines > MAX_LINES) breaches.push(`${relative(root, path)}: ${lines} lines (at most ${MAX_LINES})`);
    }
  }
}
for (const { dir } of packages.values()) {
  const src = join(dir, 'src');
  if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
}

if (breaches.length > 0) {
  for (const breach of breaches) console.error(breach);
  process.exit(1);
}
console.log(
  `house rules: ${packages.size} packages, no package cycle (dev dependencies included); ${files} source files, none over ${MAX_LINES} lines`,
);

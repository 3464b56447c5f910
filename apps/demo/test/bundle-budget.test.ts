// The page's weight as a person's browser downloads it: every script and style sheet under
// dist/assets, gzipped. It reads what `vite build` wrote (turbo runs the build before the
// tests) and builds nothing itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { demoDir } from '../index.js';

/**
 * The budget, in bytes of gzip: about 1.5 times the measured size (15.1 kB: 11.2 kB of
 * script, 3.9 kB of CSS, with `@bcd-api/client` and openapi-fetch), rounded up to whole kB. README.md
 * states it; raise it only with a reason.
 */
const BUDGET_BYTES = 23 * 1024;

const assetsDir = join(demoDir, 'assets');

test('the demo is built (dist/assets exists): run `pnpm build` or `pnpm turbo run build --filter=@bcd-api/demo` first', () => {
  expect(existsSync(join(demoDir, 'index.html')), `${demoDir}index.html is missing: build the demo first`).toBe(true);
  expect(existsSync(assetsDir), `${assetsDir} is missing: build the demo first`).toBe(true);
});

test(`the gzipped scripts and style sheets stay under the budget of ${BUDGET_BYTES / 1024} kB`, () => {
  if (!existsSync(assetsDir)) throw new Error(`${assetsDir} is missing: build the demo first (pnpm build).`);
  const files = readdirSync(assetsDir).filter((name) => /\.(js|css)$/.test(name));
  expect(
    files.some((name) => name.endsWith('.js')),
    'no script in dist/assets',
  ).toBe(true);
  expect(
    files.some((name) => name.endsWith('.css')),
    'no style sheet in dist/assets',
  ).toBe(true);
  const sizes = Object.fromEntries(files.map((name) => [name, gzipSync(readFileSync(join(assetsDir, name)), { level: 9 }).length]));
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  console.info(`demo bundle: ${total} B gzipped (budget ${BUDGET_BYTES} B)`, sizes);
  expect(total, `gzipped JS + CSS is ${total} B: over the budget of ${BUDGET_BYTES} B`).toBeLessThanOrEqual(BUDGET_BYTES);
});

test('every asset carries a content hash in its name, so the server may cache it for a year', () => {
  if (!existsSync(assetsDir)) throw new Error(`${assetsDir} is missing: build the demo first (pnpm build).`);
  for (const name of readdirSync(assetsDir)) expect(name).toMatch(/-[A-Za-z0-9_-]{8,}\.(js|css|svg)$/);
});

test('index.html loads only its own hashed assets, with nothing inline', () => {
  const html = readFileSync(join(demoDir, 'index.html'), 'utf8');
  expect(html).not.toMatch(/<style|style=|<script(?![^>]*\bsrc=)/);
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  for (const url of urls) expect(url).toMatch(/^(\/demo\/assets\/[^/]+|\/|\/redoc|\/openapi\.json|#upload)$/);
});

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer, type RunningServer } from '@bcd-api/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { classifyFiles } from '../src/classify-files.js';

const fixtures = fileURLToPath(new URL('../../../packages/core/test/fixtures/', import.meta.url));
const miniMias = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));
const hasFilms = existsSync(join(miniMias, 'images', 'mdb001.png'));
if (!hasFilms) {
  // CI has the films: there their absence fails the run rather than skipping the test.
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for node-quickstart: ${join(miniMias, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR).`);
  console.warn(`\n*** SKIPPED: node-quickstart on real mini-MIAS films: ${join(miniMias, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR). ***\n`);
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_DIR: join(fixtures, 'tiny-model'), LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '0' }));
  await server.model.ready;
});
afterAll(() => server?.close());

test('classifies paths and a Buffer, and names the file it could not read', async () => {
  const lines = await classifyFiles(server.url, [
    join(fixtures, 'images', 'breast.jpg'),
    { data: readFileSync(join(fixtures, 'images', 'breast.webp')), filename: 'from-buffer.webp' },
    join(fixtures, 'images', 'truncated.png'),
  ]);
  expect(lines[0]).toMatch(/^breast\.jpg: (Benign|Malignant) \d+\.\d% - \S+ .+Risk$/u);
  expect(lines[1]).toMatch(/^from-buffer\.webp: (Benign|Malignant)/);
  expect(lines[2]).toMatch(/^truncated\.png: not classified \(CORRUPT_IMAGE\)/);
  expect(lines[3]).toMatch(/^2 of 3 classified/);
  expect(lines[4]).toContain('Not for medical diagnosis');
});

test.skipIf(!hasFilms)('classifies 12 real films in two requests', async () => {
  const films = Array.from({ length: 12 }, (_, i) => join(miniMias, 'images', `mdb${String(i + 1).padStart(3, '0')}.png`));
  const lines = await classifyFiles(server.url, films);
  expect(lines.slice(0, 12).map((l) => l.split(':')[0])).toEqual(films.map((f) => f.split('/').pop()));
  expect(lines[12]).toMatch(/^12 of 12 classified/);
});

test('says when the API cannot be reached', async () => {
  const lines = await classifyFiles('http://127.0.0.1:9', [join(fixtures, 'images', 'breast.jpg')]);
  expect(lines).toEqual([expect.stringMatching(/^The API at http:\/\/127\.0\.0\.1:9 cannot be reached/)]);
});

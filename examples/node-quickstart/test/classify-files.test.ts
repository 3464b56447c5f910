import { join } from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@bcd-api/server';
import { filmPath, fixture, imagesDir, miniMiasDir, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { classifyFiles } from '../src/classify-files.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });
if (!miniMiasDir) warnSkipped('node-quickstart on real mini-MIAS films');

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

test('classifies paths and a Buffer, and names the file it could not read', async () => {
  const lines = await classifyFiles(server.url, [
    join(imagesDir, 'breast.jpg'),
    { data: fixture('breast.webp'), filename: 'from-buffer.webp' },
    join(imagesDir, 'truncated.png'),
  ]);
  expect(lines[0]).toMatch(/^breast\.jpg: (Benign|Malignant) \d+\.\d% - \S+ .+Risk$/u);
  expect(lines[1]).toMatch(/^from-buffer\.webp: (Benign|Malignant)/);
  expect(lines[2]).toMatch(/^truncated\.png: not classified \(CORRUPT_IMAGE\)/);
  expect(lines[3]).toMatch(/^2 of 3 classified/);
  expect(lines[4]).toContain('Not for medical diagnosis');
});

test.skipIf(!miniMiasDir)('classifies 12 real films in two requests', async () => {
  const films = Array.from({ length: 12 }, (_, i) => filmPath(`mdb${String(i + 1).padStart(3, '0')}`));
  const lines = await classifyFiles(server.url, films);
  expect(lines.slice(0, 12).map((l) => l.split(':')[0])).toEqual(films.map((f) => f.split('/').pop()));
  expect(lines[12]).toMatch(/^12 of 12 classified/);
});

test('says when the API cannot be reached', async () => {
  const lines = await classifyFiles('http://127.0.0.1:9', [join(imagesDir, 'breast.jpg')]);
  expect(lines).toEqual([expect.stringMatching(/^The API at http:\/\/127\.0\.0\.1:9 cannot be reached/)]);
});

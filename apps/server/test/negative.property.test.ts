// Property-based negative cases: whatever a client sends, the answer is documented, valid
// against the spec, never a 5xx, and the server stays healthy.

import { openapiDocument } from '@bcd-api/contract';
import { call, film, fixture, form, miniMiasDir, scoreMapModelDir, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

let server: RunningServer;
beforeAll(async () => {
  // A model with a score map, so that /explain reads its upload too.
  server = await startTestServer({ MODEL_DIR: scoreMapModelDir });
});
afterAll(async () => {
  // Still healthy after everything above.
  const health = await call(server.url, 'GET', '/health');
  expect(health.status).toBe(200);
  await server.close();
});

// A real mammogram where available (always in CI); the committed synthetic one otherwise.
if (!miniMiasDir) warnSkipped('damaging a real mini-MIAS film (the synthetic fixture is damaged instead)');
const seedImage = (): Buffer => (miniMiasDir ? film('mdb005') : fixture('breast-grey.png'));
// At least 10,000 malformed requests in all by default; FUZZ_SCALE=0.1 for a quick local run.
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(10, Math.round(n * scale));

// The operations come from the spec, so that a new one is fuzzed from the day it is added.
interface Operation {
  responses: unknown;
  parameters?: ReadonlyArray<{ in: string; name: string; schema?: { type: string; enum?: readonly string[] } }>;
  requestBody?: { content: Readonly<Record<string, unknown>> };
}
const pathItems: Readonly<Record<string, Readonly<Record<string, Operation>>>> = openapiDocument.paths;
/** A path of the template, each templated segment its parameter's first documented value (else a word). */
const concrete = (template: string) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameters = Object.values(pathItems[template] ?? {}).flatMap((op) => op.parameters ?? []);
    return parameters.find((p) => p.in === 'path' && p.name === name)?.schema?.enum?.[0] ?? 'anything';
  });
const SPEC_PATHS = Object.keys(pathItems).map(concrete);
/** The operations whose body is a multipart form: every upload route. */
const UPLOAD_PATHS = Object.entries(pathItems)
  .filter(([, item]) => item.post?.requestBody?.content['multipart/form-data'] !== undefined)
  .map(([template]) => concrete(template));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

test('the spec gives every path and every upload route to the tests below', () => {
  expect(SPEC_PATHS).toEqual(
    expect.arrayContaining(['/health', '/explain', '/predict-study', '/metrics', '/demo', '/docs/swagger-ui.css']),
  );
  expect(UPLOAD_PATHS.sort()).toEqual(['/batch-predict', '/explain', '/predict', '/predict-study']);
});

async function expectDocumented(path: string, body: FormData | Uint8Array | string, headers?: Record<string, string>) {
  const res = await call(server.url, 'POST', path, { body, ...(headers ? { headers } : {}) });
  expect(res.status).toBeLessThan(500);
  return res;
}

test('random bytes as the file get a documented 4xx or a prediction', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
      const res = await expectDocumented('/predict', form('file', [['random.png', bytes]]));
      expect([200, 400]).toContain(res.status);
    }),
    { numRuns: runs(4000) },
  );
});

test('truncated and bit-flipped real images never cause a 5xx', async () => {
  const image = seedImage();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: image.length }),
      fc.array(fc.tuple(fc.nat({ max: image.length - 1 }), fc.integer({ min: 0, max: 7 })), { maxLength: 16 }),
      async (cut, flips) => {
        const bytes = Buffer.from(image.subarray(0, cut));
        for (const [at, bit] of flips) if (at < bytes.length) bytes[at]! ^= 1 << bit;
        await expectDocumented('/predict', form('file', [['damaged.png', bytes]]));
      },
    ),
    { numRuns: runs(600) },
  );
});

test('wrong field names are refused, never ignored', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1, maxLength: 30 }).filter((f) => f !== 'file' && !/[\r\n"]/.test(f)),
      async (field) => {
        const res = await expectDocumented('/predict', form(field, [['a.png', fixture('breast-grey.png')]]));
        expect(res.status).toBe(400);
      },
    ),
    { numRuns: runs(1500) },
  );
});

test('batches of 0 to 14 mixed files get one entry per file or a 400', async () => {
  const pool: Array<[string, Uint8Array]> = [
    ['ok.png', fixture('breast-grey.png')],
    ['ok.jpg', fixture('breast.jpg')],
    ['bad.pdf', fixture('not-an-image.pdf')],
    ['empty.png', fixture('empty.png')],
    ['cut.png', fixture('truncated.png')],
  ];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...pool), { maxLength: 14 }), async (files) => {
      const res = await expectDocumented('/batch-predict', form('files', files));
      if (files.length === 0 || files.length > 10) {
        expect(res.status).toBe(400);
      } else {
        expect(res.status).toBe(200);
        expect(res.body.results.map((r: { filename: string }) => r.filename)).toEqual(files.map(([n]) => n));
      }
    }),
    { numRuns: runs(900) },
  );
});

test('broken multipart bodies and wrong content types get a documented 4xx', async () => {
  const contentTypes = fc.constantFrom(
    'multipart/form-data; boundary=b',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'application/octet-stream',
    'text/plain',
    'image/png',
    'application/x-www-form-urlencoded',
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...UPLOAD_PATHS),
      contentTypes,
      fc.oneof(fc.string({ maxLength: 300 }), fc.constant('--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--b--')),
      async (path, type, body) => {
        await expectDocumented(path, body, { 'Content-Type': type });
      },
    ),
    { numRuns: runs(3000) },
  );
});

test('any method on every path of the spec, and on one outside it, gets a documented answer, never a 5xx', async () => {
  const paths = [...SPEC_PATHS, '/nope'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...METHODS), fc.constantFrom(...paths), async (method, path) => {
      const res = await call(server.url, method, path, method === 'GET' ? {} : { body: 'x' });
      expect(res.status).toBeLessThan(500);
    }),
    // Every pair once, whatever the scale, then random ones.
    { numRuns: runs(500), examples: METHODS.flatMap((method) => paths.map((path): [string, string] => [method, path])) },
  );
});

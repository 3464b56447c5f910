// A model card that the contract does not describe is refused at load (issue 11): the server
// starts, says why, and never serves a GET /model body that breaks openapi.yaml.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, tinyModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startForTest } = createServerKit({ loadConfig, startServer });

type Json = Record<string, any>;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bcd-manifest-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A copy of the tiny fixture model whose manifest `change` has edited. */
async function tinyModelWith(change: (manifest: Json) => void): Promise<string> {
  const dir = await mkdtemp(join(root, 'model-'));
  await cp(tinyModelDir, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Json;
  change(manifest);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

describe('a manifest whose card has a key the contract lacks', () => {
  test('leaves the server up, unhealthy with model_status error, and the reason names the field', async () => {
    const server = await startForTest({ MODEL_DIR: await tinyModelWith((m) => (m.card.foo = 'bar')) });
    const health = await call(server.url, 'GET', '/health');
    expect(health.status).toBe(503);
    // A manifest that is there but wrong is `error`, as for every other bad manifest and corrupt
    // weights; `not_loaded` is kept for a folder without one (openapi.yaml, HealthResponse).
    expect(health.body).toMatchObject({ status: 'unhealthy', model_status: 'error' });
    const ready = await call(server.url, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.detail).toMatch(/^manifest\.json: "card\.foo" is not a known field/);
    const card = await call(server.url, 'GET', '/model');
    expect(card.status).toBe(503);
    expect(card.body).toMatchObject({ code: 'MODEL_UNAVAILABLE', detail: expect.stringContaining('"card.foo" is not a known field') });
  });
});

describe('a manifest whose card the contract describes', () => {
  test("serves GET /model with a body that passes openapi.yaml, the card's open objects included", async () => {
    const dir = await tinyModelWith((m) => {
      m.card.created = '2025-01-01';
      m.card.training_data.images = 322;
      m.card.evaluation.brier = 0.2;
    });
    const server = await startForTest({ MODEL_DIR: dir });
    expect((await call(server.url, 'GET', '/health')).body.model_status).toBe('loaded');
    // call() fails the test unless the body matches the ModelCard schema of openapi.yaml.
    const res = await call(server.url, 'GET', '/model');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'tiny-test-model',
      created: '2025-01-01',
      training_data: { images: 322 },
      evaluation: { brier: 0.2 },
    });
  });
});

// docs/bring-your-own-model.md, followed as written: its PyTorch export and its TF.js save
// snippets are run, its example manifest is used, and the server serves the results.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { call, fixture, form, pythonHas, requireInCi } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

const run = promisify(execFile);
const doc = await readFile(fileURLToPath(new URL('../../../docs/bring-your-own-model.md', import.meta.url)), 'utf8');
const block = (after: string, lang: string): string => {
  const start = doc.indexOf(after);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(doc.slice(start));
  if (start < 0 || !match) throw new Error(`no ${lang} block after ${after}`);
  return match[1]!;
};
const manifest = JSON.parse(block('## manifest.json', 'json')) as Record<string, any>;

// Inside the package, so that the TF.js snippet resolves @tensorflow/tfjs and @bcd-api/core.
const work = fileURLToPath(new URL('../.byom-test/', import.meta.url));
beforeAll(async () => {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
});
afterAll(() => rm(work, { recursive: true, force: true }));

const hasTorch = requireInCi(
  pythonHas('torch'),
  'python3-torch, to follow the PyTorch path of docs/bring-your-own-model.md',
  'apt-get install python3-torch',
);

async function expectServes(modelDir: string, name: string, engine: string) {
  const server = await startTestServer({ MODEL_DIR: modelDir });
  try {
    expect((await call(server.url, 'GET', '/health')).body.model_status).toBe('loaded');
    expect((await call(server.url, 'GET', '/model')).body).toMatchObject({ name, engine });
    const res = await call(server.url, 'POST', '/predict', { body: form('file', [['a.jpg', fixture('breast.jpg')]]) });
    expect(res.status).toBe(200);
  } finally {
    await server.close();
  }
}

describe.skipIf(!hasTorch)('the PyTorch to ONNX path', () => {
  test('exports with the snippet, loads with the example manifest, and predicts', async () => {
    await mkdir(join(work, 'my-model'), { recursive: true });
    await writeFile(join(work, 'export.py'), block('<!-- byom:pytorch -->', 'python'));
    await run('/usr/bin/python3', ['export.py'], { cwd: work });
    await writeFile(join(work, 'my-model', 'manifest.json'), JSON.stringify(manifest));
    await expectServes(join(work, 'my-model'), 'my-model', 'onnx');
  }, 120_000);
});

describe('the TensorFlow.js path', () => {
  test('saves with the snippet, loads with the manifest the page describes, and predicts', async () => {
    await writeFile(join(work, 'save.mjs'), block('<!-- byom:tfjs -->', 'js'));
    await run(process.execPath, ['save.mjs'], { cwd: work });
    const tfjsManifest = {
      ...manifest,
      name: 'my-tfjs-model',
      engine: 'tfjs',
      weights: 'model.json',
      input: { ...manifest.input, layout: 'NHWC' },
      output: { name: 'output', kind: 'softmax_probabilities' },
    };
    await writeFile(join(work, 'my-tfjs-model', 'manifest.json'), JSON.stringify(tfjsManifest));
    await expectServes(join(work, 'my-tfjs-model'), 'my-tfjs-model', 'tfjs');
  }, 120_000);
});

// The original README's curl and Python examples, run unchanged against this server (only
// the base URL is pointed at it), with their output checked against the contract.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createResponseValidator } from '@bcd-api/contract/validator';
import { film, fixture, miniMiasDir, pythonHas, requireInCi, warnSkipped } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

const ORIGINAL_URL = 'https://bhavanakhatri-breastcancerdetection.hf.space';
const LOCAL_EXAMPLE_URL = 'http://localhost:7860';
const examples = new URL('./seed-examples/', import.meta.url);
const validator = createResponseValidator();
// Debian's python3 carries python3-requests; a pyenv python3 earlier on PATH may not.
const python = '/usr/bin/python3';
const hasRequests = requireInCi(
  pythonHas('requests'),
  "python3-requests, to run the original README's Python examples",
  'apt-get install python3-requests',
);

// The server runs in this process: the examples must run asynchronously, or they would wait
// for a server whose event loop they block.
const run = promisify(execFile);

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'bcd-compat-'));
  // Real films where they exist (CI must have them); elsewhere the committed fixtures, said aloud.
  if (!miniMiasDir) warnSkipped("the original's examples on real films (the committed fixture images are sent instead)");
  const source = miniMiasDir
    ? [film('mdb001'), film('mdb028'), film('mdb209')]
    : [fixture('breast-grey.png'), fixture('breast.jpg'), fixture('breast.webp')];
  const jpegs = await Promise.all(source.map((bytes) => sharp(bytes).jpeg({ quality: 92 }).toBuffer()));
  await writeFile(join(dir, 'mammogram.jpg'), jpegs[0]!);
  for (const [i, jpeg] of jpegs.entries()) await writeFile(join(dir, `image${i + 1}.jpg`), jpeg);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function example(name: string): Promise<string> {
  const text = await readFile(new URL(name, examples), 'utf8');
  return text.replaceAll(ORIGINAL_URL, server.url).replaceAll(LOCAL_EXAMPLE_URL, server.url);
}

function expectValid(path: string, body: unknown) {
  expect(
    validator.validate({ method: path === '/health' ? 'GET' : 'POST', path, status: 200, contentType: 'application/json', body }).errors,
  ).toEqual([]);
}

describe('the curl examples', () => {
  test('curl -F file=@mammogram.jpg /predict returns the original fields', async () => {
    const { stdout: out } = await run('sh', ['-c', await example('predict.sh')], { cwd: dir, encoding: 'utf8' });
    const body = JSON.parse(out);
    expectValid('/predict', body);
    expect(body.image_info).toMatchObject({ filename: 'mammogram.jpg', format: 'JPEG' });
  });

  test('curl /health says healthy', async () => {
    const { stdout: out } = await run('sh', ['-c', await example('health.sh')], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      status: 'healthy',
      service: 'Breast Cancer Detection API',
      version: '1.0.0',
      model_status: 'loaded',
    });
  });
});

describe.skipIf(!hasRequests)('the Python requests examples', () => {
  // The examples print a Python dict; read it back as JSON to check it.
  async function runPython(name: string): Promise<unknown> {
    await writeFile(join(dir, name), await example(name));
    const { stdout: printed } = await run(python, [name], { cwd: dir, encoding: 'utf8' });
    const json = execFileSync(python, ['-c', 'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))'], {
      input: printed,
      encoding: 'utf8',
    });
    return JSON.parse(json);
  }

  test('the single prediction example prints a full prediction', async () => {
    const body = (await runPython('predict.py')) as { prediction: string };
    expectValid('/predict', body);
    expect(['Benign', 'Malignant']).toContain(body.prediction);
  });

  test('the batch example prints three results in order', async () => {
    const body = (await runPython('batch_predict.py')) as { total_images: number; results: Array<{ filename: string }> };
    expectValid('/batch-predict', body);
    expect(body.total_images).toBe(3);
    expect(body.results.map((r) => r.filename)).toEqual(['image1.jpg', 'image2.jpg', 'image3.jpg']);
  });
});

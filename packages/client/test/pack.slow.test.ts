// Published quality: the tarballs `pnpm pack` makes (SDK and contract, which move together)
// pass publint and arethetypeswrong, install into a fresh project, and work from ESM, CJS and a
// type-checked TypeScript file, against the real server. The `bcd-api` bin is @bcd-api/cli's
// (its own pack test installs it from these tarballs).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig, type RunningServer, startServer } from '@bcd-api/http';
import { imagesDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageDir } from './helpers.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

// Async only: the server answers from this process, so a synchronous child would deadlock it.
const run = promisify(execFile);
const contractDir = dirname(createRequire(import.meta.url).resolve('@bcd-api/contract/package.json'));
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const quiet = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

const ESM = `
import { createClient, unwrap, isApiError, MAX_FILES_PER_REQUEST } from '@bcd-api/client';
import { createClient as createNodeClient } from '@bcd-api/client/node';
import { createResponseValidator } from '@bcd-api/contract/validator';
const [url, image] = process.argv.slice(2);
const health = await unwrap(createClient({ baseUrl: url }).health());
const result = await createNodeClient({ baseUrl: url }).predict(image);
const empty = await createClient({ baseUrl: url }).predict(new Uint8Array());
const valid = createResponseValidator().validate({ method: 'POST', path: '/predict', status: 200, contentType: 'application/json', body: result.data });
console.log(JSON.stringify({ health: health.status, prediction: result.data.prediction, file: result.data.image_info.filename, valid: valid.valid, emptyIsApiError: isApiError(empty.error), max: MAX_FILES_PER_REQUEST }));
`;

const CJS = `
const { createClient, unwrap, isApiError } = require('@bcd-api/client/node');
const { createResponseValidator } = require('@bcd-api/contract/validator');
const [url, image] = process.argv.slice(2);
(async () => {
  const client = createClient({ baseUrl: url });
  const batch = await unwrap(client.batchPredict([image, image]));
  const card = await unwrap(client.model());
  const valid = createResponseValidator().validate({ method: 'POST', path: '/batch-predict', status: 200, contentType: 'application/json', body: batch });
  console.log(JSON.stringify({ total: batch.total_images, model: card.name, valid: valid.valid, guard: isApiError(new Error('x')) }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const TS = `
import { createClient, isApiError, type PredictionResponse, type ClientResult } from '@bcd-api/client';
import { createClient as createNodeClient, type NodeFileInput } from '@bcd-api/client/node';
import type { paths } from '@bcd-api/contract';
import { createResponseValidator } from '@bcd-api/contract/validator';

export async function check(url: string, file: File): Promise<string> {
  const client = createClient({ baseUrl: url, retries: { retries: 1 }, timeoutMs: 5_000 });
  const result: ClientResult<PredictionResponse> = await client.predict(file);
  if (result.error) return isApiError(result.error) ? result.error.detail + (result.error.requestId ?? '') : result.error.code;
  const level: 'Benign' | 'Malignant' = result.data.prediction;
  const percent: number = result.data.probabilities.malignant;
  const upload: paths['/predict']['post']['requestBody']['content']['multipart/form-data']['file'] = file;
  void upload;
  const inputs: NodeFileInput[] = ['a.png', new URL('file:///b.png'), new Uint8Array()];
  await createNodeClient({ baseUrl: url }).batchPredict(inputs);
  createResponseValidator().validate({ method: 'GET', path: '/health', status: 200, body: {} });
  // @ts-expect-error a number is not a file
  await client.predict(1);
  return level + percent;
}
`;

const CTS = `
import client = require('@bcd-api/client');
import node = require('@bcd-api/client/node');
export const make = (url: string) => [client.createClient({ baseUrl: url }), node.createClient({ baseUrl: url })] as const;
`;

let server: RunningServer;
let work: string;
let clientTarball: string;
let contractTarball: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bcd-sdk-pack-'));
  const [, , running] = await Promise.all([
    // Packs what turbo built before the tests: prepack would rebuild, cleaning dist/ under the
    // test files that run beside this one.
    run('pnpm', ['pack', '--config.ignore-scripts=true', '--pack-destination', work], { cwd: packageDir }),
    run('pnpm', ['pack', '--config.ignore-scripts=true', '--pack-destination', work], { cwd: contractDir }),
    startTestServer(),
  ]);
  server = running;
  const tarballs = await readdir(work);
  clientTarball = join(work, tarballs.find((f) => f.startsWith('bcd-api-client-'))!);
  contractTarball = join(work, tarballs.find((f) => f.startsWith('bcd-api-contract-'))!);
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed SDK', () => {
  test('the tarball holds dist and package files only, with workspace ranges rewritten', async () => {
    const { stdout } = await run('tar', ['-tzf', clientTarball]);
    const files = stdout.trim().split('\n');
    expect(
      files.every((f) => /^package\/(dist\/|package\.json$|README\.md$|LICENSE)/.test(f)),
      files.join('\n'),
    ).toBe(true);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/index.js',
        'package/dist/index.cjs',
        'package/dist/index.d.ts',
        'package/dist/index.d.cts',
        'package/dist/node.js',
        'package/README.md',
      ]),
    );
    // The SDK carries no command: the CLI, and what only it needs, are @bcd-api/cli's.
    expect(files).not.toContain('package/dist/cli.js');
    const { stdout: manifest } = await run('tar', ['-xzOf', clientTarball, 'package/package.json']);
    const pkg = JSON.parse(manifest) as { dependencies: Record<string, string>; bin?: unknown };
    expect(pkg.dependencies['@bcd-api/contract']).toMatch(/^\^\d+\.\d+\.\d+$/);
    // No dicom-parser, no tinyglobby: what the SDK installs is the contract and openapi-fetch.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@bcd-api/contract', 'openapi-fetch']);
    expect(pkg.bin).toBeUndefined();
    // ajv serves only the contract's validator subpath, a test tool: installing the SDK must not bring it.
    const { stdout: contractManifest } = await run('tar', ['-xzOf', contractTarball, 'package/package.json']);
    const contract = JSON.parse(contractManifest) as {
      dependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    expect([pkg.dependencies.ajv, contract.dependencies?.ajv, contract.peerDependenciesMeta?.ajv?.optional]).toEqual([
      undefined,
      undefined,
      true,
    ]);
  });

  test('publint finds nothing to report', async () => {
    const tarball = await readFile(clientTarball);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer },
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`)).toEqual([]);
  });

  test('arethetypeswrong finds no problem for node16 (CJS and ESM) and bundlers', async () => {
    const attw = join(packageDir, 'node_modules', '.bin', 'attw');
    const result = await run(attw, [clientTarball, '--profile', 'node16', '--format', 'ascii'], {
      env: { ...quiet, FORCE_COLOR: '0' },
    }).catch((e: { stdout: string; code: number }) => e);
    expect('code' in result ? result.stdout : '').toBe('');
  });

  test('installs into a fresh project and works from ESM, CJS and TypeScript', async () => {
    const project = join(work, 'app');
    await mkdir(project);
    // The tarball stands in for the contract wherever the client's manifest asks for it.
    const overrides = { '@bcd-api/contract': `file:${contractTarball}` };
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'fresh-app', version: '0.0.0', private: true, pnpm: { overrides } }),
    );
    // pnpm from the store this workspace already filled, with the versions it already holds;
    // the registry is asked only for what the store lacks.
    const versionOf = (name: string, from: string) =>
      (createRequire(join(from, 'package.json'))(`${name}/package.json`) as { version: string }).version;
    const pinned = [`ajv@${versionOf('ajv', contractDir)}`, `@types/node@${versionOf('@types/node', packageDir)}`];
    await run('pnpm', ['add', '--prefer-offline', '--config.confirmModulesPurge=false', clientTarball, contractTarball, ...pinned], {
      cwd: project,
      env: quiet,
    });
    await writeFile(join(project, 'esm.mjs'), ESM);
    await writeFile(join(project, 'cjs.cjs'), CJS);
    await writeFile(join(project, 'check.ts'), TS);
    await writeFile(join(project, 'check-cjs.cts'), CTS);
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: false,
        },
        files: ['check.ts', 'check-cjs.cts'],
      }),
    );
    const image = join(imagesDir, 'breast.jpg');
    const [esm, cjs, types] = await Promise.all([
      run(process.execPath, ['esm.mjs', server.url, image], { cwd: project }),
      run(process.execPath, ['cjs.cjs', server.url, image], { cwd: project }),
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((e: { stdout: string }) => ({
        stdout: `tsc failed:\n${e.stdout}`,
      })),
    ]);
    expect(JSON.parse(esm.stdout)).toEqual({
      health: 'healthy',
      prediction: expect.stringMatching(/^(Benign|Malignant)$/),
      file: 'breast.jpg',
      valid: true,
      emptyIsApiError: true,
      max: 10,
    });
    expect(JSON.parse(cjs.stdout)).toEqual({ total: 2, model: 'tiny-test-model', valid: true, guard: false });
    expect(types.stdout).toBe('');
  });
});

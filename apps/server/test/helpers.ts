import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createResponseValidator } from '@bcd-api/contract';
import { createLogger, loadConfig, startServer, type RunningServer, type StartOptions } from '../src/index.js';

/** The core's committed test images. */
export const fixturesDir = fileURLToPath(new URL('../../../packages/core/test/fixtures/', import.meta.url));

/** Reads a committed test image. */
export function fixture(name: string): Buffer {
  return readFileSync(join(fixturesDir, 'images', name));
}

/** The tiny fixture model: logit = 10 * (mean pixel - 0.5). */
export const tinyModelDir = join(fixturesDir, 'tiny-model');

/** The tiny grey fixture model with mammogram preprocessing and a 4x4 score map. */
export const scoreMapModelDir = join(fixturesDir, 'tiny-score-map-model');

/** The mini-MIAS folder when present (CI and developers' machines), else undefined. */
export const miniMiasDir = ((): string | undefined => {
  const dir = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));
  return existsSync(join(dir, 'images', 'mdb001.png')) ? dir : undefined;
})();

/** Reads a real mini-MIAS film. */
export function film(id: string): Buffer {
  if (!miniMiasDir) throw new Error('mini-MIAS is not available');
  return readFileSync(join(miniMiasDir, 'images', `${id}.png`));
}

/** True when Debian's python3 imports every module named. */
export function pythonHas(...modules: string[]): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * For tests that need something outside Node: in CI its absence fails the run (CI installs
 * it); elsewhere the tests skip and say so loudly. Returns whether it is there.
 */
export function requireInCi(available: boolean, what: string, install: string): boolean {
  if (!available) {
    if (process.env.CI) throw new Error(`CI must have ${what} (${install})`);
    console.warn(`\n*** SKIPPED: tests that need ${what}: ${install}. ***\n`);
  }
  return available;
}

export function warnSkipped(what: string): void {
  console.warn(`\n*** SKIPPED: ${what}: ../shared/data/mini-mias not found (set MINI_MIAS_DIR). CI has it. ***\n`);
}

/** Starts the real server on a free loopback port with the given environment. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_DIR: tinyModelDir, LOG_LEVEL: 'silent', ...env });
  const running = await startServer(config, { logger: createLogger('silent'), ...options });
  await running.model.ready;
  return running;
}

const validator = createResponseValidator();

/** A response read in full and checked against openapi.yaml. */
export interface CheckedResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * Sends a request and asserts that the response matches the contract: documented path,
 * method, status and content type, and a body valid against its schema. Paths outside the
 * contract (404s) must still carry the error schema.
 */
export async function call(baseUrl: string, method: string, path: string, init: RequestInit = {}): Promise<CheckedResponse> {
  const response = await fetch(`${baseUrl}${path}`, { ...init, method });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  const body = contentType?.includes('json') && text !== '' ? JSON.parse(text) : text;
  const pathname = new URL(path, 'http://x').pathname;
  const result = validator.validate({ method, path: pathname, status: response.status, contentType, body });
  if (response.status === 404 && result.errors.some((e) => e.includes('not in the contract'))) {
    expect(body).toMatchObject({ detail: expect.any(String), code: 'NOT_FOUND' });
  } else {
    expect(result.errors, `${method} ${path} -> ${response.status} ${text.slice(0, 300)}`).toEqual([]);
  }
  if (method !== 'OPTIONS') expect(response.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
  // No stack frames, source paths or dependency paths in 5xx bodies.
  if (response.status >= 500) expect(text).not.toMatch(/^\s*at .+:\d+:\d+|\/work\/|node_modules|\.[cm]?[jt]s:\d+/m);
  return { status: response.status, headers: response.headers, body };
}

/** Builds a multipart body with files under a field. */
export function form(field: string, files: Array<[name: string, bytes: Uint8Array]>): FormData {
  const data = new FormData();
  for (const [name, bytes] of files) data.append(field, new Blob([bytes]), name);
  return data;
}

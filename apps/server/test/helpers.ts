import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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

/** Says loudly that a test was skipped for want of the mini-MIAS films; in CI, which has them, fails instead. */
export function warnSkipped(what: string): void {
  const why = `${process.env.MINI_MIAS_DIR ?? '../shared/data/mini-mias'} has no images/mdb001.png (set MINI_MIAS_DIR)`;
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for ${what}: ${why}.`);
  console.warn(`\n*** SKIPPED: ${what}: ${why}. CI has it. ***\n`);
}

/** Starts the real server on a free loopback port with the given environment. */
export async function startTestServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  // No grace period: tests close servers they are done with, and nothing routes to them.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_DIR: tinyModelDir, LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '0', ...env });
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

/** The built server running as a child process, as `pnpm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far, parsed. */
  log: Array<{ msg: string; [key: string]: unknown }>;
  /** Resolves when the log has a line with this `msg`. */
  logged(msg: string): Promise<void>;
  /** The exit code, once the process has exited. */
  exited: Promise<number | null>;
}

/** Spawns `dist/main.js` on a free loopback port; resolves once the model is loaded. */
export async function spawnServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MODEL_DIR: tinyModelDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const log: ServerProcess['log'] = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  let pending = '';
  // The log is read to the end, or a full pipe would stall the server.
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const entry = JSON.parse(line) as ServerProcess['log'][number];
      log.push(entry);
      for (const waiter of waiters.filter((w) => w.msg === entry.msg)) waiter.resolve();
    }
  });
  const logged = (msg: string) =>
    log.some((l) => l.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ msg, resolve });
          void exited.then((code) => reject(new Error(`the server exited (${code}) before logging "${msg}"`)));
        });
  await Promise.all([logged('listening'), logged('model loaded')]);
  const url = log.find((l) => l.msg === 'listening')?.url;
  if (typeof url !== 'string') throw new Error('the server did not log its URL');
  return { url, child, log, logged, exited };
}

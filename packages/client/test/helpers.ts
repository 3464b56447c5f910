import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer, type RunningServer } from '@bcd-api/server';

/** This package's root. */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The inference core's committed test images and tiny model (read-only fixtures). */
export const fixturesDir = fileURLToPath(new URL('../../core/test/fixtures/', import.meta.url));
export const imagesDir = join(fixturesDir, 'images');
/** The tiny fixture model: fast and deterministic (logit = 10 * (mean pixel - 0.5)). */
export const tinyModelDir = join(fixturesDir, 'tiny-model');

/** Reads a committed test image. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(imagesDir, name)));
}

/** Where the mini-MIAS films are looked for: MINI_MIAS_DIR, else ../shared/data/mini-mias beside the repository. */
const miniMiasLookup = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));

/** The mini-MIAS folder when present (CI and developers' machines), else undefined. */
export const miniMiasDir = existsSync(join(miniMiasLookup, 'images', 'mdb001.png')) ? miniMiasLookup : undefined;

/** Path of a real mini-MIAS film. */
export function filmPath(id: string): string {
  if (!miniMiasDir) throw new Error('mini-MIAS is not available');
  return join(miniMiasDir, 'images', `${id}.png`);
}

/** Says loudly that a test was skipped for want of the films; in CI, which has them, fails instead. */
export function warnSkipped(what: string): void {
  const why = `${join(miniMiasLookup, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR)`;
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for ${what}: ${why}.`);
  console.warn(`\n*** SKIPPED: ${what}: ${why}. CI has it. ***\n`);
}

/** Starts the real server in this process on a free loopback port with the tiny model. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_DIR: tinyModelDir, LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '0', ...env });
  // LOG_LEVEL silent: the default logger follows the config.
  const running = await startServer(config);
  await running.model.ready;
  return running;
}

/** A `fetch` that answers from a list of canned responses (or thrown errors) and records each request. */
export function scriptedFetch(script: Array<Response | Error | ((request: Request) => Promise<Response>)>) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const step = script[Math.min(requests.length - 1, script.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step.clone();
  };
  return { fetch, requests };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers } });
}

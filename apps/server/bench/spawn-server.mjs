// Starts the built server as a child process on a free loopback port (the test kit's
// spawnServerProcess), for the benchmark scripts: resolves once /health/ready answers 200,
// with the time that took.
import { fileURLToPath } from 'node:url';
import { spawnServerProcess } from '@bcd-api/test-kit/server';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * @param {Record<string, string>} env extra environment for the server; MODEL_DIR defaults to the
 *   environment's, else the default model (not the test kit's tiny one)
 * @param {URL} [script] another server script to start instead (bench.mjs's floor-server.mjs)
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, startupMs: number, log: import('@bcd-api/test-kit/server').ServerLogLine[] }>}
 *   `log` holds every log line so far, parsed, and keeps growing
 */
export async function spawnServer(env = {}, script = undefined) {
  const started = performance.now();
  const { child, url, log } = await spawnServerProcess(script ? fileURLToPath(script) : main, {
    MODEL_DIR: process.env.MODEL_DIR ?? '',
    ...env,
  });
  for (;;) {
    const res = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (res?.status === 200) break;
    if (performance.now() - started > 30_000) throw new Error('server not ready after 30 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, url, startupMs: performance.now() - started, log };
}

/** The warnings and errors in a server's log. */
export const warningsIn = (log) => log.filter((entry) => entry.level === 'warn' || entry.level === 'error');

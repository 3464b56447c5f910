// Starts the built server as a child process on a free loopback port, for the benchmark
// scripts: resolves once /health/ready answers 200, with the time that took.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * @param {Record<string, string>} env extra environment for the server
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, url: string, startupMs: number, warnings: string[] }>}
 */
export async function spawnServer(env = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const warnings = [];
  let pending = '';
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with code ${code} before listening`)));
    // The log is read to the end, or a full pipe would stall the server.
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const entry = JSON.parse(line);
        if (entry.level === 'warn' || entry.level === 'error') warnings.push(line);
        if (entry.msg === 'listening') resolve(entry.url);
      }
    });
  });
  for (;;) {
    const res = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (res?.status === 200) break;
    if (performance.now() - started > 30_000) throw new Error('server not ready after 30 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, url, startupMs: performance.now() - started, warnings };
}

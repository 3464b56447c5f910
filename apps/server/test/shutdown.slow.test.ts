// Graceful shutdown of the real server process: every connection it accepted gets an HTTP
// answer (200 for work it had taken, or the documented 503), none is reset.
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { call, fixture, form } from '@bcd-api/test-kit';
import { type ServerProcess, spawnServerProcess } from '@bcd-api/test-kit/server';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';

/** The built server's entry point, as `pnpm start` runs it. */
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** A 768x768 PNG of noise (about 600 kB, incompressible), so that uploads take a while. */
let film: Buffer;
beforeAll(async () => {
  const noise = Buffer.alloc(768 * 768);
  let x = 2463534242;
  for (let i = 0; i < noise.length; i++) {
    // xorshift32: fixed noise, the same on every run.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    noise[i] = x & 0xff;
  }
  film = await sharp(noise, { raw: { width: 768, height: 768, channels: 1 } })
    .png()
    .toBuffer();
});

/** The answer a client gets: an HTTP status with its headers and body, or the network error. */
type Outcome = { status: number; headers: Headers; body: any } | { error: string };

async function send(url: string, path: string, body: FormData): Promise<Outcome> {
  try {
    const response = await fetch(`${url}${path}`, { method: 'POST', body });
    return { status: response.status, headers: response.headers, body: await response.json() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: `${(error as Error).message}: ${cause?.code ?? cause?.message ?? ''}` };
  }
}

/** Asserts the promise to clients: 200, or 503 SHUTTING_DOWN with Retry-After and Connection: close. */
function expectAnswered(outcome: Outcome, context: string): void {
  expect(outcome, context).not.toHaveProperty('error');
  if ('error' in outcome) return;
  if (outcome.status === 200) return;
  expect({ status: outcome.status, code: outcome.body.code, retryAfter: outcome.headers.get('retry-after') }, context).toEqual({
    status: 503,
    code: 'SHUTTING_DOWN',
    retryAfter: '5',
  });
  expect(outcome.headers.get('connection'), context).toBe('close');
}

describe('SIGTERM', () => {
  test('finishes a request it had accepted with 200, refuses new work with 503 while the listener stays open, and exits 0', async () => {
    const server = await spawnServerProcess(main, { SHUTDOWN_GRACE_MS: '1500' });
    // Expect: 100-continue: the server says "continue" only once it has taken the request, so
    // the SIGTERM below surely comes after the request was accepted and before its body.
    const boundary = 'shutdown-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    const payload = Buffer.concat([Buffer.from(head), fixture('breast-grey.png'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const accepted = new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${server.url}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': payload.length, Expect: '100-continue' },
      });
      req.on('continue', () => {
        server.child.kill('SIGTERM');
        void server.logged('draining').then(() => req.end(payload));
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    await server.logged('draining');
    const late = await call(server.url, 'POST', '/predict', { body: form('file', [['b.png', fixture('breast-grey.png')]]) });
    expect(late.status).toBe(503);
    expect(late.body.code).toBe('SHUTTING_DOWN');
    expect(late.headers.get('retry-after')).toBe('5');
    expect(late.headers.get('connection')).toBe('close');
    const ready = await call(server.url, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    const done = await accepted;
    expect(done.status).toBe(200);
    expect(done.body.prediction).toMatch(/^(Benign|Malignant)$/);
    expect(await server.exited).toBe(0);
    expect(server.log.map((l) => l.msg)).toContain('stopped');
  });

  test('resets no connection: 50 rounds of concurrent uploads with SIGTERM after 0 to 300 ms', async () => {
    const rounds: Array<{ delayMs: number; outcomes: Outcome[]; code: number | null }> = [];
    const round = async (delayMs: number) => {
      const server: ServerProcess = await spawnServerProcess(main, { SHUTDOWN_GRACE_MS: '1000' });
      const batch = () =>
        form(
          'files',
          Array.from({ length: 10 }, (_, i): [string, Buffer] => [`f${i}.png`, film]),
        );
      const uploads = [
        send(server.url, '/batch-predict', batch()),
        send(server.url, '/batch-predict', batch()),
        send(server.url, '/batch-predict', batch()),
        send(server.url, '/predict', form('file', [['one.png', film]])),
        send(server.url, '/predict', form('file', [['two.png', film]])),
      ];
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      server.child.kill('SIGTERM');
      rounds.push({ delayMs, outcomes: await Promise.all(uploads), code: await server.exited });
    };
    // Delays drawn by fast-check from a logged seed, so a failing round can be replayed.
    const delays = fc.sample(fc.integer({ min: 0, max: 300 }), { numRuns: 50, seed: Number(process.env.SHUTDOWN_SEED ?? 11) });
    // Five servers at a time: the rounds are independent processes.
    for (let i = 0; i < delays.length; i += 5) await Promise.all(delays.slice(i, i + 5).map(round));
    expect(rounds).toHaveLength(50);
    for (const { delayMs, outcomes, code } of rounds) {
      for (const [i, outcome] of outcomes.entries()) expectAnswered(outcome, `upload ${i} with SIGTERM after ${delayMs} ms`);
      expect(code, `exit code with SIGTERM after ${delayMs} ms`).toBe(0);
    }
    const statuses = rounds.flatMap((r) => r.outcomes.map((o) => ('status' in o ? o.status : 0)));
    // Both answers happen: the race is real, not all on one side of it.
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
  }, 240_000);
});

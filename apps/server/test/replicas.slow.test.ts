// Three replicas of the real server behind Debian's HAProxy, with the project's own config
// (deploy/haproxy/haproxy.cfg): under a steady load of single and batch predictions, a rolling
// restart (SIGTERM, then a fresh process) fails no request, and a replica killed mid-request
// loses none that HAProxy or the SDK could replay. The replicas serve the tiny test model, one
// inference worker of one thread each, so that three of them and the load fit on 2 cores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@bcd-api/client';
import { fixture, form, freePorts, type HaproxyInstance, requireHaproxy, startHaproxy } from '@bcd-api/test-kit';
import { type ServerProcess, spawnServerProcess } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/** The built server's entry point, as `pnpm start` runs it. */
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const config = fileURLToPath(new URL('../../../deploy/haproxy/haproxy.cfg', import.meta.url));
const REPLICAS = 3;
const LOOPS = 4;
/** Above HAProxy's detection time (inter 200 ms × fall 1, plus the check itself). */
const GRACE_MS = 1000;
/** Bounds of each load run: it stops at the first of these. */
const LOAD_LIMIT_MS = 40_000;
const LOAD_LIMIT_REQUESTS = 20_000;

const singles = ['breast-grey.png', 'breast.jpg', 'breast.webp', 'breast-16bit.png', 'breast-rgba.png'].map(
  (n) => [n, fixture(n)] as const,
);
/** Four files, 11 kB of multipart: well inside HAProxy's 64 kB buffer, so replayable. */
const batch = ['breast-grey.png', 'breast.webp', 'breast-16bit.png', 'breast-rgba.png'].map((n): [string, Buffer] => [n, fixture(n)]);

const haveHaproxy = requireHaproxy('the replicas test');
const children = new Set<ServerProcess>();
const killAll = () => {
  for (const replica of children) replica.child.kill('SIGKILL');
};
const replicas: Array<ServerProcess | undefined> = [];
let ports: number[] = [];
let haproxy: HaproxyInstance | undefined;
let baseUrl = '';
const tempDir = mkdtempSync(join(tmpdir(), 'bcd-replicas-'));

async function startReplica(index: number): Promise<ServerProcess> {
  const replica = await spawnServerProcess(main, {
    PORT: String(ports[index + 1]),
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
    INFERENCE_WORKERS: '1',
    INFERENCE_THREADS: '1',
  });
  children.add(replica);
  void replica.exited.then(() => children.delete(replica));
  replicas[index] = replica;
  return replica;
}

/** Waits (bounded) until HAProxy logs, after its line `from`, that replica `index` (0-based) is UP or DOWN. */
async function haproxySays(index: number, state: 'UP' | 'DOWN', from: number, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  const line = `Server replicas/r${index + 1} is ${state}`;
  while (!haproxy?.log.slice(from).some((l) => l.includes(line))) {
    if (Date.now() > deadline) throw new Error(`HAProxy did not log "${line}" within ${limitMs} ms`);
    await sleep(20);
  }
}

/** One request's outcome from the client's side: its HTTP status, or the network error. */
interface Outcome {
  path: string;
  status: number;
  error?: string;
}

/** Runs `loops` loops of requests until `stop()` is true or the load's limits pass; resolves to every outcome. */
async function runLoad(send: (n: number) => Promise<Outcome>, stop: () => boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const deadline = Date.now() + LOAD_LIMIT_MS;
  let n = 0;
  const loop = async () => {
    while (!stop() && Date.now() < deadline && n < LOAD_LIMIT_REQUESTS) outcomes.push(await send(n++));
  };
  await Promise.all(Array.from({ length: LOOPS }, loop));
  return outcomes;
}

/** A plain `fetch`, no retry: every non-200 answer and every network error counts as a failure. */
async function sendPlain(n: number): Promise<Outcome> {
  const isBatch = n % 3 === 0;
  const path = isBatch ? '/batch-predict' : '/predict';
  const [name, bytes] = singles[n % singles.length] ?? singles[0]!;
  const body = isBatch ? form('files', batch) : form('file', [[name, bytes]]);
  try {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    if (response.status !== 200) return { path, status: response.status, error: text.slice(0, 200) };
    const json = JSON.parse(text) as { prediction?: string; results?: unknown[] };
    const complete = isBatch ? json.results?.length === batch.length : typeof json.prediction === 'string';
    // A 200 without the whole answer counts as a failure too.
    return complete ? { path, status: 200 } : { path, status: -200, error: text.slice(0, 200) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { path, status: 0, error: `${(error as Error).message} ${cause?.code ?? ''}` };
  }
}

/** HAProxy's request log lines (config's log-format: method path status server retries termination ms). */
function requestLines(from: number): string[][] {
  return (haproxy?.log.slice(from) ?? []).map((l) => l.split(' ')).filter((f) => f[0] === 'POST' && f.length === 7);
}

function tally(outcomes: Outcome[]) {
  const ok = outcomes.filter((o) => o.status === 200).length;
  return { sent: outcomes.length, ok, failed: outcomes.length - ok, batches: outcomes.filter((o) => o.path === '/batch-predict').length };
}

describe.skipIf(!haveHaproxy)('replicas behind HAProxy', () => {
  beforeAll(async () => {
    process.once('exit', killAll);
    ports = await freePorts(REPLICAS + 1);
    await Promise.all(Array.from({ length: REPLICAS }, (_, i) => startReplica(i)));
    const env: Record<string, string> = { BCD_FRONTEND: `127.0.0.1:${ports[0]}` };
    for (let i = 0; i < REPLICAS; i++) env[`BCD_REPLICA_${i + 1}`] = `127.0.0.1:${ports[i + 1]}`;
    haproxy = await startHaproxy({ config, env, port: ports[0] ?? 0 });
    baseUrl = `http://127.0.0.1:${ports[0]}`;
    // Servers start as up in HAProxy; the first checks (200 ms) confirm it before the load.
    await sleep(500);
  }, 60_000);

  afterAll(async () => {
    await haproxy?.stop();
    const running = [...children];
    for (const replica of running) replica.child.kill('SIGTERM');
    // Bounded: spawnServerProcess's child gets SIGKILL if it has not exited in 15 s.
    await Promise.all(running.map((r) => Promise.race([r.exited, sleep(15_000).then(() => r.child.kill('SIGKILL'))])));
    process.off('exit', killAll);
    rmSync(tempDir, { recursive: true, force: true });
  }, 30_000);

  test('a rolling restart of every replica under load fails no request', async () => {
    const started = Date.now();
    const logFrom = haproxy?.log.length ?? 0;
    let done = false;
    const load = runLoad(sendPlain, () => done);
    const exits: Array<number | null> = [];
    try {
      await sleep(2000);
      for (let i = 0; i < REPLICAS; i++) {
        const old = replicas[i];
        if (!old) throw new Error(`replica ${i + 1} is not running`);
        const from = haproxy?.log.length ?? 0;
        old.child.kill('SIGTERM');
        // HAProxy's health check must see readiness drop within the grace period.
        await haproxySays(i, 'DOWN', from, GRACE_MS);
        exits.push(await Promise.race([old.exited, sleep(20_000).then(() => 'hung' as const)]).then((c) => (c === 'hung' ? -1 : c)));
        await startReplica(i);
        await haproxySays(i, 'UP', from);
        await sleep(500);
      }
    } finally {
      done = true;
    }
    const outcomes = await load;
    const counts = tally(outcomes);
    const replayed = requestLines(logFrom).filter((f) => f[4] !== '0');
    console.log(
      `rolling restart: ${counts.sent} requests (${counts.batches} batches of ${batch.length}), ${counts.ok} answered 200, ${counts.failed} failed; ` +
        `HAProxy replayed ${replayed.length} (${replayed.map((f) => `${f[2]} ${f[3]} ${f[4]}`).join(', ')}); ${Date.now() - started} ms`,
    );
    expect(exits).toEqual(Array(REPLICAS).fill(0));
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(counts.sent).toBeGreaterThan(100);
  }, 90_000);

  test('a replica killed mid-request: what HAProxy and the SDK replay is recovered, and the lost are counted', async () => {
    const started = Date.now();
    const logFrom = haproxy?.log.length ?? 0;
    const attempts = new Map<string, number>();
    const client = createClient({
      baseUrl,
      timeoutMs: 30_000,
      retries: { retries: 3, baseDelayMs: 200, maxDelayMs: 10_000 },
      fetch: (request) => {
        const id = request.headers.get('x-request-id') ?? '';
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        return fetch(request);
      },
    });
    const sendSdk = async (n: number): Promise<Outcome> => {
      const requestId = `kill-${n}`;
      const [name, bytes] = singles[n % singles.length] ?? singles[0]!;
      const result =
        n % 3 === 0
          ? await client.batchPredict(
              batch.map(([filename, data]) => ({ filename, data })),
              { requestId },
            )
          : await client.predict({ filename: name, data: bytes }, { requestId });
      const error = result.error ? `${result.error.name}: ${result.error.message}` : undefined;
      return { path: requestId, status: result.error ? 0 : 200, ...(error ? { error } : {}) };
    };
    let done = false;
    const load = runLoad(sendSdk, () => done);
    const victim = replicas[1];
    let caught = 0;
    try {
      await sleep(1000);
      if (!victim) throw new Error('replica 2 is not running');
      // Killed while it holds an admitted request, as its own metrics say (bounded: 3 s of polls).
      for (let tries = 0; tries < 300 && caught === 0; tries++) caught = await inFlight(ports[2] ?? 0);
      victim.child.kill('SIGKILL');
      await haproxySays(1, 'DOWN', logFrom);
      await sleep(2000);
    } finally {
      done = true;
    }
    const outcomes = await load;
    await startReplica(1);
    const counts = tally(outcomes);
    const lost = outcomes.filter((o) => o.status !== 200);
    const recoveredBySdk = outcomes.filter((o) => o.status === 200 && (attempts.get(o.path) ?? 0) > 1).length;
    const replayed = requestLines(logFrom).filter((f) => f[4] !== '0');
    console.log(
      `SIGKILL with ${caught} request(s) in flight on r2: ${counts.sent} requests, ${counts.ok} answered 200, ${lost.length} lost; ` +
        `recovered by the SDK's retry ${recoveredBySdk}; replayed by HAProxy ${replayed.length} (${replayed.map((f) => `${f[3]} ${f[4]} ${f[5]}`).join(', ')}); ${Date.now() - started} ms`,
    );
    expect(await victim?.exited).toBe(null);
    expect(caught).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(counts.sent).toBeGreaterThan(50);
  }, 90_000);
});

/** The replica's `bcd_requests_in_flight`, read from its own `/metrics` (0 when it cannot say). */
async function inFlight(port: number): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(1000) })).text();
    return Number(/^bcd_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

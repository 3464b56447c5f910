// Load test on loopback: drives the real server (a child process) at saturation with real
// mammograms for a bounded time, validates every response against openapi.yaml, and prints
// throughput, latency, status counts, and the server's RSS and open file descriptors over
// time. A script, not a test: `pnpm --filter @bcd-api/server load-test` (builds first).
//
//   node bench/load-test.mjs [--duration 70] [--concurrency 16] [--path /predict]
//   MINI_MIAS_DIR=... MODEL_DIR=...   (defaults: ../shared/data/mini-mias, the default model)
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createResponseValidator } from '@bcd-api/contract/validator';
import { readFilms } from './films.mjs';
import { spawnServer, warningsIn } from './spawn-server.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '70' },
    concurrency: { type: 'string', default: '16' },
    path: { type: 'string', default: '/predict' },
  },
});
const durationS = Number(args.duration);
const concurrency = Number(args.concurrency);
const films = readFilms();

const { child: server, url, log } = await spawnServer({ MAX_PENDING_REQUESTS: String(Math.max(32, concurrency * 2)) });

const validator = createResponseValidator();
const sample = () => {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) * 1024;
  const fds = readdirSync(`/proc/${server.pid}/fd`).length;
  return { t: performance.now(), rss, fds };
};
const samples = [sample()];
const sampler = setInterval(() => samples.push(sample()), 1000);

const statuses = new Map();
const invalid = [];
const latencies = [];
let sent = 0;
let next = 0;
const started = performance.now();
const deadline = started + durationS * 1000;

async function client() {
  while (performance.now() < deadline) {
    const body = new FormData();
    const count = args.path === '/batch-predict' ? 10 : 1;
    for (let k = 0; k < count; k++) {
      const [name, bytes] = films[next++ % films.length];
      body.append(args.path === '/batch-predict' ? 'files' : 'file', new Blob([bytes]), name);
    }
    sent += 1;
    const t0 = performance.now();
    let res;
    try {
      res = await fetch(`${url}${args.path}`, { method: 'POST', body });
    } catch {
      statuses.set('network-error', (statuses.get('network-error') ?? 0) + 1);
      continue;
    }
    const json = await res.json();
    latencies.push(performance.now() - t0);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const result = validator.validate({
      method: 'POST',
      path: args.path,
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: json,
    });
    if (!result.valid) invalid.push({ status: res.status, errors: result.errors });
  }
}
await Promise.all(Array.from({ length: concurrency }, client));
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
samples.push(sample());
server.kill('SIGTERM');
const exitCode = await new Promise((resolve) => server.on('exit', resolve));

const answered = [...statuses.entries()].filter(([k]) => typeof k === 'number').reduce((a, [, v]) => a + v, 0);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
const window = (from, to) => samples.filter((s) => s.t - started >= from * 1000 && s.t - started < to * 1000);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const firstRss = mean(window(0, 20).map((s) => s.rss));
const lastRss = mean(window(elapsed - 20, elapsed + 1).map((s) => s.rss));
const mb = (b) => (b / 1024 / 1024).toFixed(1);
const imagesPerRequest = args.path === '/batch-predict' ? 10 : 1;

console.log(
  `load test: POST ${args.path}, ${concurrency} concurrent clients, ${elapsed.toFixed(1)} s, ${films.length} real mini-MIAS films cycled`,
);
console.log(
  `requests: ${sent} sent, ${answered} answered, ${sent - answered} lost; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(`responses not valid against openapi.yaml: ${invalid.length}${invalid.length ? ` e.g. ${JSON.stringify(invalid[0])}` : ''}`);
console.log(`throughput: ${(answered / elapsed).toFixed(1)} requests/s = ${((answered * imagesPerRequest) / elapsed).toFixed(1)} images/s`);
console.log(`latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${latencies.at(-1)?.toFixed(1)}`);
console.log(
  `server RSS: mean ${mb(firstRss)} MB in the first 20 s, ${mb(lastRss)} MB in the last 20 s (growth ${(((lastRss - firstRss) / firstRss) * 100).toFixed(1)}%), peak ${mb(Math.max(...samples.map((s) => s.rss)))} MB`,
);
console.log(`server open file descriptors: ${samples[1]?.fds ?? samples[0].fds} at the start, ${samples.at(-2)?.fds} at the end`);
console.log(`server exit code after SIGTERM: ${exitCode}; warnings logged: ${warningsIn(log).length}`);

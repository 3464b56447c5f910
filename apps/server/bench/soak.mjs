// Soak benchmark: holds a mixed load on the real server (a child process, the default model)
// for a bounded time and reports the server's peak RSS, every answer by status and code, and
// the requests that got no HTTP answer at all. A script, not a test:
//
//   pnpm --filter @bcd-api/server soak            (builds first; 60 s)
//   node bench/soak.mjs [--duration 60]
//   MINI_MIAS_DIR=... MODEL_DIR=...  and any server variable (INFERENCE_BATCH_SIZE, ...)
//
// The load, 16 clients in all, each sending back to back:
//   6 x /predict, one real film;            4 x /batch-predict, ten real films;
//   2 x /batch-predict, two 3328x4096 16-bit PNGs (the largest kind of scan);
//   1 x a chunked upload that never ends    (refused at MAX_REQUEST_BYTES: 413);
//   1 x a 51 MiB file with a Content-Length (over MAX_FILE_BYTES: 413);
//   2 x garbage: random bytes named .png, and a truncated PNG (400).
// Targets (issue 11): peak RSS < 600 MB, nothing lost, no 5xx but the documented 503s.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createResponseValidator } from '@bcd-api/contract/validator';
import sharp from 'sharp';
import { readFilms } from './films.mjs';
import { spawnServer, warningsIn } from './spawn-server.mjs';

const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '60' } } });
const durationS = Number(args.duration);
const films = readFilms();

// The largest kind of scan: a film upscaled to 3328x4096 16-bit grey, with noise so that PNG
// cannot squeeze it (about 20 MB each).
const noise = Buffer.alloc(3328 * 4096 * 2);
for (let i = 0, x = 2463534242; i < noise.length; i++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  noise[i] = x & 0x3f;
}
const scan = await sharp(noise, { raw: { width: 3328, height: 4096, channels: 1, depth: 'ushort' } })
  .toColourspace('grey16')
  .png({ compressionLevel: 1 })
  .toBuffer();
const oversized = Buffer.alloc(51 * 1024 * 1024, 7);
const garbage = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
const truncated = films[0][1].subarray(0, 20_000);

const { child: server, url, log } = await spawnServer();
const status = () => readFileSync(`/proc/${server.pid}/status`, 'utf8');
const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())[1]);
const rssAtStart = kb('VmRSS');
let rssPeakSampled = rssAtStart;
const sampler = setInterval(() => (rssPeakSampled = Math.max(rssPeakSampled, kb('VmRSS'))), 100);

const validator = createResponseValidator();
const answers = new Map();
const lost = [];
const invalid = [];
let sent = 0;
let next = 0;
const deadline = performance.now() + durationS * 1000;

const form = (field, files) => {
  const body = new FormData();
  for (const [name, bytes] of files) body.append(field, new Blob([bytes]), name);
  return body;
};
/** A body that streams 1 MiB chunks forever: fetch sends it chunked, with no Content-Length. */
const endless = () => {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  const head = Buffer.from('--endless\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n\r\n');
  let first = true;
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(first ? head : chunk);
      first = false;
    },
  });
};

const kinds = {
  predict: () => ({ path: '/predict', body: form('file', [films[next++ % films.length]]) }),
  batch: () => ({
    path: '/batch-predict',
    body: form(
      'files',
      Array.from({ length: 10 }, () => films[next++ % films.length]),
    ),
  }),
  scans: () => ({
    path: '/batch-predict',
    body: form('files', [
      ['scan-a.png', scan],
      ['scan-b.png', scan],
    ]),
  }),
  chunked: () => ({
    path: '/predict',
    body: endless(),
    headers: { 'Content-Type': 'multipart/form-data; boundary=endless' },
    duplex: 'half',
  }),
  oversized: () => ({ path: '/predict', body: form('file', [['huge.png', oversized]]) }),
  garbage: () => ({ path: '/predict', body: form('file', [[next++ % 2 ? 'noise.png' : 'truncated.png', next % 2 ? garbage : truncated]]) }),
};
const clients = [
  ...Array(6).fill('predict'),
  ...Array(4).fill('batch'),
  ...Array(2).fill('scans'),
  'chunked',
  'oversized',
  ...Array(2).fill('garbage'),
];

async function client(kind) {
  while (performance.now() < deadline) {
    const { path, ...init } = kinds[kind]();
    sent += 1;
    let res;
    try {
      res = await fetch(`${url}${path}`, { method: 'POST', ...init });
    } catch (error) {
      // The endless upload is cut by the server after its 413; the answer came first.
      lost.push(`${kind}: ${error.cause?.code ?? error.message}`);
      continue;
    }
    const json = await res.json();
    const key = `${res.status}${json.code ? ` ${json.code}` : ''} (${kind})`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
    const result = validator.validate({
      method: 'POST',
      path,
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: json,
    });
    if (!result.valid) invalid.push({ status: res.status, errors: result.errors });
    if (res.status === 503) await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
}

const started = performance.now();
await Promise.all(clients.map(client));
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
const peakKb = kb('VmHWM');
server.kill('SIGTERM');
const exitCode = await new Promise((resolve) => server.on('exit', resolve));

const mb = (k) => (k / 1024).toFixed(0);
const undocumented = [...answers.keys()].filter(
  (k) => /^5/.test(k) && !/^503 (OVERLOADED|TIMEOUT|SHUTTING_DOWN|INFERENCE_INTERRUPTED|MODEL_UNAVAILABLE)/.test(k),
);
const answered = [...answers.values()].reduce((a, b) => a + b, 0);
const env = ['INFERENCE_BATCH_SIZE', 'INFERENCE_WORKERS', 'MAX_BUFFERED_BYTES', 'MAX_PENDING_REQUESTS']
  .filter((k) => process.env[k])
  .map((k) => `${k}=${process.env[k]}`);
console.log(
  `soak: ${elapsed.toFixed(1)} s, ${clients.length} clients (6 predict, 4 ten-film batches, 2 two-scan batches, 1 endless chunked, 1 oversized, 2 garbage)${env.length ? `; ${env.join(' ')}` : ''}`,
);
console.log(`scan size: ${(scan.length / 1e6).toFixed(1)} MB 16-bit PNG; films: ${films.length} mini-MIAS`);
console.log(`requests: ${sent} sent, ${answered} answered, ${lost.length} lost${lost.length ? ` (${[...new Set(lost)].join('; ')})` : ''}`);
console.log('answers:');
for (const [key, count] of [...answers.entries()].sort()) console.log(`  ${String(count).padStart(5)}  ${key}`);
console.log(`5xx other than the documented 503s: ${undocumented.length ? undocumented.join(', ') : 'none'}`);
console.log(`responses not valid against openapi.yaml: ${invalid.length}${invalid.length ? ` e.g. ${JSON.stringify(invalid[0])}` : ''}`);
console.log(`server RSS: ${mb(rssAtStart)} MB at start, peak ${mb(peakKb)} MB (VmHWM; sampled every 100 ms: ${mb(rssPeakSampled)} MB)`);
console.log(`server exit code after SIGTERM: ${exitCode}; warnings logged: ${warningsIn(log).length}`);

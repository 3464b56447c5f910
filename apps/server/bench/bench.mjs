// Performance benchmark: the compute floor in-process (decode + preprocess + inference, no
// HTTP) for three image classes, then the real server over loopback with real multipart
// uploads at several concurrencies, each figure with its ratio to the floor. A script, not
// a test. Prints Markdown for BENCHMARKS.md.
//
//   pnpm bench                       (from the repository root; builds first)
//   node bench/bench.mjs --smoke     (seconds; what CI runs)
//   options: --seconds N (per server setting, default 15)  MODEL_DIR, MINI_MIAS_DIR
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClassifier } from '@bcd-api/core';
import { defaultModelDir } from '@bcd-api/default-model';
import sharp from 'sharp';
import { spawnServer } from './spawn-server.mjs';

const { values: args } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, seconds: { type: 'string', default: '15' } } });
const smoke = args.smoke;
const seconds = smoke ? 1 : Number(args.seconds);
const here = fileURLToPath(new URL('.', import.meta.url));
const modelDir = process.env.MODEL_DIR || defaultModelDir;
const dataDir = process.env.MINI_MIAS_DIR ?? join(here, '../../../../shared/data/mini-mias');
const haveFilms = existsSync(join(dataDir, 'images', 'mdb001.png'));

// --- Images: real 1024x1024 8-bit PNG films; a 3000x4000 JPEG and a 3328x4096 16-bit PNG made from them.
const filmNames = haveFilms
  ? readdirSync(join(dataDir, 'images'))
      .filter((f) => f.endsWith('.png'))
      .sort()
  : [];
const pngs = haveFilms
  ? filmNames.slice(0, smoke ? 4 : 40).map((f) => readFileSync(join(dataDir, 'images', f)))
  : [
      await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#444' } })
        .grayscale()
        .png()
        .toBuffer(),
    ];
const source = pngs[0];
const jpeg = await sharp(source).resize(3000, 4000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
const png16 = await sharp(source).resize(3328, 4096, { fit: 'fill' }).toColourspace('grey16').png({ compressionLevel: 6 }).toBuffer();
const classes = [
  { name: `1024x1024 8-bit PNG (${haveFilms ? 'mini-MIAS' : 'synthetic'})`, images: pngs },
  { name: '3000x4000 JPEG', images: [jpeg] },
  { name: '3328x4096 16-bit grey PNG', images: [png16] },
];

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (x) => x.toFixed(1);

// --- Floor: in-process, no HTTP.
const classifier = await createClassifier({ modelDir, workers: 2 });
const floor = [];
for (const c of classes) {
  const one = async (bytes) => classifier.classify([await classifier.decode(bytes)]);
  await one(c.images[0]);
  const times = [];
  const stop = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < stop || times.length < 3; i++) {
    const t0 = performance.now();
    await one(c.images[i % c.images.length]);
    times.push(performance.now() - t0);
  }
  // Both cores: two images in flight at a time.
  let done = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    [0, 1].map(async (k) => {
      for (let i = k; performance.now() < until || done < 4; i += 2, done++) await one(c.images[i % c.images.length]);
    }),
  );
  floor.push({ name: c.name, single: percentile(times, 50), perSecond: done / ((performance.now() - t0) / 1000) });
}
await classifier.close();

// --- Server: a child process over loopback.
const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const peakRss = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

// Without the films the uploads are a flat synthetic square, which the input check refuses
// (422): the server then runs with INPUT_CHECK=off, so that it still classifies (and says so below).
const {
  child: server,
  url,
  startupMs,
} = await spawnServer({
  MODEL_DIR: modelDir,
  MAX_PENDING_REQUESTS: '256',
  ...(haveFilms ? {} : { INPUT_CHECK: 'off' }),
});

async function drive(path, concurrency, filesPerRequest) {
  const latencies = [];
  let images = 0;
  let errors = 0;
  let next = 0;
  const ticks0 = cpuTicks(server.pid);
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until || latencies.length < 2) {
        const body = new FormData();
        for (let k = 0; k < filesPerRequest; k++)
          body.append(filesPerRequest > 1 ? 'files' : 'file', new Blob([pngs[next++ % pngs.length]]), 'film.png');
        const t = performance.now();
        const res = await fetch(`${url}${path}`, { method: 'POST', body });
        await res.arrayBuffer();
        if (res.status === 200) images += filesPerRequest;
        else errors += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  return {
    path,
    concurrency,
    filesPerRequest,
    perSecond: images / wall,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpu: (cpuTicks(server.pid) - ticks0) / 100 / wall,
    errors,
  };
}

const runs = [];
for (const c of smoke ? [1, 8] : [1, 2, 8, 32]) runs.push(await drive('/predict', c, 1));
for (const c of smoke ? [1] : [1, 2, 4]) runs.push(await drive('/batch-predict', c, 10));
const rss = peakRss(server.pid);
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));

// --- Report.
const f = floor[0];
console.log(
  `## Results (${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${smoke ? ', SMOKE setting: not a measurement' : ''})`,
);
console.log(
  `\nModel: ${modelDir}${haveFilms ? '' : ' (no films: synthetic images, server with INPUT_CHECK=off)'}\n\n### Floor: decode + preprocess + inference in-process, no HTTP (${seconds} s each)\n`,
);
console.log('| image | one image, p50 ms | images/s, 2 in flight |\n|---|---|---|');
for (const r of floor) console.log(`| ${r.name} | ${ms(r.single)} | ${r.perSecond.toFixed(1)} |`);
console.log(
  `\n### Server over loopback, real multipart uploads of 1024x1024 PNG films (${seconds} s each; the load generator shares the 2 cores)\n`,
);
console.log(
  '| endpoint | concurrency | images/s | vs floor images/s | p50 ms | vs floor one image | p95 ms | p99 ms | server CPU (cores) | errors |\n|---|---|---|---|---|---|---|---|---|---|',
);
for (const r of runs) {
  console.log(
    `| ${r.path}${r.filesPerRequest > 1 ? ` (${r.filesPerRequest} files)` : ''} | ${r.concurrency} | ${r.perSecond.toFixed(1)} | ${((r.perSecond / f.perSecond) * 100).toFixed(0)}% | ${ms(r.p50)} | ${(r.p50 / f.single).toFixed(2)}x | ${ms(r.p95)} | ${ms(r.p99)} | ${r.cpu.toFixed(2)} | ${r.errors} |`,
  );
}
console.log(`\nStart-up to ready (process spawn to /health/ready = 200, model loaded and warmed): ${ms(startupMs)} ms`);
console.log(`Server peak RSS over the whole run: ${rss.toFixed(0)} MB`);

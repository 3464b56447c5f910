// What a heatmap costs and where it points. Part 1: per image, the latency of POST /predict,
// POST /explain (JSON) and POST /explain (PNG overlay) on the same films, one request at a
// time against the real server with the default model, and the answer sizes. Part 2: on every
// mini-MIAS film with a marked lesion, whether the heatmap's peak lands on it (within the
// lesion's radius plus half a cell), against a random cell over tissue. A script, not a test.
// Prints Markdown for BENCHMARKS.md.
//
//   pnpm --filter @bcd-api/server bench:explain           (builds first)
//   node bench/explain.mjs --smoke                         (seconds; what CI runs)
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { spawnServer } from './spawn-server.mjs';

const { values: args } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = process.env.MINI_MIAS_DIR ?? join(here, '../../../../shared/data/mini-mias');
const haveFilms = existsSync(join(dataDir, 'Info.txt'));

/** Lesions of Info.txt: film, class, severity, centre (y from the bottom) and radius. */
const lesions = haveFilms
  ? readFileSync(join(dataDir, 'Info.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => /^mdb\d{3}$/.test(f[0] ?? '') && f.length >= 7 && /^\d+$/.test(f[4] ?? ''))
      .map(([film, , kind, severity, x, y, r]) => ({ film, kind, severity, x: Number(x), y: 1024 - Number(y), r: Number(r) }))
  : [];

const { child, url } = await spawnServer({ MODEL_DIR: '' });
try {
  const send = async (bytes, name, accept) => {
    const body = new FormData();
    body.append('file', new Blob([bytes]), name);
    const started = performance.now();
    const res = await fetch(`${url}${accept === 'predict' ? '/predict' : '/explain'}`, {
      method: 'POST',
      body,
      headers: accept === 'png' ? { Accept: 'image/png' } : {},
    });
    const payload = accept === 'png' ? new Uint8Array(await res.arrayBuffer()) : await res.json();
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(payload)}`);
    return { ms: performance.now() - started, payload, bytes: Number(res.headers.get('content-length') ?? 0) };
  };

  // --- Part 1: cost per image.
  const films = haveFilms
    ? [...new Set(lesions.map((l) => l.film))]
        .slice(0, args.smoke ? 2 : 30)
        .map((f) => ({ name: `${f}.png`, bytes: readFileSync(join(dataDir, 'images', `${f}.png`)) }))
    : [
        {
          name: 'synthetic.png',
          bytes: await sharp({ create: { width: 1024, height: 1024, channels: 1, background: '#555' } })
            .png()
            .toBuffer(),
        },
      ];
  const big = await sharp(films[0].bytes).resize(3328, 4096, { fit: 'fill' }).toColourspace('grey16').png().toBuffer();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [];
  for (const [label, set] of [
    [`1024x1024 8-bit PNG film (${films.length}${haveFilms ? ' mini-MIAS' : ' synthetic'})`, films],
    ['3328x4096 16-bit grey PNG', [{ name: 'big.png', bytes: big }]],
  ]) {
    const rounds = args.smoke ? 1 : set.length === 1 ? 10 : 1;
    const times = { predict: [], json: [], png: [] };
    const sizes = { predict: [], json: [], png: [] };
    for (let round = 0; round < rounds; round++) {
      for (const film of set) {
        // Interleaved, so that drift on a shared machine falls on all three alike.
        for (const kind of ['predict', 'json', 'png']) {
          const { ms, bytes } = await send(film.bytes, film.name, kind);
          times[kind].push(ms);
          sizes[kind].push(bytes);
        }
      }
    }
    rows.push({ label, n: times.predict.length, times, sizes });
  }

  console.log(`## Heatmaps: cost per image\n`);
  console.log(`${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, default model, one request at a time over loopback; medians.\n`);
  console.log('| image | requests each | /predict | /explain JSON | /explain PNG | JSON size | PNG size |');
  console.log('|---|---|---|---|---|---|---|');
  for (const { label, n, times, sizes } of rows) {
    const p = median(times.predict);
    const j = median(times.json);
    const g = median(times.png);
    console.log(
      `| ${label} | ${n} | ${p.toFixed(0)} ms | ${j.toFixed(0)} ms (+${(j - p).toFixed(0)}) | ${g.toFixed(0)} ms (+${(g - p).toFixed(0)}) | ${(median(sizes.json) / 1024).toFixed(1)} KiB | ${(median(sizes.png) / 1024).toFixed(0)} KiB |`,
    );
  }

  // --- Part 2: where the peak lands.
  if (!haveFilms) {
    console.log('\n(no mini-MIAS films: the pointing check is skipped)');
  } else {
    const checked = args.smoke ? lesions.slice(0, 3) : lesions;
    const tally = { all: { hits: 0, chance: 0, n: 0 }, M: { hits: 0, chance: 0, n: 0 }, B: { hits: 0, chance: 0, n: 0 } };
    const byFilm = new Map();
    for (const lesion of checked) {
      let heatmap = byFilm.get(lesion.film);
      const bytes = readFileSync(join(dataDir, 'images', `${lesion.film}.png`));
      if (!heatmap) {
        heatmap = (await send(bytes, `${lesion.film}.png`, 'json')).payload.heatmap;
        byFilm.set(lesion.film, heatmap);
      }
      const { peak, grid_to_image: map, width, height } = heatmap;
      const reach = lesion.r + Math.abs(map.scale_x) / 2;
      const hit = Math.hypot(peak.x - lesion.x, peak.y - lesion.y) <= reach ? 1 : 0;
      // Chance: the share of cells over tissue (grey > 25 at the cell centre) that would count as a hit.
      const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
      let tissue = 0;
      let near = 0;
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const x = map.offset_x + map.scale_x * (c + 0.5);
          const y = map.offset_y + map.scale_y * (r + 0.5);
          if (x < 0 || y < 0 || x >= info.width || y >= info.height) continue;
          if ((data[Math.floor(y) * info.width + Math.floor(x)] ?? 0) <= 25) continue;
          tissue++;
          if (Math.hypot(x - lesion.x, y - lesion.y) <= reach) near++;
        }
      }
      for (const key of ['all', lesion.severity]) {
        const t = tally[key];
        if (!t) continue;
        t.n++;
        t.hits += hit;
        t.chance += tissue ? near / tissue : 0;
      }
    }
    const malignant = checked.filter((l) => l.severity === 'M').length;
    const halfCells = [...byFilm.values()].map((h) => Math.round(Math.abs(h.grid_to_image.scale_x) / 2)).sort((a, b) => a - b);
    console.log('\n## Heatmaps: does the peak land on the lesion?\n');
    console.log(
      `${checked.length} marked lesions of mini-MIAS (${malignant} malignant, the rest benign) on ${byFilm.size} films, which the default model never trained on. A hit: the peak cell's centre within the lesion's radius plus half a cell (${halfCells[0]}-${halfCells.at(-1)} px, with the crop).\n`,
    );
    console.log('| lesions | peak on the lesion | a random cell over tissue (expected) |');
    console.log('|---|---|---|');
    for (const [label, t] of [
      ['malignant', tally.M],
      ['benign', tally.B],
      ['all', tally.all],
    ]) {
      const pct = (x) => (t.n ? ((100 * x) / t.n).toFixed(0) : '-');
      console.log(`| ${label} | ${t.hits} of ${t.n} (${pct(t.hits)}%) | ${t.chance.toFixed(1)} of ${t.n} (${pct(t.chance)}%) |`);
    }
  }
} finally {
  child.kill('SIGTERM');
}

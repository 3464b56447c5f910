// What the input check (issue 20) costs per image, in-process (decode + preprocess + the rule
// measures + inference with the typicality output; no HTTP): one image at a time, median of
// `--runs` after a warm-up, for the kinds of image the server gets. A script, not a test: run it
// in this tree and in a checkout from before the check (same script, same machine), then
// compare; BENCHMARKS.md has the figures.
//
//   node bench/input-check.mjs [--runs N] [--smoke]    (SCREENING_DIR, MINI_MIAS_DIR, MODEL_DIR)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClassifier } from '@bcd-api/core';
import { defaultModelDir } from '@bcd-api/default-model';
import sharp from 'sharp';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '40' }, smoke: { type: 'boolean', default: false } } });
const runs = args.smoke ? 3 : Number(args.runs);
const here = fileURLToPath(new URL('.', import.meta.url));
const shared = join(here, '../../../../shared/data');
const miasDir = process.env.MINI_MIAS_DIR ?? join(shared, 'mini-mias');
const screeningDir = process.env.SCREENING_DIR ?? join(shared, 'rsna-screening-640');

const film = existsSync(join(miasDir, 'images/mdb001.png'))
  ? readFileSync(join(miasDir, 'images/mdb001.png'))
  : await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#444' } })
      .greyscale()
      .png()
      .toBuffer();
const screening = existsSync(join(screeningDir, 'negative'))
  ? readFileSync(join(screeningDir, 'negative', readdirSync(join(screeningDir, 'negative')).sort()[0]))
  : await sharp(film).resize(640, 640).toColourspace('srgb').jpeg().toBuffer();
const kinds = [
  // The screening export is RGB JPEG with grey content: the colour path (one colour resize, then grey).
  ['640x640 RGB JPEG (screening export)', screening],
  ['1024x1024 grey PNG (mini-MIAS film)', film],
  ['3000x4000 RGB JPEG', await sharp(film).resize(3000, 4000, { fit: 'fill' }).toColourspace('srgb').jpeg({ quality: 90 }).toBuffer()],
  ['3328x4096 16-bit grey PNG', await sharp(film).resize(3328, 4096, { fit: 'fill' }).toColourspace('grey16').png().toBuffer()],
];

const classifier = await createClassifier({
  modelDir: process.env.MODEL_DIR || defaultModelDir,
  workers: 1,
  engine: { intraOpThreads: 1 },
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, bytes] of kinds) {
  const decode = [];
  const total = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    const image = await classifier.decode(bytes, name);
    const decoded = performance.now();
    await classifier.classify([image]);
    if (i >= 2) {
      decode.push(decoded - start);
      total.push(performance.now() - start);
    }
  }
  rows.push({ image: name, decode_ms: median(decode), total_ms: median(total) });
}
await classifier.close();
process.stdout.write(`${JSON.stringify({ typicality: Boolean(classifier.card.typicality), rows })}\n`);

// Scores prepared images (a <source>.u8 written by prepare-data.mjs) with a model folder's ONNX
// graph, through the core's own engine, and writes one logit per image: used to score the DDSM
// views with a model that never saw them (the study-rule comparison in the card).
//
//   node screening/score-prepared.mjs --model DIR --source ddsm --out FILE.csv [--work DIR] [--maps FILE.f32]
// --maps also writes every image's score map (float32, image after image) for the box check.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '@bcd-api/core';

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    source: { type: 'string' },
    out: { type: 'string' },
    work: { type: 'string' },
    maps: { type: 'string' },
  },
});
if (!values.model || !values.source || !values.out) throw new Error('usage: --model DIR --source NAME --out FILE.csv');
const work = values.work ?? process.env.SCREENING_WORK ?? join(here, '../work/screening');
const manifest = JSON.parse(await readFile(join(values.model, 'manifest.json'), 'utf8'));
const { size, items } = JSON.parse(await readFile(join(work, `${values.source}.json`), 'utf8'));
if (size !== manifest.input.width) throw new Error(`prepared at ${size} px, the model reads ${manifest.input.width}`);
const grey = await readFile(join(work, `${values.source}.u8`));
const engine = await createEngine({
  engine: 'onnx',
  weightsPath: join(values.model, manifest.weights),
  inputName: manifest.input.name,
  outputNames: [manifest.output.name, ...(values.maps ? [manifest.output.score_map.name] : [])],
  layout: { width: size, height: size, channels: 1, layout: 'NCHW' },
  workers: 1,
  intraOpThreads: 1,
});
const lines = ['id,logit'];
const maps = [];
const batch = 8;
for (let start = 0; start < items.length; start += batch) {
  const count = Math.min(batch, items.length - start);
  const rgb = new Uint8Array(count * size * size * 3);
  for (let p = 0; p < count * size * size; p++) rgb.fill(grey[start * size * size + p], 3 * p, 3 * p + 3);
  const [logits, scoreMaps] = await engine.run(rgb, count);
  if (scoreMaps) maps.push(scoreMaps.data);
  for (let i = 0; i < count; i++) lines.push(`${items[start + i].id},${logits.data[i].toFixed(6)}`);
}
await engine.close();
await writeFile(values.out, `${lines.join('\n')}\n`);
if (values.maps) await writeFile(values.maps, Buffer.concat(maps.map((m) => Buffer.from(m.buffer, m.byteOffset, m.byteLength))));
console.log(`${values.source}: ${items.length} logits from ${manifest.name} ${manifest.version} -> ${values.out}`);

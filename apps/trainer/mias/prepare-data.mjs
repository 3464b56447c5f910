// Turns the mini-MIAS films into the exact tensors the server feeds the model, through
// @bcd-api/core's own decodeImage + writeInputTensor (no second preprocessing that could
// drift). Writes apps/trainer/work/mias/tensors.f32: float32 [N, H, W], the first channel of
// the NCHW input (the films are grey, so R = G = B; checked below), and work/mias/ids.json.
//
//   MINI_MIAS_DIR=../../../../shared/data/mini-mias node prepare-data.mjs
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeImage, tensorSize, writeInputTensor } from '@bcd-api/core';

const here = new URL('.', import.meta.url).pathname;
const dataDir = resolve(process.env.MINI_MIAS_DIR ?? join(here, '../../../../shared/data/mini-mias'));
const manifest = JSON.parse(await readFile(join(here, 'config.json'), 'utf8'));
const size = manifest.input_size;
const layout = { width: size, height: size, channels: 3, layout: 'NCHW' };
const outDir = join(here, '../work/mias');
await mkdir(outDir, { recursive: true });

const files = (await readdir(join(dataDir, 'images'))).filter((f) => /^mdb\d{3}\.png$/.test(f)).sort();
if (files.length === 0) throw new Error(`no mdbNNN.png films under ${dataDir}/images`);
const plane = size * size;
const tensor = new Float32Array(tensorSize(layout));
const out = await open(join(outDir, 'tensors.f32'), 'w');
for (const [index, file] of files.entries()) {
  const image = await decodeImage(await readFile(join(dataDir, 'images', file)), { width: size, height: size, filename: file });
  writeInputTensor(image.rgb, layout, tensor);
  for (let p = 0; p < plane; p++) {
    if (tensor[p] !== tensor[plane + p] || tensor[p] !== tensor[2 * plane + p]) {
      throw new Error(`${file} is not grey: channels differ at pixel ${p}`);
    }
  }
  await out.write(new Uint8Array(tensor.buffer, 0, plane * 4));
  if ((index + 1) % 50 === 0) process.stdout.write(`prepared ${index + 1}/${files.length}\n`);
}
await out.close();
await writeFile(
  join(outDir, 'ids.json'),
  JSON.stringify({ size, ids: files.map((f) => f.replace('.png', '')), data_dir: dataDir }, null, 2),
);
console.log(`wrote ${files.length} tensors of ${size}x${size} to ${outDir}`);

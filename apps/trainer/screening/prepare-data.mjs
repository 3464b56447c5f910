// Turns the screening mammograms (and mini-MIAS, the cross-domain check) into the exact
// pixels the server feeds the model, through @bcd-api/core's own decodeImage with
// `preprocessing: 'mammogram'` and writeInputTensor (no second preprocessing that could drift).
// Writes, per source, <out>/<source>.u8 (uint8 [N, S, S]: the grey tensor times 255, checked
// to be exact) and <out>/<source>.json (ids, labels, patients, view geometry).
//
//   node screening/prepare-data.mjs [--smoke] [--size N --out DIR]
// Sizes and limits come from screening/config.json; --size overrides it for experiments.
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImage, writeInputTensor } from '@bcd-api/core';
import sharp from 'sharp';

const here = new URL('.', import.meta.url).pathname;
const shared = resolve(here, '../../../../shared');
const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, size: { type: 'string' }, out: { type: 'string' } },
});
const config = JSON.parse(await readFile(join(here, 'config.json'), 'utf8'));
const size = Number(values.size ?? (values.smoke ? config.smoke.input_size : config.input_size));
const limit = values.smoke ? config.smoke.limit : Infinity;
values.out ??= process.env.SCREENING_WORK ?? join(here, '../work', values.smoke ? 'smoke' : 'screening');
const screeningDir = resolve(process.env.SCREENING_DIR ?? join(shared, 'data/rsna-screening-640'));
const miasDir = resolve(process.env.MINI_MIAS_DIR ?? join(shared, 'data/mini-mias'));
const ddsmDir = resolve(process.env.DDSM_DIR ?? join(shared, 'data/ddsm-640-boxes'));
await mkdir(values.out, { recursive: true });

/** Every screening image, sorted by name: `<patient>_<image>.jpg` in cancer/ or negative/. */
async function screeningItems() {
  const items = [];
  for (const [folder, label] of [
    ['cancer', 1],
    ['negative', 0],
  ]) {
    for (const file of await readdir(join(screeningDir, folder))) {
      const match = /^(\d+)_(\d+)\.jpg$/.exec(file);
      if (match) items.push({ id: `${match[1]}_${match[2]}`, path: join(screeningDir, folder, file), label, patient: match[1] });
    }
  }
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every mini-MIAS film; labels and lesions are read from Info.txt by the Python side. */
async function miasItems() {
  const files = (await readdir(join(miasDir, 'images'))).filter((f) => /^mdb\d{3}\.png$/.test(f)).sort();
  return files.map((file) => ({ id: file.replace('.png', ''), path: join(miasDir, 'images', file) }));
}

/**
 * One copy of every DDSM source view (the export holds 1-3 copies of a view, each turned by 0, 90,
 * 180 or 270 degrees; see the folder's MANIFEST.md). Pathology comes from the volume letter:
 * A = cancer (label 1); B benign, C normal, D benign without callback (label 0). A copy turned by
 * a quarter is turned back upright first (and its box with it), so that the core's mammogram
 * preprocessing finds the chest wall on a side, as it does in every upload it was made for.
 */
async function ddsmItems() {
  const pattern = /^([ABCD])_(\d+)_(\d+)-(LEFT|RIGHT)_(CC|MLO)_jpg\.rf\.[0-9a-f]+\.jpg$/;
  const byView = new Map();
  for (const file of (await readdir(join(ddsmDir, 'images'))).sort()) {
    const match = pattern.exec(file);
    if (!match) continue;
    const [, volume, kase, n, side, view] = match;
    const sourceView = `${volume}_${kase}_${n}-${side}_${view}`;
    if (!byView.has(sourceView)) byView.set(sourceView, { file, volume, kase, side, view, sourceView });
  }
  // A smoke run takes views spread over the sorted list, so that it holds cancer and the rest.
  const views = [...byView.values()];
  const stride = Number.isFinite(limit) ? Math.max(1, Math.floor(views.length / limit)) : 1;
  const items = [];
  for (const entry of views.filter((_, i) => i % stride === 0)) {
    const path = join(ddsmDir, 'images', entry.file);
    const { bytes, quarterTurned, box } = await uprightDdsm(path, join(ddsmDir, 'labels', entry.file.replace(/\.jpg$/, '.txt')));
    items.push({
      id: entry.sourceView,
      file: entry.file,
      bytes,
      label: entry.volume === 'A' ? 1 : 0,
      pathology: { A: 'cancer', B: 'benign', C: 'normal', D: 'benign_without_callback' }[entry.volume],
      patient: `${entry.volume}_${entry.kase}`,
      laterality: entry.side === 'LEFT' ? 'L' : 'R',
      viewPosition: entry.view,
      quarterTurned,
      box,
    });
  }
  return items;
}

/** Turns a quarter-turned copy upright: the chest wall side is where the grey mass is heavier. */
async function uprightDdsm(path, labelPath) {
  const original = await readFile(path);
  const { data, info } = await sharp(original).greyscale().resize(64, 64, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  let left = 0,
    right = 0,
    top = 0,
    bottom = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const v = data[y * info.width + x];
      if (x < info.width / 2) left += v;
      else right += v;
      if (y < info.height / 2) top += v;
      else bottom += v;
    }
  }
  const [cls, cx, cy, w, h] = (await readFile(labelPath, 'utf8')).trim().split(/\s+/).map(Number);
  const quarterTurned = Math.abs(top - bottom) > Math.abs(left - right);
  if (!quarterTurned) return { bytes: original, quarterTurned, box: { cls, cx, cy, w, h } };
  // Turn by +90 degrees (clockwise): (x, y) -> (1 - y, x) in relative coordinates.
  const bytes = await sharp(original).rotate(90).png().toBuffer();
  return { bytes, quarterTurned, box: { cls, cx: 1 - cy, cy: cx, w: h, h: w } };
}

async function prepare(source, all) {
  const items = all.slice(0, limit);
  if (items.length === 0) throw new Error(`no images for ${source}`);
  const layout = { width: size, height: size, channels: 1, layout: 'NCHW' };
  const tensor = new Float32Array(size * size);
  const out = await open(join(values.out, `${source}.u8`), 'w');
  const meta = [];
  const concurrency = 4;
  for (let start = 0; start < items.length; start += concurrency) {
    const chunk = items.slice(start, start + concurrency);
    const decoded = await Promise.all(
      chunk.map(async (item) =>
        decodeImage(item.bytes ?? (await readFile(item.path)), {
          width: size,
          height: size,
          preprocessing: 'mammogram',
          filename: item.id,
        }),
      ),
    );
    for (const [i, image] of decoded.entries()) {
      writeInputTensor(image.rgb, layout, tensor);
      const grey = new Uint8Array(size * size);
      for (let p = 0; p < grey.length; p++) {
        grey[p] = image.rgb[3 * p];
        // The model reads grey / 255 as float32; the bytes written here must give exactly that.
        if (Math.fround(grey[p] / 255) !== tensor[p]) throw new Error(`${chunk[i].id}: tensor is not grey/255 at pixel ${p}`);
      }
      await out.write(grey);
      const { path: _path, bytes: _bytes, ...item } = chunk[i];
      meta.push({ ...item, width: image.width, height: image.height, view: image.view });
    }
    if (Math.floor((start + chunk.length) / 200) > Math.floor(start / 200)) {
      process.stdout.write(`${source}: ${start + chunk.length}/${items.length}\n`);
    }
  }
  await out.close();
  await writeFile(join(values.out, `${source}.json`), JSON.stringify({ size, items: meta }));
  console.log(`${source}: wrote ${meta.length} images of ${size}x${size} to ${values.out}`);
}

await prepare('screening', await screeningItems());
await prepare('mias', await miasItems());
await prepare('ddsm', await ddsmItems());

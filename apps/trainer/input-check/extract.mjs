// Runs every image of the input check's fit and evaluation through @bcd-api/core as the server
// would (decodeImage with the model's preprocessing, refusing DICOM files whose tags say they
// are not mammograms, the rule checks), then the model's pooled features of those that pass
// decoding, on the core's own ONNX engine (no second preprocessing that could drift).
//
//   node input-check/extract.mjs --features FEATURES.onnx --model-dir DIR [--out DIR] [--smoke]
//
// Mammograms: the RSNA digital screening set, mini-MIAS and DDSM (SCREENING_DIR, MINI_MIAS_DIR,
// DDSM_DIR; default ../shared/data); non-mammograms: the corpus of gather_non_mammograms.py
// (NON_MAMMOGRAMS_DIR, default work/non-mammograms). Writes <out>/features.f32 ([N, C] float32,
// the images that decoded) and <out>/items.json (every image: source, group, outcome, rules).
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, decodeImage, isCoreError, readManifest } from '@bcd-api/core';

const here = new URL('.', import.meta.url).pathname;
const shared = resolve(here, '../../../../shared');
const { values } = parseArgs({
  options: {
    features: { type: 'string' },
    'model-dir': { type: 'string' },
    out: { type: 'string' },
    smoke: { type: 'boolean', default: false },
  },
});
if (!values.features) throw new Error('--features FEATURES.onnx is required (graph.py expose writes it)');
// The model folder whose manifest gives the input (run.sh passes the default model's).
if (!values['model-dir']) throw new Error('--model-dir DIR is required');
const config = JSON.parse(await readFile(join(here, 'config.json'), 'utf8'));
const limit = values.smoke ? config.smoke.per_source : Number.POSITIVE_INFINITY;
const modelDir = resolve(values['model-dir']);
const out = resolve(values.out ?? process.env.INPUT_CHECK_WORK ?? join(here, '../work/input-check'));
const dirs = {
  rsna: resolve(process.env.SCREENING_DIR ?? join(shared, 'data/rsna-screening-640')),
  mias: resolve(process.env.MINI_MIAS_DIR ?? join(shared, 'data/mini-mias')),
  ddsm: resolve(process.env.DDSM_DIR ?? join(shared, 'data/ddsm-640-boxes')),
  non: resolve(process.env.NON_MAMMOGRAMS_DIR ?? join(here, '../work/non-mammograms')),
};
await mkdir(out, { recursive: true });

const sorted = async (dir, pattern) => (await readdir(dir)).filter((f) => pattern.test(f)).sort();

/** Every image, with the group its fold is chosen by (a patient, a DDSM case, a non-mammogram file). */
async function listItems() {
  const items = [];
  const take = (list) => list.slice(0, limit);
  const rsna = [];
  for (const folder of ['cancer', 'negative']) {
    for (const file of await sorted(join(dirs.rsna, folder), /^\d+_\d+\.jpg$/)) {
      rsna.push({
        kind: 'mammogram',
        source: 'rsna',
        id: `${folder}/${file}`,
        group: `rsna-${file.split('_')[0]}`,
        path: join(dirs.rsna, folder, file),
      });
    }
  }
  items.push(...take(rsna));
  // mini-MIAS numbers a patient's two films consecutively: mdb001 and mdb002 are one woman.
  const mias = (await sorted(join(dirs.mias, 'images'), /^mdb\d{3}\.png$/)).map((file) => ({
    kind: 'mammogram',
    source: 'mias',
    id: file,
    group: `mias-${Math.ceil(Number(file.slice(3, 6)) / 2)}`,
    path: join(dirs.mias, 'images', file),
  }));
  items.push(...take(mias));
  // DDSM names start with the volume type and the case: <P>_<case>_<n>-<side>_<view>; a case is one woman.
  const ddsm = (await sorted(join(dirs.ddsm, 'images'), /\.jpg$/)).map((file) => ({
    kind: 'mammogram',
    source: 'ddsm',
    id: file,
    group: `ddsm-${file.split('-')[0].split('_').slice(0, 2).join('_')}`,
    path: join(dirs.ddsm, 'images', file),
  }));
  items.push(...take(ddsm));
  const corpus = JSON.parse(await readFile(join(dirs.non, 'manifest.json'), 'utf8'));
  const bySource = new Map();
  for (const entry of corpus) bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry]);
  for (const [source, entries] of bySource) {
    items.push(
      ...take(entries).map((entry) => ({
        kind: 'non-mammogram',
        source,
        id: entry.file,
        group: `non-${entry.file}`,
        path: join(dirs.non, entry.file),
      })),
    );
  }
  return items;
}

const manifest = await readManifest(modelDir);
const { width, height, preprocessing = 'stretch' } = manifest.input;
const engine = await createEngine({
  engine: 'onnx',
  weightsPath: resolve(values.features),
  inputName: manifest.input.name,
  outputNames: ['input_check_features'],
  layout: manifest.input,
  workers: 2,
  intraOpThreads: 1,
});
const items = await listItems();
const featuresFile = await open(join(out, 'features.f32'), 'w');
const rows = [];
let dims;
let featureRows = 0;
const batch = 8;
for (let start = 0; start < items.length; start += batch) {
  const chunk = items.slice(start, start + batch);
  const decoded = await Promise.all(
    chunk.map(async (item) => {
      try {
        return await decodeImage(await readFile(item.path), { width, height, preprocessing, filename: item.id, refuseNonMammograms: true });
      } catch (error) {
        if (!isCoreError(error)) throw error;
        return { error };
      }
    }),
  );
  const good = [];
  for (const [i, image] of decoded.entries()) {
    const { path: _path, ...item } = chunk[i];
    if ('error' in image) {
      const outcome = image.error.code === 'NOT_A_MAMMOGRAM' ? 'dicom_modality' : 'unreadable';
      rows.push({ ...item, outcome, reason: image.error.message });
      continue;
    }
    // The first failed rule, as the server reports it (inputCheckFailure).
    const failed = image.inputChecks.find((c) => !c.passed);
    rows.push({ ...item, outcome: failed?.check ?? 'rules_passed', row: featureRows++, ...(failed ? { reason: failed.detail } : {}) });
    good.push(image);
  }
  if (good.length > 0) {
    const pixels = new Uint8Array(width * height * 3 * good.length);
    for (const [i, image] of good.entries()) pixels.set(image.rgb, i * width * height * 3);
    const [features] = await engine.run(pixels, good.length);
    dims = features.dims[1];
    await featuresFile.write(new Uint8Array(features.data.buffer, features.data.byteOffset, features.data.byteLength));
  }
  if (Math.floor((start + chunk.length) / 500) > Math.floor(start / 500)) process.stdout.write(`${start + chunk.length}/${items.length}\n`);
}
await featuresFile.close();
await engine.close();
await writeFile(join(out, 'items.json'), JSON.stringify({ dims, items: rows }));
process.stdout.write(`${items.length} images, ${featureRows} with features of ${dims} values, in ${out}\n`);

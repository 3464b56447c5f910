// DICOM through the real server process (`dist/main.js`, the default model, its log captured):
// the `dicom` object on every image endpoint, studies placed by their tags, each bad DICOM a
// 400, and not one identifying value in any response body or log line. The files are made
// here from a mini-MIAS film (or the committed synthetic one) with pydicom and DCMTK.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DICOM_IDENTIFIERS,
  type DicomSpec,
  filmOrFallback,
  requireDicomTools,
  transcodeDicom,
  withoutPreamble,
  writeDicom,
} from '@bcd-api/test-kit';
import { type ServerProcess, spawnServerProcess } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const available = requireDicomTools('the server DICOM tests');
const source = filmOrFallback('DICOM made from a real mini-MIAS film');
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe.skipIf(!available)('DICOM through the server', () => {
  let dir: string;
  let server: ServerProcess;
  let png: Buffer;
  /** Every response body the tests read, for the leak check at the end. */
  const bodies: string[] = [];
  const files: Record<string, Buffer> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcd-dicom-server-'));
    png = await readFile(source.path);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const grey = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const base: DicomSpec = {
      rows: info.height,
      columns: info.width,
      bitsAllocated: 8,
      bitsStored: 8,
      photometricInterpretation: 'MONOCHROME2',
      PresentationIntentType: 'FOR PRESENTATION',
    };
    const make = (name: string, spec: Partial<DicomSpec>, pixels: Uint8Array = grey) =>
      writeDicom(join(dir, `${name}.dcm`), { ...base, ...spec }, pixels);
    for (const [side, view] of [
      ['L', 'CC'],
      ['L', 'MLO'],
      ['R', 'CC'],
      ['R', 'MLO'],
    ] as const) {
      const plain = make(`${side}-${view}`, { ImageLaterality: side, ViewPosition: view });
      files[`${side}-${view}`] = await readFile(transcodeDicom(plain, 'jpeg-lossless-sv1'));
    }
    files.plain = await readFile(make('plain', {}));
    files.noPreamble = Buffer.from(withoutPreamble(files.plain));
    files.extended = await readFile(transcodeDicom(join(dir, 'plain.dcm'), 'jpeg-extended'));
    files.processing = await readFile(make('processing', { PresentationIntentType: 'FOR PROCESSING' }));
    files.report = await readFile(make('report', { pixelData: false, modality: 'SR' }));
    files.frames = await readFile(make('frames', { numberOfFrames: 2 }, new Uint8Array([...grey, ...grey])));
    files.truncated = files.plain.subarray(0, files.plain.length - 5000);
    server = await spawnServerProcess(main, { MODEL_DIR: '', LOG_LEVEL: 'debug' });
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function post(path: string, form: FormData, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', body: form, headers });
    const text = await res.text();
    bodies.push(text);
    return { status: res.status, body: JSON.parse(text) };
  }
  const upload = (field: string, entries: Array<[string, Uint8Array]>) => {
    const form = new FormData();
    for (const [name, bytes] of entries) form.append(field, new Blob([bytes]), name);
    return form;
  };

  test('/predict reads a lossless DICOM as the PNG it was made from, and says what the file is', async () => {
    const fromPng = await post('/predict', upload('file', [['film.png', png]]));
    const fromDicom = await post('/predict', upload('file', [['left-cc.dcm', files['L-CC']!]]));
    expect(fromDicom.status).toBe(200);
    expect(fromDicom.body.image_info.format).toBe('DICOM');
    expect(fromDicom.body.probabilities).toEqual(fromPng.body.probabilities);
    expect(fromDicom.body.image_statistics).toEqual(fromPng.body.image_statistics);
    expect(fromDicom.body.dicom).toEqual({
      modality: 'MG',
      laterality: 'L',
      view: 'CC',
      presentation_intent: 'FOR PRESENTATION',
      photometric_interpretation: 'MONOCHROME2',
      bits_stored: 8,
      transfer_syntax: expect.stringMatching(/JPEG Lossless.*Selection Value 1/),
    });
  });

  test('/batch-predict and /explain carry the dicom object too; a file without preamble reads', async () => {
    const batch = await post(
      '/batch-predict',
      upload('files', [
        ['plain.dcm', files.plain!],
        ['bare.dcm', files.noPreamble!],
      ]),
    );
    expect(batch.body).toMatchObject({ successful: 2, failed: 0 });
    expect(batch.body.results[0].dicom).toMatchObject({ transfer_syntax: 'Explicit VR Little Endian' });
    const explained = await post('/explain', upload('file', [['plain.dcm', files.plain!]]));
    expect(explained.body.dicom.photometric_interpretation).toBe('MONOCHROME2');
    expect(explained.body.heatmap.width).toBe(12);
    // The overlay draws the DICOM's own grey pipeline, at 1024 px on the long side.
    const res = await fetch(`${server.url}/explain`, {
      method: 'POST',
      body: upload('file', [['left-cc.dcm', files['L-CC']!]]),
      headers: { Accept: 'image/png' },
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(1024);
  });

  test('/predict-study places four DICOM views by their tags', async () => {
    const res = await post(
      '/predict-study',
      upload(
        'files',
        (['R-MLO', 'L-CC', 'R-CC', 'L-MLO'] as const).map((k): [string, Uint8Array] => [`${k}.dcm`, files[k]!]),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.missing_views).toEqual([]);
    expect(
      res.body.results.map(
        (r: { laterality: string; view: string; laterality_source: string }) => `${r.laterality}-${r.view}-${r.laterality_source}`,
      ),
    ).toEqual(['R-MLO-dicom', 'L-CC-dicom', 'R-CC-dicom', 'L-MLO-dicom']);
    const form = upload('files', [['L-CC.dcm', files['L-CC']!]]);
    form.append('laterality', 'R');
    const conflict = await post('/predict-study', form);
    expect(conflict).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAMETER', detail: 'L-CC.dcm: the form says laterality R, its DICOM tag says L.' },
    });
    const untagged = await post('/predict-study', upload('files', [['plain.dcm', files.plain!]]));
    expect(untagged.body).toMatchObject({ code: 'LATERALITY_UNKNOWN', detail: expect.stringMatching(/^plain\.dcm: /) });
  });

  test.each([
    ['an unsupported transfer syntax', 'extended', 'UNSUPPORTED_IMAGE', /1\.2\.840\.10008\.1\.2\.4\.51.*JPEG Extended/],
    ['a FOR PROCESSING image', 'processing', 'UNSUPPORTED_IMAGE', /FOR PROCESSING/],
    ['a multi-frame image', 'frames', 'UNSUPPORTED_IMAGE', /frame/],
    ['truncated pixel data', 'truncated', 'CORRUPT_IMAGE', /truncated|damaged/],
  ])('refuses %s with 400 naming the file', async (_, key, code, detail) => {
    const res = await post('/predict', upload('file', [[`${key}.dcm`, files[key]!]]));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, detail: expect.stringMatching(detail) });
    expect(res.body.detail).toMatch(new RegExp(`^${key}\\.dcm: `));
  });

  test('refuses a structured report as not a mammogram, by its Modality, with 422 naming the file', async () => {
    // The input check reads the tags first: the core's own "holds no image" comes after (dicom-errors.test.ts).
    const res = await post('/predict', upload('file', [['report.dcm', files.report!]]));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'NOT_A_MAMMOGRAM',
      detail: 'report.dcm: not a mammogram. Modality SR (structured report); this model reads mammograms (MG).',
    });
  });

  test('no identifying value reaches any response or log line', () => {
    const log = server.log.map((l) => JSON.stringify(l)).join('\n');
    expect(bodies.length).toBeGreaterThan(10);
    expect(log).toMatch(/"path":"\/predict"/);
    // A one-letter value (PatientSex) would match anything: the distinctive ones prove the point.
    for (const value of Object.values(DICOM_IDENTIFIERS).filter((v) => v.length >= 4)) {
      for (const text of [...bodies, log]) expect(text).not.toContain(value);
    }
  });
});

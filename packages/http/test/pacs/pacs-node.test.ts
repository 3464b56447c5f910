// The library's PACS node against a real Orthanc, with the tiny score-map model (fast): the
// analysis stored once, the errors a study or a PACS can cause, and the watch mode of a server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDicomWebClient, jsonString } from '@bcd-api/pacs';
import {
  call,
  DICOM_IDENTIFIERS,
  mammographyStudyImages,
  type OrthancInstance,
  requireOrthanc,
  scoreMapModelDir,
  startOrthanc,
  storeScu,
  writeDicom,
  writeMammographyStudy,
} from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

const available = requireOrthanc('the HTTP library’s PACS node tests');
const { startForTest } = createServerKit({ loadConfig: (env) => loadConfig(env), startServer });
const ROOT = '1.2.826.0.1.3680043.10.1001.2424';

describe.skipIf(!available)('the PACS node', () => {
  let orthanc: OrthancInstance;
  let dir: string;
  let sendStudy: (uid: string) => Promise<void>;

  beforeAll(async () => {
    orthanc = await startOrthanc();
    dir = await mkdtemp(join(tmpdir(), 'bcd-http-pacs-'));
    const images = await mammographyStudyImages('the HTTP library’s PACS node tests');
    sendStudy = async (uid) =>
      storeScu(
        orthanc,
        writeMammographyStudy(join(dir, uid), { studyInstanceUid: uid, images }).map((f) => f.path),
      );
  });

  afterAll(async () => {
    await orthanc?.stop();
    if (orthanc) await rm(orthanc.tempDir, { recursive: true, force: true });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const instances = async (uid: string) => createDicomWebClient({ url: orthanc.dicomWebUrl }).searchInstances(uid);

  test('stores an SR and one overlay per image once, and answers the same analysis the second time', async () => {
    const study = `${ROOT}.1`;
    await sendStudy(study);
    const server = await startForTest({
      MODEL_DIR: scoreMapModelDir,
      DICOMWEB_URL: orthanc.dicomWebUrl,
      DICOM_SR_CLASS: 'comprehensive-3d',
    });
    const first = await call(server.url, 'POST', `/studies/${study}/analyze`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ already_stored: false, result: { successful: 4 }, model: { name: 'tiny-score-map-model' } });
    expect(first.body.stored.report.sop_class_uid).toBe('1.2.840.10008.5.1.4.1.1.88.34');
    expect(first.body.stored.overlays.map((o: { source_sop_instance_uid: string }) => o.source_sop_instance_uid)).toEqual(
      [1, 2, 3, 4].map((n) => `${study}.${n}.1`),
    );
    expect(await instances(study)).toHaveLength(9);
    const second = await call(server.url, 'POST', `/studies/${study}/analyze`);
    expect(second.body.already_stored).toBe(true);
    expect(second.body.result).toEqual(first.body.result);
    expect(await instances(study)).toHaveLength(9);
    const metrics = await server.metrics?.scrape();
    expect(metrics).toContain('bcd_pacs_studies_total{trigger="request",outcome="analysed"} 1');
    expect(metrics).toContain('bcd_pacs_studies_total{trigger="request",outcome="already_stored"} 1');
  });

  test('refuses a study with no mammography image as not analysable, naming its modalities', async () => {
    const study = `${ROOT}.2`;
    const path = writeDicom(
      join(dir, 'ct.dcm'),
      {
        rows: 256,
        columns: 256,
        bitsAllocated: 8,
        bitsStored: 8,
        photometricInterpretation: 'MONOCHROME2',
        modality: 'CT',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        identifying: { ...DICOM_IDENTIFIERS, StudyInstanceUID: study, SeriesInstanceUID: `${study}.1`, SOPInstanceUID: `${study}.1.1` },
      },
      new Uint8Array(256 * 256).fill(90),
    );
    storeScu(orthanc, [path]);
    const server = await startForTest({ MODEL_DIR: scoreMapModelDir, DICOMWEB_URL: orthanc.dicomWebUrl });
    const res = await call(server.url, 'POST', `/studies/${study}/analyze`);
    expect(res).toMatchObject({ status: 422, body: { code: 'STUDY_NOT_ANALYSABLE' } });
    expect(res.body.detail).toBe(`Study ${study} has no mammography (MG) image: its series' modalities are CT.`);
    expect(await instances(study)).toHaveLength(1);
  });

  test('holds a study’s images to the limits an upload has: MAX_FILE_BYTES, and the memory budget', async () => {
    const study = `${ROOT}.1`;
    const small = await startForTest({ MODEL_DIR: scoreMapModelDir, DICOMWEB_URL: orthanc.dicomWebUrl, MAX_FILE_BYTES: '4096' });
    const tooLarge = await call(small.url, 'POST', `/studies/${study}/analyze`);
    expect(tooLarge).toMatchObject({ status: 422, body: { code: 'STUDY_NOT_ANALYSABLE' } });
    expect(tooLarge.body.detail).toMatch(/^Image .+ is \d+ bytes, above this server's limit of 4096 per file \(MAX_FILE_BYTES\)\.$/);
    const tight = await startForTest({
      MODEL_DIR: scoreMapModelDir,
      DICOMWEB_URL: orthanc.dicomWebUrl,
      MAX_REQUEST_BYTES: '4096',
      MAX_BUFFERED_BYTES: '4096',
    });
    const full = await call(tight.url, 'POST', `/studies/${study}/analyze`);
    expect(full).toMatchObject({ status: 503, body: { code: 'OVERLOADED' } });
    // Nothing is left held: the budget is whole again for the next request.
    expect(await tight.metrics?.scrape()).toMatch(/\nbcd_upload_buffered_bytes 0\n/);
  });

  test('answers a PACS that stalls 504 PACS_TIMEOUT, with Retry-After', async () => {
    const { createServer } = await import('node:http');
    const stalled = createServer(() => undefined);
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const port = (stalled.address() as { port: number }).port;
      const server = await startForTest({
        MODEL_DIR: scoreMapModelDir,
        DICOMWEB_URL: `http://127.0.0.1:${port}/dicom-web`,
        DICOMWEB_TIMEOUT_SECONDS: '1',
      });
      const res = await call(server.url, 'POST', `/studies/${ROOT}.9/analyze`);
      expect(res).toMatchObject({ status: 504, body: { code: 'PACS_TIMEOUT' } });
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      stalled.closeAllConnections();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });

  test('watches the PACS with a server: a new study is analysed once, and the watch stops with the server', async () => {
    const study = `${ROOT}.3`;
    await sendStudy(study);
    const server = await startForTest({
      MODEL_DIR: scoreMapModelDir,
      DICOMWEB_URL: orthanc.dicomWebUrl,
      PACS_WATCH: 'on',
      PACS_WATCH_INTERVAL_SECONDS: '0.1',
      PACS_STABLE_SECONDS: '0.3',
    });
    expect(server.watch).toBeDefined();
    await vi.waitFor(async () => expect(await instances(study)).toHaveLength(9), { timeout: 20_000, interval: 100 });
    const report = (await instances(study)).find((i) => jsonString(i, '00080060') === 'SR');
    expect(report).toBeDefined();
    // Study 1's results were there before: the watch found them and stored nothing.
    await vi.waitFor(
      async () => expect(await server.metrics?.scrape()).toContain('bcd_pacs_studies_total{trigger="watch",outcome="already_stored"} 1'),
      { timeout: 20_000, interval: 100 },
    );
    expect(await instances(`${ROOT}.1`)).toHaveLength(9);
    await server.close();
    const polls = async () => (await server.metrics?.scrape())?.split('\n').filter((l) => l.startsWith('bcd_pacs_watch_polls_total'));
    const after = await polls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await polls()).toEqual(after);
  });
});

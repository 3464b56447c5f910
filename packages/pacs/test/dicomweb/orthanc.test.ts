// The client against a real Orthanc 1.10 with its DICOMweb plugin 1.7: a 4-view MG study sent
// with storescu, found with QIDO-RS, fetched with WADO-RS, and stored to with STOW-RS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type MammographyStudyFile,
  mammographyStudyImages,
  type OrthancInstance,
  pythonHas,
  requireInCi,
  requireOrthanc,
  startOrthanc,
  storeScu,
  withoutFileMeta,
  writeMammographyStudy,
} from '@bcd-api/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDicomWebClient, type DicomWebClient, type DicomWebError, isDicomWebError, jsonNumber, jsonString } from '../../src/index.js';

/** The little of dcmjs this test uses, typed here: the package ships no types (the results code declares its own). */
interface DcmjsDict {
  meta: Record<string, { Value: unknown[] }>;
  dict: Record<string, { Value: unknown[] }>;
  write(): ArrayBuffer;
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as { data: { DicomMessage: { readFile(buffer: ArrayBuffer): DcmjsDict } } };

const ready =
  requireOrthanc('the DICOMweb client tests') &&
  requireInCi(pythonHas('pydicom'), 'pydicom for the DICOM generator', 'apt-get install python3-pydicom');

const STUDY = '1.2.826.0.1.3680043.10.1001.23.1';
const STUDY_UID = '0020000D';
const SERIES_UID = '0020000E';
const SOP_INSTANCE_UID = '00080018';

async function failure(promise: Promise<unknown>): Promise<DicomWebError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDicomWebError(error)) throw new Error(`expected a DicomWebError, got ${String(error)}`);
  return error;
}

/** A copy of a Part 10 file under another SOP Instance UID, in the data set and the file meta. */
function withSopInstanceUid(file: Uint8Array, uid: string): Uint8Array {
  const dicom = dcmjs.data.DicomMessage.readFile(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const sop = dicom.dict[SOP_INSTANCE_UID];
  const meta = dicom.meta['00020003'];
  if (!sop || !meta) throw new Error('no SOP Instance UID to change');
  sop.Value = [uid];
  meta.Value = [uid];
  return new Uint8Array(dicom.write());
}

describe.skipIf(!ready)('the DICOMweb client against Orthanc', () => {
  let orthanc: OrthancInstance;
  let client: DicomWebClient;
  let dir: string;
  let files: MammographyStudyFile[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bcd-dicomweb-test-'));
    const images = await mammographyStudyImages('the DICOMweb client tests');
    files = writeMammographyStudy(join(dir, 'study'), { studyInstanceUid: STUDY, images });
    orthanc = await startOrthanc();
    storeScu(
      orthanc,
      files.map((file) => file.path),
    );
    client = createDicomWebClient({ url: orthanc.dicomWebUrl, timeoutMs: 10_000 });
  }, 120_000);

  afterAll(async () => {
    await orthanc?.stop();
    if (orthanc) rmSync(orthanc.tempDir, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('QIDO-RS finds the study once, with its four MG series of one instance each', async () => {
    const studies = await client.searchStudies({ StudyInstanceUID: STUDY, includefield: '00080061' });
    expect(studies).toHaveLength(1);
    const [study] = studies;
    expect(study && jsonString(study, '00080061')).toBe('MG');
    expect(study && jsonNumber(study, '00201206')).toBe(4);
    expect(study && jsonNumber(study, '00201208')).toBe(4);
    expect((await client.searchStudies({ ModalitiesInStudy: 'MG', limit: '100' })).map((s) => jsonString(s, STUDY_UID))).toContain(STUDY);

    const series = await client.searchSeries(STUDY);
    expect(series.map((s) => [jsonString(s, SERIES_UID), jsonString(s, '00080060')]).sort()).toEqual(
      files.map((f) => [f.seriesInstanceUid, 'MG']).sort(),
    );
    const instances = await client.searchInstances(STUDY, { includefield: '00200062,00185101' });
    const seen = instances.map((i) => [jsonString(i, SOP_INSTANCE_UID), jsonString(i, '00200062'), jsonString(i, '00185101')]);
    expect(seen.sort()).toEqual(files.map((f) => [f.sopInstanceUid, f.laterality, f.view]).sort());
  });

  test('a query Orthanc cannot read is DICOMWEB_REFUSED with its 400, not transient', async () => {
    expect(await failure(client.searchStudies({ limit: 'many' }))).toMatchObject({
      code: 'DICOMWEB_REFUSED',
      status: 400,
      transient: false,
    });
  });

  test('QIDO-RS pages with limit and offset', async () => {
    const first = await client.searchInstances(STUDY, { limit: '3' });
    const rest = await client.searchInstances(STUDY, { limit: '3', offset: '3' });
    expect(first).toHaveLength(3);
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(new Set([...first, ...rest].map((i) => jsonString(i, SOP_INSTANCE_UID))).size).toBe(first.length + rest.length);
  });

  test('WADO-RS returns each file with the very data set that storescu sent', async () => {
    for (const file of files) {
      const retrieved = await client.retrieveInstance(STUDY, file.seriesInstanceUid, file.sopInstanceUid);
      // The file meta is Orthanc's own (its implementation UID); the data set is kept as received.
      expect(Buffer.from(withoutFileMeta(retrieved)).equals(withoutFileMeta(readFileSync(file.path)))).toBe(true);
    }
  });

  test('a study Orthanc does not hold has no series or instances, and its instance is a 404 that is not transient', async () => {
    expect(await client.searchStudies({ StudyInstanceUID: '1.2.3.404' })).toEqual([]);
    expect(await client.searchSeries('1.2.3.404')).toEqual([]);
    expect(await client.searchInstances('1.2.3.404')).toEqual([]);
    expect(await failure(client.retrieveInstance('1.2.3.404', '1.2.3.404.1', '1.2.3.404.1.1'))).toMatchObject({
      code: 'DICOMWEB_REFUSED',
      status: 404,
      transient: false,
    });
  });

  test('STOW-RS stores a copy under a new SOP Instance UID into the study, and the same instance again as stored', async () => {
    const [first] = files;
    if (!first) throw new Error('no file');
    const copyUid = `${first.sopInstanceUid}.9`;
    const copy = withSopInstanceUid(readFileSync(first.path), copyUid);
    expect(await client.store(STUDY, [copy])).toEqual({ stored: [copyUid], failed: [] });
    // Orthanc 1.10 answers 200 with the instance in the Referenced SOP Sequence: our result UIDs are deterministic.
    expect(await client.store(STUDY, [copy])).toEqual({ stored: [copyUid], failed: [] });
    // And a file first sent over DIMSE, stored again over STOW-RS.
    expect(await client.store(STUDY, [readFileSync(first.path)])).toEqual({ stored: [first.sopInstanceUid], failed: [] });

    const instances = await client.searchInstances(STUDY);
    expect(instances.map((i) => jsonString(i, SOP_INSTANCE_UID)).sort()).toEqual([...files.map((f) => f.sopInstanceUid), copyUid].sort());
    const retrieved = await client.retrieveInstance(STUDY, first.seriesInstanceUid, copyUid);
    expect(Buffer.from(withoutFileMeta(retrieved)).equals(Buffer.from(withoutFileMeta(copy)))).toBe(true);
  });

  test('STOW-RS into another study fails the instance with its reason (Orthanc: 409)', async () => {
    const [first] = files;
    if (!first) throw new Error('no file');
    expect(await client.store('1.2.3.409', [readFileSync(first.path)])).toEqual({
      stored: [],
      failed: [{ sopInstanceUid: first.sopInstanceUid, reason: 'processing failure (0x0110)' }],
    });
  });

  test('STOW-RS of a part that is not DICOM is DICOMWEB_STORE_FAILED (Orthanc: 400), not transient', async () => {
    const [first] = files;
    if (!first) throw new Error('no file');
    const error = await failure(client.store(STUDY, [readFileSync(first.path), new TextEncoder().encode('not DICOM')]));
    expect(error).toMatchObject({ code: 'DICOMWEB_STORE_FAILED', status: 400, transient: false });
    expect(error.message).toContain('1 stored, 0 failed, 1 not accounted for');
  });

  test('a stopped Orthanc is unreachable and transient; started again, it still holds the study', async () => {
    await orthanc.stop();
    expect(await failure(client.searchStudies())).toMatchObject({ code: 'DICOMWEB_UNREACHABLE', transient: true });
    await orthanc.start();
    expect(await client.searchInstances(STUDY)).toHaveLength(5);
  }, 60_000);
});

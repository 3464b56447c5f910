// The kit's Orthanc harness and 4-view study writer, as the PACS tests use them: a real Orthanc
// on free loopback ports, a study sent with storescu, found again over DICOMweb, and a restart.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type OrthancInstance, requireDicomTools, requireOrthanc, startOrthanc, storeScu, writeMammographyStudy } from '../src/index.js';

const available = requireOrthanc('the test kit’s Orthanc harness') && requireDicomTools('the test kit’s study writer');
const STUDY = '1.2.826.0.1.3680043.10.1001.4242';
/** A grey 300x300 square with a gradient: enough for a file, and fast to write. */
const square = () => ({ data: Uint8Array.from({ length: 300 * 300 }, (_, i) => i % 256), width: 300, height: 300 });

describe.skipIf(!available)('the Orthanc harness', () => {
  let orthanc: OrthancInstance | undefined;
  afterAll(async () => {
    await orthanc?.stop();
    if (orthanc) rmSync(orthanc.tempDir, { recursive: true, force: true });
  });

  test('files a written 4-view study as one MG study, and keeps it across a restart', async () => {
    orthanc = await startOrthanc();
    const dir = await mkdtemp(join(tmpdir(), 'bcd-kit-study-'));
    try {
      const files = writeMammographyStudy(dir, {
        studyInstanceUid: STUDY,
        patientId: 'KIT-1',
        images: [square(), square(), square(), square()],
      });
      expect(files.map((f) => `${f.laterality}-${f.view}`)).toEqual(['L-CC', 'L-MLO', 'R-CC', 'R-MLO']);
      expect(files.map((f) => f.sopInstanceUid)).toEqual([1, 2, 3, 4].map((n) => `${STUDY}.${n}.1`));
      storeScu(
        orthanc,
        files.map((f) => f.path),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const studies = async () =>
      (await (await fetch(`${orthanc?.dicomWebUrl}/studies?StudyInstanceUID=${STUDY}&includefield=00201208`)).json()) as Array<
        Record<string, { Value: unknown[] }>
      >;
    const [study] = await studies();
    expect(study?.['00080061']?.Value).toEqual(['MG']);
    expect(study?.['00201208']?.Value).toEqual([4]);
    await orthanc.stop();
    await expect(fetch(`${orthanc.restUrl}/system`)).rejects.toThrow();
    await orthanc.start();
    expect((await studies())[0]?.['00201208']?.Value).toEqual([4]);
    // Orthanc takes about 3.5 s to stop: a restart is slower than the kit's default test limit.
  }, 30_000);

  test('refuses a study UID that would push the views’ UIDs past 64 characters', () => {
    expect(() => writeMammographyStudy(tmpdir(), { studyInstanceUid: `1.${'2'.repeat(60)}`, images: [] })).toThrow(
      /a 4-view study needs 4 images|not a UID/,
    );
    expect(() =>
      writeMammographyStudy(tmpdir(), { studyInstanceUid: `1.${'2'.repeat(60)}`, images: [square(), square(), square(), square()] }),
    ).toThrow(/not a UID of at most 60 characters/);
  });
});

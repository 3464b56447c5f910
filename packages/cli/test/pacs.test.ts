// `bcd-api pacs analyze` as users run it: a real Orthanc with a 4-view study sent by storescu, the
// real server (the tiny score-map model) connected to it, and the built CLI in a child process.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import {
  mammographyStudyImages,
  type OrthancInstance,
  requireOrthanc,
  scoreMapModelDir,
  startOrthanc,
  storeScu,
  writeMammographyStudy,
} from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, withTempDir } from './helpers.js';

const available = requireOrthanc('the `bcd-api pacs` tests');
const { startTestServer } = createServerKit({ loadConfig, startServer });
const STUDY = '1.2.826.0.1.3680043.10.1001.2323';

describe.skipIf(!available)('bcd-api pacs analyze', () => {
  let orthanc: OrthancInstance;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const images = await mammographyStudyImages('the `bcd-api pacs` tests');
    await withTempDir('bcd-cli-pacs-', async (dir) => {
      storeScu(
        orthanc,
        writeMammographyStudy(join(dir, 'study'), { studyInstanceUid: STUDY, images }).map((f) => f.path),
      );
    });
    server = await startTestServer({ MODEL_DIR: scoreMapModelDir, DICOMWEB_URL: orthanc.dicomWebUrl });
  });

  afterAll(async () => {
    await server?.close();
    await orthanc?.stop();
    if (orthanc) await rm(orthanc.tempDir, { recursive: true, force: true });
  });

  test('prints the study like `study` does and says what it stored; the second time, that it was there', async () => {
    const first = await cli(['pacs', 'analyze', STUDY, '--url', server.url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${STUDY.replaceAll('.', '\\.')}\\.1\\.1 +L +CC +(Benign|Malignant)`));
    expect(first.stdout).toMatch(/\(STUDY\)/);
    expect(first.stdout).toMatch(
      new RegExp(
        `\\nSTORED ${STUDY.replaceAll('.', '\\.')}: report 2\\.25\\.\\d+ \\(SR 1\\.2\\.840\\.10008\\.5\\.1\\.4\\.1\\.1\\.88\\.33\\) and 4 heatmap overlays, by tiny-score-map-model`,
      ),
    );
    expect(first.stdout).toMatch(/For education and research only\. Not for medical diagnosis\./);
    const again = await cli(['pacs', 'analyze', STUDY, '--url', server.url, '--format', 'json']);
    expect(again.code).toBe(0);
    const [answer] = JSON.parse(again.stdout) as Array<{ already_stored: boolean; stored: { overlays: unknown[] } }>;
    expect(answer).toMatchObject({ already_stored: true });
    expect(again.stderr).toMatch(/ALREADY STORED/);
  });

  test('reports a study the PACS does not have as a failure, and exits 1', async () => {
    const res = await cli(['pacs', 'analyze', '1.2.3.4', '--url', server.url]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/FAILED 1\.2\.3\.4: The PACS has no study 1\.2\.3\.4\. \(STUDY_NOT_FOUND\)/);
  });

  test.each([
    [['pacs'], /pacs takes one action, analyze, and none was given/],
    [['pacs', 'send', STUDY], /pacs takes one action, analyze, not 'send'/],
    [['pacs', 'analyze'], /needs the Study Instance UID of at least one study/],
  ])('refuses %j as a usage error', async (args, message) => {
    const res = await cli([...args, '--url', server.url]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});

// The documented topology for a hospital whose PACS is not Orthanc (issue 23): an Orthanc "AI gateway"
// started from docs/pacs/orthanc-gateway.json with docs/pacs/forward-results.lua, a second Orthanc as
// the hospital PACS. The study comes to the gateway by C-STORE as from the PACS, the server analyses it
// there over DICOMweb, and the script sends the results, and only them, on to the PACS's study.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PacsAnalysisResponse } from '@bcd-api/contract';
import { createLogger } from '@bcd-api/http';
import { createDicomWebClient, jsonString } from '@bcd-api/pacs';
import {
  call,
  type MammographyStudyFile,
  mammographyStudyImages,
  type OrthancInstance,
  requireOrthanc,
  scoreMapModelDir,
  startOrthanc,
  storeScu,
  writeMammographyStudy,
} from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const available = requireOrthanc('the Orthanc gateway forwarding test');
const { startTestServer } = createServerKit({ loadConfig, startServer });

const docs = (name: string) => fileURLToPath(new URL(`../../../docs/pacs/${name}`, import.meta.url));
/** The documented gateway configuration, as a site would copy it. */
const GATEWAY = JSON.parse(readFileSync(docs('orthanc-gateway.json'), 'utf8')) as {
  DicomAet: string;
  DicomModalities: { pacs: { AET: string; Host: string; Port: number } };
} & Record<string, unknown>;
const PACS_MODALITY = GATEWAY.DicomModalities.pacs;
const STUDY = '1.2.826.0.1.3680043.10.1001.23.50';
const USER = 'bcd-api';
const PASSWORD = 'gateway-test-only-7f3c9a';

describe.skipIf(!available)('the documented Orthanc AI gateway', () => {
  let dir: string;
  let hospital: OrthancInstance | undefined;
  let gateway: OrthancInstance | undefined;
  let server: RunningServer | undefined;
  let files: MammographyStudyFile[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcd-pacs-forward-'));
    const images = await mammographyStudyImages('the Orthanc gateway forwarding test');
    // The hospital PACS accepts C-STORE from the gateway's AE title (its port is never used: the PACS sends nothing).
    hospital = await startOrthanc({
      aet: PACS_MODALITY.AET,
      config: { Name: 'hospital-pacs', DicomModalities: { gateway: [GATEWAY.DicomAet, '127.0.0.1', 11112] } },
    });
    // The docs' config with what a site replaces: the script's path, a user for the server, the PACS's address.
    gateway = await startOrthanc({
      aet: GATEWAY.DicomAet,
      config: {
        ...GATEWAY,
        LuaScripts: [docs('forward-results.lua')],
        RegisteredUsers: { [USER]: PASSWORD },
        DicomModalities: { pacs: { ...PACS_MODALITY, Host: '127.0.0.1', Port: hospital.dicomPort } },
      },
    });
    files = writeMammographyStudy(join(dir, 'study'), { studyInstanceUid: STUDY, images, patientId: 'PID-FWD-1' });
    // The PACS routes the study to the gateway: C-STORE with the PACS's AE title, as the config expects.
    storeScu(
      gateway,
      files.map((f) => f.path),
      { callingAet: PACS_MODALITY.AET },
    );
  });

  afterAll(async () => {
    await server?.close();
    for (const orthanc of [gateway, hospital]) {
      await orthanc?.stop();
      if (orthanc) await rm(orthanc.tempDir, { recursive: true, force: true });
    }
    await rm(dir, { recursive: true, force: true });
  });

  test('forwards the SR and the four overlays the server stores in the gateway to the PACS’s study, and nothing else', async () => {
    const gatewayLog = () => readFileSync(gateway?.logPath ?? '', 'utf8');
    // The server, on the gateway's host, with the password the config asks for.
    server = await startTestServer(
      {
        MODEL_DIR: scoreMapModelDir,
        DICOMWEB_URL: gateway?.dicomWebUrl ?? '',
        DICOMWEB_USERNAME: USER,
        DICOMWEB_PASSWORD: PASSWORD,
      },
      { logger: createLogger('warn', () => {}) },
    );
    const response = await call(server.url, 'POST', `/studies/${STUDY}/analyze`);
    expect(response.status).toBe(200);
    const { stored, result } = response.body as PacsAnalysisResponse;
    expect(result.successful).toBe(4);
    const expected = [stored.report.sop_instance_uid, ...stored.overlays.map((o) => o.sop_instance_uid)].sort();
    expect(expected).toHaveLength(5);

    const pacs = createDicomWebClient({ url: hospital?.dicomWebUrl ?? '' });
    const held = async () => (await pacs.searchInstances(STUDY, { includefield: '00080060' })).map((i) => jsonString(i, '00080018'));
    await vi.waitFor(async () => expect((await held()).sort(), `the gateway's log:\n${gatewayLog()}`).toEqual(expected), {
      timeout: 30_000,
      interval: 200,
    });

    // The PACS's study holds the five results, none of the mammograms it sent: the script chose five, and only five.
    const modalities = (await pacs.searchSeries(STUDY)).map((s) => jsonString(s, '00080060')).sort();
    expect(modalities).toEqual(['OT', 'SR']);
    for (const file of files) expect(await held()).not.toContain(file.sopInstanceUid);
    const queued = gatewayLog()
      .split('\n')
      .filter((line) => line.includes('bcd-api result'));
    expect(queued.map((line) => /bcd-api result (\w+) /.exec(line)?.[1]).sort()).toEqual(['OT', 'OT', 'OT', 'OT', 'SR']);
    expect(gatewayLog()).not.toContain('PID-FWD-1');
  });
});

// The PACS node end to end, on one machine: a real Orthanc with its DICOMweb plugin, 4-view MG
// studies made from mini-MIAS films and sent with DCMTK's storescu, the real server with the
// default model analysing them (the explicit call and the watch mode), and what it stores back
// checked with the standard's validator (dciodvfy), DCMTK's dsrdump and pydicom.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PacsAnalysisResponse, StudyResponse } from '@bcd-api/contract';
import { defaultModelDir } from '@bcd-api/default-model';
import { createLogger } from '@bcd-api/http';
import { createDicomWebClient, type DicomWebClient, jsonString } from '@bcd-api/pacs';
import {
  call,
  DICOM_IDENTIFIERS,
  form,
  type GreyImage,
  type MammographyStudyFile,
  mammographyStudyImages,
  type OrthancInstance,
  requireOrthanc,
  startOrthanc,
  storeScu,
  writeMammographyStudy,
} from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const available = requireOrthanc('the PACS node end-to-end test');
const { startTestServer } = createServerKit({ loadConfig, startServer });

// Three studies of one patient, as a screening service would see them over the years.
const STUDY = ['1.2.826.0.1.3680043.10.1001.23.1', '1.2.826.0.1.3680043.10.1001.23.2', '1.2.826.0.1.3680043.10.1001.23.3'] as const;
const PATIENT = { patientId: 'PID-PACS-QUOKKA-77', patientName: 'Wombatson^Quilla', accessionNumber: 'ACC-PACS-Z81' };

describe.skipIf(!available)('the PACS node with Orthanc', () => {
  let dir: string;
  let orthanc: OrthancInstance;
  let pacs: DicomWebClient;
  let images: GreyImage[];
  const studies = new Map<string, MammographyStudyFile[]>();
  /** Every log line of every server the tests start, for the leak check at the end. */
  const logLines: string[] = [];
  const servers: RunningServer[] = [];

  const start = async (env: Record<string, string> = {}): Promise<RunningServer> => {
    const server = await startTestServer(
      { MODEL_DIR: defaultModelDir, DICOMWEB_URL: orthanc.dicomWebUrl, ...env },
      { logger: createLogger('debug', (line) => logLines.push(line)) },
    );
    servers.push(server);
    return server;
  };
  const sendStudy = (uid: string) => {
    const files = writeMammographyStudy(join(dir, uid), { studyInstanceUid: uid, images, ...PATIENT });
    studies.set(uid, files);
    storeScu(
      orthanc,
      files.map((f) => f.path),
    );
  };
  const instances = async (uid: string) => (await pacs.searchInstances(uid)).map((i) => jsonString(i, '00080018'));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcd-pacs-'));
    images = await mammographyStudyImages('the PACS node end-to-end test');
    orthanc = await startOrthanc();
    pacs = createDicomWebClient({ url: orthanc.dicomWebUrl });
    sendStudy(STUDY[0]);
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await orthanc?.stop();
    await rm(orthanc?.tempDir ?? '', { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  let analysis: PacsAnalysisResponse;

  test('analyses a study in the PACS as /predict-study does, and stores an SR and four overlays into it', async () => {
    const server = await start();
    const response = await call(server.url, 'POST', `/studies/${STUDY[0]}/analyze`);
    expect(response.status).toBe(200);
    analysis = response.body as PacsAnalysisResponse;
    expect(analysis.already_stored).toBe(false);
    expect(analysis.result.successful).toBe(4);
    expect(analysis.result.missing_views).toEqual([]);
    expect(analysis.stored.overlays).toHaveLength(4);

    // The same four files uploaded to /predict-study get the same verdicts.
    const files = studies.get(STUDY[0]) ?? [];
    const body = form(
      'files',
      await Promise.all(files.map(async (f) => [f.sopInstanceUid, await readFile(f.path)] as [string, Uint8Array])),
    );
    const uploaded = (await call(server.url, 'POST', '/predict-study', { body })).body as StudyResponse;
    expect(analysis.result.results).toEqual(uploaded.results);
    expect(analysis.result.breasts).toEqual(uploaded.breasts);
    expect(analysis.result.study).toEqual(uploaded.study);

    const uids = await instances(STUDY[0]);
    expect(uids).toHaveLength(4 + 4 + 1);
    expect(uids).toContain(analysis.stored.report.sop_instance_uid);
  });

  test('answers a second call from the results already there, and stores nothing twice', async () => {
    const [server] = servers;
    const again = (await call(server?.url ?? '', 'POST', `/studies/${STUDY[0]}/analyze`)).body as PacsAnalysisResponse;
    expect(again.already_stored).toBe(true);
    expect(again.stored).toEqual(analysis.stored);
    expect(again.result).toEqual(analysis.result);
    expect(await instances(STUDY[0])).toHaveLength(9);
  });

  test('completes a result set whose store was cut short before the report, without doubling the overlays', async () => {
    // As if the PACS had gone down between the overlays and the report: the study holds the four overlays only.
    const [lookup] = (await (
      await fetch(`${orthanc.restUrl}/tools/lookup`, { method: 'POST', body: analysis.stored.report.sop_instance_uid })
    ).json()) as Array<{
      ID: string;
    }>;
    expect((await fetch(`${orthanc.restUrl}/instances/${lookup?.ID}`, { method: 'DELETE' })).status).toBe(200);
    expect(await instances(STUDY[0])).toHaveLength(8);
    const [server] = servers;
    const completed = (await call(server?.url ?? '', 'POST', `/studies/${STUDY[0]}/analyze`)).body as PacsAnalysisResponse;
    expect(completed.already_stored).toBe(false);
    expect(completed.stored).toEqual(analysis.stored);
    expect(await instances(STUDY[0])).toHaveLength(9);
  });

  test('stores results that the validator passes, that dsrdump reads as TID 1500 with the API’s probabilities, and whose references resolve', async () => {
    const study = STUDY[0];
    const out = join(dir, 'stored');
    await rm(out, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', out]);
    const stored = [analysis.stored.report, ...analysis.stored.overlays];
    const paths: string[] = [];
    for (const [i, instance] of stored.entries()) {
      const bytes = await pacs.retrieveInstance(study, instance.series_instance_uid, instance.sop_instance_uid);
      const path = join(out, `${i}.dcm`);
      await writeFile(path, bytes);
      paths.push(path);
    }
    for (const path of paths) {
      const report = execFileSync('sh', ['-c', `dciodvfy "${path}" 2>&1 || true`], { encoding: 'utf8' });
      expect(
        report.split('\n').filter((line) => /^Error/.test(line)),
        `dciodvfy ${path}:\n${report}`,
      ).toEqual([]);
    }
    const dump = execFileSync('dsrdump', ['+Pt', '+Pc', paths[0] ?? ''], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(dump).toMatch(/TID 1500/);
    const values = [...dump.matchAll(/\(111047,DCM,"Probability of cancer"\)="([0-9.]+)"/g)].map((m) => Number(m[1]));
    const { result } = analysis;
    const expected = [
      ...result.results.flatMap((r) => ('error' in r ? [] : [r.probabilities.malignant])),
      ...[result.breasts.left, result.breasts.right, result.study].flatMap((r) => (r ? [r.probabilities.malignant] : [])),
    ];
    expect(values.sort()).toEqual(expected.sort());

    // pydicom reads every file; each reference names an instance of the study; no identifying value beyond the references'.
    const sources = (studies.get(study) ?? []).map((f) => f.sopInstanceUid);
    const check = `
import json, sys, pydicom
paths, study, sources = sys.argv[1:-2], sys.argv[-2], json.loads(sys.argv[-1])
out = []
def refs(ds, found):
    for elem in ds.iterall():
        if elem.keyword == 'ReferencedSOPInstanceUID':
            found.add(str(elem.value))
    return found
for p in paths:
    ds = pydicom.dcmread(p)
    out.append({'study': ds.StudyInstanceUID, 'patient': str(ds.PatientID), 'refs': sorted(refs(ds, set())),
                'modality': ds.Modality, 'extra': [k for k in ('InstitutionName','OperatorsName','PatientAddress','OtherPatientIDs','StationName') if k in ds]})
print(json.dumps(out))`;
    const read = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', check, ...paths, study, JSON.stringify(sources)], { encoding: 'utf8' }),
    ) as Array<{
      study: string;
      patient: string;
      refs: string[];
      modality: string;
      extra: string[];
    }>;
    expect(read.map((r) => r.modality)).toEqual(['SR', 'OT', 'OT', 'OT', 'OT']);
    for (const file of read) {
      expect(file.study).toBe(study);
      expect(file.patient).toBe(PATIENT.patientId);
      expect(file.refs.length).toBeGreaterThan(0);
      for (const ref of file.refs) expect(sources).toContain(ref);
      expect(file.extra).toEqual([]);
    }
    // The report references all four images; each overlay its own.
    expect(read[0]?.refs.sort()).toEqual([...sources].sort());
    expect(read.slice(1).map((r) => r.refs)).toEqual(analysis.stored.overlays.map((o) => [o.source_sop_instance_uid]));
  });

  test('answers an unknown study 404, a bad UID 400, a PACS that does not answer 502, and a server without a PACS 404', async () => {
    const [server] = servers;
    const url = server?.url ?? '';
    const unknown = await call(url, 'POST', '/studies/1.2.3.4.5/analyze');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'STUDY_NOT_FOUND' } });
    const bad = await call(url, 'POST', '/studies/1.2.abc/analyze');
    expect(bad).toMatchObject({ status: 400, body: { code: 'INVALID_PARAMETER' } });
    // A PACS that does not answer: 502, worth a retry.
    const cut = await startTestServer({ MODEL_DIR: defaultModelDir, DICOMWEB_URL: 'http://127.0.0.1:1/dicom-web' });
    servers.push(cut);
    const down = await call(cut.url, 'POST', `/studies/${STUDY[0]}/analyze`);
    expect(down).toMatchObject({ status: 502, body: { code: 'PACS_UNAVAILABLE' } });
    expect(down.headers.get('retry-after')).toBe('5');
    const plain = await startTestServer({ MODEL_DIR: defaultModelDir });
    servers.push(plain);
    const none = await call(plain.url, 'POST', `/studies/${STUDY[0]}/analyze`);
    expect(none).toMatchObject({ status: 404, body: { code: 'PACS_NOT_CONFIGURED' } });
  });

  test('watches the PACS: analyses a new study once, repeats nothing after a restart, and recovers when Orthanc comes back', async () => {
    const watchEnv = { PACS_WATCH: 'on', PACS_WATCH_INTERVAL_SECONDS: '0.2', PACS_STABLE_SECONDS: '0.5' };
    const metric = async (server: RunningServer, series: string) => {
      const text = (await server.metrics?.scrape()) ?? '';
      return Number(
        text
          .split('\n')
          .find((l) => l.startsWith(series))
          ?.split(' ')[1] ?? 0,
      );
    };
    sendStudy(STUDY[1]);
    let watcher = await start(watchEnv);
    await vi.waitFor(async () => expect(await instances(STUDY[1])).toHaveLength(9), { timeout: 60_000, interval: 200 });
    // Study 1 had its results from the explicit call: the watch finds them and analyses nothing.
    await vi.waitFor(
      async () => expect(await metric(watcher, 'bcd_pacs_studies_total{trigger="watch",outcome="already_stored"}')).toBe(1),
      {
        timeout: 30_000,
        interval: 200,
      },
    );
    expect(await metric(watcher, 'bcd_pacs_studies_total{trigger="watch",outcome="analysed"}')).toBe(1);
    await watcher.close();

    // A restart: both studies are found done in the PACS itself; nothing is stored again.
    watcher = await start(watchEnv);
    await vi.waitFor(
      async () => expect(await metric(watcher, 'bcd_pacs_studies_total{trigger="watch",outcome="already_stored"}')).toBe(2),
      {
        timeout: 30_000,
        interval: 200,
      },
    );
    expect(await metric(watcher, 'bcd_pacs_studies_total{trigger="watch",outcome="analysed"}')).toBe(0);
    expect(await instances(STUDY[0])).toHaveLength(9);
    expect(await instances(STUDY[1])).toHaveLength(9);

    // Orthanc goes away: the watch's looks fail (with backoff); it comes back with a new study, which is analysed.
    await orthanc.stop();
    await vi.waitFor(async () => expect(await metric(watcher, 'bcd_pacs_watch_polls_total{outcome="failed"}')).toBeGreaterThan(0), {
      timeout: 30_000,
      interval: 100,
    });
    await orthanc.start();
    sendStudy(STUDY[2]);
    await vi.waitFor(async () => expect(await instances(STUDY[2])).toHaveLength(9), { timeout: 60_000, interval: 200 });
    expect(await metric(watcher, 'bcd_pacs_studies_total{trigger="watch",outcome="analysed"}')).toBe(1);
    expect(await instances(STUDY[1])).toHaveLength(9);
  });

  test('logs and counts no patient name, ID or accession number', async () => {
    const scraped = (await Promise.all(servers.map((s) => s.metrics?.scrape() ?? ''))).join('\n');
    const secrets = [PATIENT.patientId, PATIENT.patientName, PATIENT.accessionNumber, DICOM_IDENTIFIERS.InstitutionName ?? '', 'Wombatson'];
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
      expect(scraped).not.toContain(secret);
    }
  });
});

// A real Orthanc (Debian's 1.10 with its DICOMweb plugin 1.7) for the PACS tests: its own
// temporary config, loopback ports picked free, storage in a temporary folder, stopped by the test.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireInCi } from './require-in-ci.js';

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
/** The calling AE title storescu sends (its default), the one modality the generated config lets store. */
const STORESCU_AET = 'STORESCU';
const READY_LIMIT_MS = 20_000;
const STOP_LIMIT_MS = 10_000;

/** A running Orthanc of the test harness. */
export interface OrthancInstance {
  httpPort: number;
  dicomPort: number;
  aet: string;
  /** http://127.0.0.1:<port>/dicom-web */
  dicomWebUrl: string;
  /** http://127.0.0.1:<port>: Orthanc's own REST API. */
  restUrl: string;
  storageDir: string;
  /** Orthanc's log (warnings and errors, Lua's print lines among them), for a test's failure message. */
  logPath: string;
  /** The harness's temporary folder (config, log, and the storage unless one was given): remove it after stop(). */
  tempDir: string;
  /** Stops the process (SIGTERM, waits for exit, bounded). */
  stop(): Promise<void>;
  /** Starts it again on the same ports and storage (for restart tests). */
  start(): Promise<void>;
}

/** What {@link startOrthanc} may be given. */
export interface OrthancOptions {
  /** The storage and index folder (default: `storage` in the harness's temporary folder). */
  storageDir?: string;
  /** Its DICOM AE title (default BCDTEST), e.g. the one a deployment's config names. */
  aet?: string;
  /**
   * Configuration merged over the generated one key by key (a key given replaces the generated
   * value whole), e.g. a documented deployment's config with the test's modalities. The harness's
   * own keys still win, so the instance stays on loopback in its temporary folder: the ports,
   * DicomAet, StorageDirectory, IndexDirectory and RemoteAccessAllowed false.
   */
  config?: Record<string, unknown>;
}

/** Whether Orthanc and its DICOMweb plugin are installed (Debian's orthanc and orthanc-dicomweb). */
export function hasOrthanc(): boolean {
  return existsSync(ORTHANC) && existsSync(DICOMWEB_PLUGIN);
}

/**
 * For the PACS tests: Orthanc, its DICOMweb plugin and DCMTK's storescu must be there in CI (their
 * absence fails the run); elsewhere the tests skip and say so loudly. Returns whether they are there.
 */
export function requireOrthanc(what: string): boolean {
  return requireInCi(
    hasOrthanc() && onPath('storescu'),
    `Orthanc with its DICOMweb plugin and DCMTK for ${what}`,
    'apt-get install orthanc orthanc-dicomweb dcmtk',
  );
}

/**
 * Starts an Orthanc on free loopback ports and waits until it answers (at most 20 s; the error
 * then carries its log's tail). The caller stops it in `afterAll`; a process left behind by a
 * crashed test file is killed when its Node process exits.
 *
 * @example
 * const orthanc = await startOrthanc();
 * afterAll(async () => { await orthanc.stop(); rmSync(orthanc.tempDir, { recursive: true, force: true }); });
 */
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancInstance> {
  const tempDir = mkdtempSync(join(tmpdir(), 'bcd-orthanc-'));
  const storageDir = options.storageDir ?? join(tempDir, 'storage');
  mkdirSync(storageDir, { recursive: true });
  const [httpPort, dicomPort] = await freePorts();
  const aet = options.aet ?? 'BCDTEST';
  const configPath = join(tempDir, 'orthanc.json');
  const logPath = join(tempDir, 'orthanc.log');
  const config = {
    ...orthancConfig({ httpPort, dicomPort, aet, storageDir }),
    ...options.config,
    ...harnessKeys({ httpPort, dicomPort, aet, storageDir }),
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const restUrl = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');

  const instance: OrthancInstance = {
    httpPort,
    dicomPort,
    aet,
    dicomWebUrl: `${restUrl}/dicom-web`,
    restUrl,
    storageDir,
    logPath,
    tempDir,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error('Orthanc is already running');
      const log = openSync(logPath, 'a');
      // Orthanc logs to stderr (warnings and errors only without --verbose): all of it goes to the log file.
      child = spawn(ORTHANC, [configPath], { stdio: ['ignore', log, log] });
      closeSync(log);
      // A spawn failure comes as an 'error' event (exitCode set), which waitUntilReady reports.
      child.on('error', () => {});
      process.once('exit', killOnExit);
      await waitUntilReady(child, restUrl, logPath);
    },
    async stop() {
      const running = child;
      process.off('exit', killOnExit);
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), STOP_LIMIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await instance.start();
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  return instance;
}

/**
 * Sends DICOM files to an Orthanc with DCMTK's storescu over loopback; throws with storescu's output
 * when a store fails. `callingAet` (default STORESCU) lets the files come as from another modality
 * the Orthanc knows, e.g. a hospital PACS routing a study to a gateway.
 */
export function storeScu(
  orthanc: Pick<OrthancInstance, 'dicomPort' | 'aet'>,
  files: readonly string[],
  options: { callingAet?: string } = {},
): void {
  const calling = options.callingAet ?? STORESCU_AET;
  execFileSync('storescu', ['-aet', calling, '-aec', orthanc.aet, '127.0.0.1', String(orthanc.dicomPort), ...files], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

/**
 * The whole configuration (Orthanc reads no other): loopback only, no authentication, the
 * DICOMweb plugin at /dicom-web/, a study stable after 2 s (not the default 60) for watch tests.
 * Orthanc 1.10 has no bind address option: its ports listen on every interface, so HTTP is kept
 * to loopback by RemoteAccessAllowed false, and DICOM by letting only storescu's AE title on
 * 127.0.0.1 store or echo (DicomCheckModalityHost).
 */
function orthancConfig(o: HarnessSettings): Record<string, unknown> {
  return {
    Name: 'bcd-api-test',
    ...harnessKeys(o),
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
    AuthenticationEnabled: false,
    DicomAlwaysAllowEcho: false,
    DicomAlwaysAllowStore: false,
    DicomCheckModalityHost: true,
    // The port is where Orthanc would send to storescu, which it never does; 0 is refused.
    DicomModalities: { storescu: [STORESCU_AET, '127.0.0.1', 11112] },
    StableAge: 2,
    ConcurrentJobs: 1,
    SaveJobs: false,
  };
}

interface HarnessSettings {
  httpPort: number;
  dicomPort: number;
  aet: string;
  storageDir: string;
}

/** The keys no caller's config may change: the harness's ports, AE title, folders and loopback-only HTTP. */
function harnessKeys(o: HarnessSettings): Record<string, unknown> {
  return {
    StorageDirectory: o.storageDir,
    IndexDirectory: o.storageDir,
    HttpPort: o.httpPort,
    DicomPort: o.dicomPort,
    DicomAet: o.aet,
    RemoteAccessAllowed: false,
  };
}

/** Polls GET /system until Orthanc answers, it exits, or the limit passes. */
async function waitUntilReady(child: ChildProcess, restUrl: string, logPath: string): Promise<void> {
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${restUrl}/system`, { signal: AbortSignal.timeout(1000) });
      // 401: up, with authentication on (a caller's config); the harness holds no password.
      if (response.ok || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (!exited) child.kill('SIGKILL');
  const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '(no log)';
  throw new Error(
    `Orthanc did not come up within ${READY_LIMIT_MS} ms (${exited ? `exited with ${child.exitCode ?? child.signalCode}` : 'killed'}); log tail:\n${tail}`,
  );
}

/** Two ports free on loopback now, held together so that the system hands out distinct ones. */
async function freePorts(): Promise<[number, number]> {
  const servers = [createServer(), createServer()];
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return [ports[0] ?? 0, ports[1] ?? 0];
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

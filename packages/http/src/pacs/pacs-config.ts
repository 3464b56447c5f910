import type { SrStorageClass } from '@bcd-api/pacs';

/** The PACS node's settings: where the DICOMweb server is, how to reach it, what to store, and the watch mode. */
export interface PacsConfig {
  /** The DICOMweb service root (DICOMWEB_URL), e.g. `http://127.0.0.1:8042/dicom-web` for Orthanc. */
  dicomWebUrl: string;
  /**
   * Headers every DICOMweb request carries: `Authorization: Bearer <DICOMWEB_TOKEN>`, or Basic
   * from DICOMWEB_USERNAME and DICOMWEB_PASSWORD; none without them.
   */
  headers: Record<string, string>;
  /** One DICOMweb request's limit in ms (DICOMWEB_TIMEOUT_MS, default 30000). */
  timeoutMs: number;
  /** The SR's SOP class (DICOM_SR_CLASS): `comprehensive` (88.33, the default) or `comprehensive-3d` (88.34); viewers differ. */
  srClass: SrStorageClass;
  /** The watch mode (PACS_WATCH=on), or undefined when off (the default). */
  watch?: WatchConfig;
}

/** How the watch mode looks for new studies. */
export interface WatchConfig {
  /** Time between two looks at the PACS in ms (PACS_WATCH_INTERVAL_SECONDS, default 30). */
  intervalMs: number;
  /** A study is analysed once its instance count has not changed for this long in ms (PACS_STABLE_SECONDS, default 60). */
  stableMs: number;
}

type Env = Record<string, string | undefined>;

/** Thrown for a PACS setting the server cannot use; the server's ConfigError wraps nothing else. */
export class PacsConfigError extends Error {
  override readonly name = 'PacsConfigError';
}

const SR_CLASSES: readonly SrStorageClass[] = ['comprehensive', 'comprehensive-3d'];
const isSrClass = (value: string): value is SrStorageClass => SR_CLASSES.some((c) => c === value);

function seconds(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback * 1000;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value >= min && value <= max)) {
    throw new PacsConfigError(`${key} must be a number of seconds from ${min} to ${max} (got "${raw}").`);
  }
  return Math.round(value * 1000);
}

/**
 * Reads the PACS node's settings; undefined when DICOMWEB_URL is unset (the node is off, and a
 * watch mode asked for without it is an error). Throws a {@link PacsConfigError} naming the
 * variable.
 *
 * @example
 * loadPacsConfig({ DICOMWEB_URL: 'http://127.0.0.1:8042/dicom-web', PACS_WATCH: 'on' })?.watch; // { intervalMs: 30000, stableMs: 60000 }
 */
export function loadPacsConfig(env: Env): PacsConfig | undefined {
  const url = env.DICOMWEB_URL?.trim() ?? '';
  const watch = (env.PACS_WATCH ?? 'off').trim().toLowerCase() || 'off';
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(watch)) {
    throw new PacsConfigError(`PACS_WATCH must be on or off (got "${env.PACS_WATCH}").`);
  }
  const watching = watch === 'on' || watch === 'true' || watch === '1';
  if (url === '') {
    if (watching) throw new PacsConfigError('PACS_WATCH=on needs DICOMWEB_URL: the DICOMweb server to watch.');
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PacsConfigError(`DICOMWEB_URL must be an http or https URL, e.g. http://127.0.0.1:8042/dicom-web (got "${url}").`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PacsConfigError(`DICOMWEB_URL must be an http or https URL (got "${url}").`);
  }
  // Credentials in the URL would be logged with it; they go in their own settings.
  if (parsed.username || parsed.password) {
    throw new PacsConfigError('DICOMWEB_URL must not carry credentials: set DICOMWEB_USERNAME and DICOMWEB_PASSWORD, or DICOMWEB_TOKEN.');
  }
  const srClass = (env.DICOM_SR_CLASS ?? 'comprehensive').trim().toLowerCase() || 'comprehensive';
  if (!isSrClass(srClass)) {
    throw new PacsConfigError(`DICOM_SR_CLASS must be comprehensive (88.33) or comprehensive-3d (88.34) (got "${env.DICOM_SR_CLASS}").`);
  }
  return {
    dicomWebUrl: url.replace(/\/+$/, ''),
    headers: authHeaders(env),
    timeoutMs: seconds(env, 'DICOMWEB_TIMEOUT_SECONDS', 30, 1, 600),
    srClass,
    ...(watching
      ? {
          watch: {
            intervalMs: seconds(env, 'PACS_WATCH_INTERVAL_SECONDS', 30, 0.1, 3600),
            stableMs: seconds(env, 'PACS_STABLE_SECONDS', 60, 0, 86_400),
          },
        }
      : {}),
  };
}

function authHeaders(env: Env): Record<string, string> {
  const token = env.DICOMWEB_TOKEN?.trim();
  const username = env.DICOMWEB_USERNAME?.trim();
  const password = env.DICOMWEB_PASSWORD ?? '';
  if (token && username) throw new PacsConfigError('Set DICOMWEB_TOKEN or DICOMWEB_USERNAME and DICOMWEB_PASSWORD, not both.');
  if (token) return { authorization: `Bearer ${token}` };
  if (username) {
    if (username.includes(':')) throw new PacsConfigError('DICOMWEB_USERNAME must not contain a colon (HTTP Basic).');
    return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  }
  if (password) throw new PacsConfigError('DICOMWEB_PASSWORD is set without DICOMWEB_USERNAME.');
  return {};
}

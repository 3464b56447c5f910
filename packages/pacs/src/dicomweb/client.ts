// A DICOMweb client (PS3.18: QIDO-RS, WADO-RS, STOW-RS) on Node's fetch. Not dicomweb-client
// (npm): it runs on XMLHttpRequest, which Node 20 does not have; what it would add here is the
// multipart/related reading and writing of read-multipart.ts and write-multipart.ts.
import type { DicomJson } from './dicom-json.js';
import { DicomWebError } from './errors.js';
import { multipartBoundary, readMultipart } from './read-multipart.js';
import { type ReadResponse, sendRequest } from './send-request.js';
import { isStoreResponse, readStoreOutcome, type StoreOutcome } from './store-outcome.js';
import { writeMultipart } from './write-multipart.js';

/** Where the DICOMweb server is and how to talk to it. */
export interface DicomWebOptions {
  /** The service root, e.g. http://127.0.0.1:8042/dicom-web (no trailing slash needed). */
  url: string;
  /** Extra request headers, e.g. { authorization: 'Bearer …' } or Basic. */
  headers?: Record<string, string>;
  /** Per request, default 30 000 ms. */
  timeoutMs?: number;
  /** The fetch to use (tests inject one); default the global fetch. */
  fetch?: typeof fetch;
}

/** The DICOMweb operations the PACS node needs: find a study's images, fetch them, store results back. */
export interface DicomWebClient {
  /** QIDO-RS `GET /studies?…`: the matching studies ([] for none); `limit` and `offset` page, the caller's to loop. */
  searchStudies(query?: Record<string, string>): Promise<DicomJson[]>;
  /** QIDO-RS `GET /studies/{study}/series?…`; [] when the study is unknown. */
  searchSeries(studyInstanceUid: string, query?: Record<string, string>): Promise<DicomJson[]>;
  /** QIDO-RS `GET /studies/{study}/instances?…`; [] when the study is unknown. */
  searchInstances(studyInstanceUid: string, query?: Record<string, string>): Promise<DicomJson[]>;
  /** WADO-RS of one instance as stored (transfer-syntax=*): the Part 10 file's bytes. */
  retrieveInstance(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    sopInstanceUid: string,
    options?: { signal?: AbortSignal },
  ): Promise<Uint8Array>;
  /** STOW-RS of Part 10 files into one study. */
  store(studyInstanceUid: string, files: readonly Uint8Array[]): Promise<StoreOutcome>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DICOM_JSON = 'application/dicom+json';
const DICOM = 'application/dicom';

/**
 * Creates a DICOMweb client for one server. Every failure is a {@link DicomWebError}.
 *
 * @example
 * const pacs = createDicomWebClient({ url: 'http://127.0.0.1:8042/dicom-web' });
 * const [study] = await pacs.searchStudies({ StudyInstanceUID: uid, includefield: '00080061' });
 */
export function createDicomWebClient(options: DicomWebOptions): DicomWebClient {
  const root = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const send = (init: {
    method: 'GET' | 'POST';
    path: string;
    accept: string;
    what: string;
    body?: { contentType: string; body: Uint8Array };
    signal?: AbortSignal | undefined;
  }) =>
    sendRequest({
      method: init.method,
      url: `${root}${init.path}`,
      headers: { ...options.headers, accept: init.accept, ...(init.body ? { 'content-type': init.body.contentType } : {}) },
      ...(init.body ? { body: init.body.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      timeoutMs,
      fetch: fetchFn,
      what: init.what,
    });

  /** `inStudy`: a 404 means an unknown study, so no match; on /studies it means a wrong service root, an error. */
  const search = async (path: string, query: Record<string, string> | undefined, what: string, inStudy: boolean): Promise<DicomJson[]> => {
    const search = query && Object.keys(query).length > 0 ? `?${queryString(query)}` : '';
    const response = await send({ method: 'GET', path: `${path}${search}`, accept: DICOM_JSON, what });
    // 204: no match (PS3.18 8.3.4). 404 in a study: some routes of Orthanc answer it for an unknown study, others [].
    if (response.status === 204 || (inStudy && response.status === 404)) return [];
    if (!ok(response)) throw refused(what, response);
    if (response.body.byteLength === 0) return [];
    const data = parseJson(response, what);
    if (!Array.isArray(data) || !data.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
      throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: the answer is not an array of DICOM JSON data sets`, {
        status: response.status,
      });
    }
    return data as DicomJson[];
  };

  return {
    searchStudies: (query) => search('/studies', query, 'QIDO-RS search of studies', false),
    searchSeries: (study, query) => search(`/studies/${uid(study)}/series`, query, `QIDO-RS search of the series of study ${study}`, true),
    searchInstances: (study, query) =>
      search(`/studies/${uid(study)}/instances`, query, `QIDO-RS search of the instances of study ${study}`, true),

    async retrieveInstance(study, series, instance, retrieveOptions) {
      const what = `WADO-RS retrieve of instance ${instance}`;
      const response = await send({
        method: 'GET',
        path: `/studies/${uid(study)}/series/${uid(series)}/instances/${uid(instance)}`,
        // transfer-syntax=*: the file as stored, never transcoded (PS3.18 8.7.3.5.2).
        accept: `multipart/related; type="${DICOM}"; transfer-syntax=*`,
        what,
        signal: retrieveOptions?.signal,
      });
      if (!ok(response)) throw refused(what, response);
      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
      if (mediaType === DICOM) return response.body;
      const boundary = multipartBoundary(contentType);
      if (mediaType !== 'multipart/related' || boundary === undefined) {
        throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: the answer is not multipart/related with a boundary`, {
          status: response.status,
        });
      }
      let parts: ReturnType<typeof readMultipart>;
      try {
        parts = readMultipart(response.body, boundary);
      } catch (error) {
        throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: ${(error as Error).message}`, { status: response.status, cause: error });
      }
      const part = parts[0];
      if (part === undefined || part.body.byteLength === 0) {
        throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: the answer has no DICOM part`, { status: response.status });
      }
      // A copy, so that the caller's array is the file alone, not a window on the whole body.
      return new Uint8Array(part.body);
    },

    async store(study, files) {
      const what = `STOW-RS of ${files.length} files into study ${study}`;
      const response = await send({
        method: 'POST',
        path: `/studies/${uid(study)}`,
        accept: DICOM_JSON,
        what,
        body: writeMultipart(files, DICOM),
      });
      // Orthanc answers the per-instance outcome with 200, and with 409 or 400 when some failed.
      const data = response.body.byteLength > 0 ? tryJson(response.body) : undefined;
      if (!isStoreResponse(data)) {
        if (!ok(response)) throw refused(what, response);
        throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: the answer is not a STOW-RS response`, { status: response.status });
      }
      const outcome = readStoreOutcome(data);
      const accounted = outcome.stored.length + outcome.failed.length;
      if (accounted < files.length) {
        throw new DicomWebError(
          'DICOMWEB_STORE_FAILED',
          `${what}: HTTP ${response.status}, ${outcome.stored.length} stored, ${outcome.failed.length} failed, ${files.length - accounted} not accounted for (unreadable)`,
          { status: response.status },
        );
      }
      return outcome;
    },
  };
}

function ok(response: ReadResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** An HTTP error status, without the body: a server may echo the query, which can hold a patient's name or ID. */
function refused(what: string, response: ReadResponse): DicomWebError {
  return new DicomWebError('DICOMWEB_REFUSED', `${what}: HTTP ${response.status}`, { status: response.status });
}

function parseJson(response: ReadResponse, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch (error) {
    throw new DicomWebError('DICOMWEB_BAD_RESPONSE', `${what}: the answer is not JSON`, { status: response.status, cause: error });
  }
}

function tryJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

/**
 * The query, each value percent-encoded but for its commas: PS3.18 lists `includefield` values
 * with commas, and Orthanc's DICOMweb plugin 1.7 splits them before decoding, so an encoded `%2C`
 * silently drops the fields asked for (measured). RFC 3986 lets a comma stand unencoded.
 */
function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replaceAll('%2C', ',')}`)
    .join('&');
}

function uid(value: string): string {
  return encodeURIComponent(value);
}

import type {
  BatchPredictionResponse,
  HealthResponse,
  Laterality,
  ModelCard,
  PacsAnalysisResponse,
  PredictionResponse,
  paths,
  StudyResponse,
} from '@bcd-api/contract';
import type { Client as FetchClient } from 'openapi-fetch';
import { createApiError, InputError, isClientError } from '../errors.js';
import type { FileResolver, NamedBlob, StudyFile } from '../file-input.js';
import { MAX_STUDY_IMAGES } from '../limits.js';
import type { ExplainOptions, RequestOptions } from '../options.js';
import type { ClientResult } from '../result.js';
import { readError, readUploads, studyBody, uploadsBody } from './multipart.js';
import { type Transport, unreachable } from './transport.js';

/** What the endpoints are built on. */
export interface EndpointsInit<F> {
  /** The openapi-fetch client of the spec's paths, sending through `transport`. */
  raw: FetchClient<paths>;
  transport: Transport;
  /** Reads a caller's file into an upload. */
  resolve: FileResolver<F>;
  baseUrl: string;
}

/** What openapi-fetch resolves to. */
interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The API's operations, each one openapi-fetch call through the transport, its outcome made a
 * {@link ClientResult}: the spec's paths and bodies live here, the transport and the batch
 * fan-out elsewhere.
 */
export function createEndpoints<F>({ raw, transport, resolve, baseUrl }: EndpointsInit<F>) {
  /** openapi-fetch's options of one call: its signal, its headers, and the transport with its limit. */
  const init = (call: RequestOptions | undefined) => ({
    ...(call?.signal ? { signal: call.signal } : {}),
    headers: { ...call?.headers, ...(call?.requestId ? { 'X-Request-Id': call.requestId } : {}) },
    fetch: (request: Request) => transport(request, call?.timeoutMs),
  });

  /** The outcome of a call: `data` on a 2xx, else the typed error; never throws. */
  async function settle<T>(pending: Promise<FetchOutcome>): Promise<ClientResult<T>> {
    try {
      const { data, error, response } = await pending;
      return response.ok
        ? { data: data as T, response }
        : { error: createApiError({ status: response.status, headers: response.headers, body: error }), response };
    } catch (cause) {
      // The transport rejects with typed errors only; anything else is an answer that could not be read.
      return { error: isClientError(cause) ? cause : unreachable(baseUrl, cause) };
    }
  }

  /** One image, named `image` when the input has no name of its own. */
  async function readOne(file: F): Promise<NamedBlob | { error: ReturnType<typeof readError> }> {
    try {
      return await resolve(file, 'image');
    } catch (cause) {
      return { error: readError(cause, 'the file') };
    }
  }

  return {
    health: (call?: RequestOptions) => settle<HealthResponse>(raw.GET('/health', init(call))),

    model: (call?: RequestOptions) => settle<ModelCard>(raw.GET('/model', init(call))),

    async predict(file: F, call?: RequestOptions): Promise<ClientResult<PredictionResponse>> {
      const upload = await readOne(file);
      if ('error' in upload) return upload;
      return settle(
        raw.POST('/predict', { body: { file: upload.blob }, bodySerializer: () => uploadsBody('file', [upload]), ...init(call) }),
      );
    },

    // `never`: assignable to each overload of Client.explain, which types the data by `as`.
    async explain(file: F, call?: ExplainOptions): Promise<ClientResult<never>> {
      const upload = await readOne(file);
      if ('error' in upload) return upload;
      const png = call?.as === 'png';
      if (call?.as !== undefined && call.as !== 'json' && !png) {
        return { error: new InputError(`explain's "as" must be 'json' or 'png', not ${JSON.stringify(call.as)}.`) };
      }
      const { headers, ...rest } = init(call);
      return settle(
        raw.POST('/explain', {
          body: { file: upload.blob },
          bodySerializer: () => uploadsBody('file', [upload]),
          params: { query: png && call?.opacity !== undefined ? { opacity: call.opacity } : {} },
          parseAs: png ? 'blob' : 'json',
          ...rest,
          headers: { ...headers, Accept: png ? 'image/png' : 'application/json' },
        }),
      );
    },

    async predictStudy(files: ReadonlyArray<StudyFile<F>>, call?: RequestOptions): Promise<ClientResult<StudyResponse>> {
      if (files.length === 0 || files.length > MAX_STUDY_IMAGES) {
        return { error: new InputError(`predictStudy needs 1 to ${MAX_STUDY_IMAGES} images of one examination, not ${files.length}.`) };
      }
      const entries = files.map((f) => (isStudyEntry(f) ? f : { file: f }));
      const uploads = await readUploads(
        resolve,
        entries.map((e) => e.file),
        1,
      );
      if ('error' in uploads) return uploads;
      const body = studyBody(uploads.map((upload, i) => ({ upload, laterality: entries[i]?.laterality, view: entries[i]?.view })));
      return settle(raw.POST('/predict-study', { body: { files: uploads.map((u) => u.blob) }, bodySerializer: () => body, ...init(call) }));
    },

    async analyzePacsStudy(studyInstanceUid: string, call?: RequestOptions): Promise<ClientResult<PacsAnalysisResponse>> {
      if (!/^[0-9]+(\.[0-9]+)*$/.test(studyInstanceUid) || studyInstanceUid.length > 64) {
        return {
          error: new InputError(
            `analyzePacsStudy needs a Study Instance UID (digits and dots, at most 64), not ${JSON.stringify(studyInstanceUid.slice(0, 70))}.`,
          ),
        };
      }
      return settle(
        raw.POST('/studies/{StudyInstanceUID}/analyze', { params: { path: { StudyInstanceUID: studyInstanceUid } }, ...init(call) }),
      );
    },

    /** One `POST /batch-predict` of at most MAX_FILES_PER_REQUEST files, unnamed ones numbered from `firstNumber`. */
    async batchPart(files: readonly F[], firstNumber: number, call: RequestOptions): Promise<ClientResult<BatchPredictionResponse>> {
      const uploads = await readUploads(resolve, files, firstNumber);
      if ('error' in uploads) return uploads;
      return settle(
        raw.POST('/batch-predict', {
          body: { files: uploads.map((u) => u.blob) },
          bodySerializer: () => uploadsBody('files', uploads),
          ...init(call),
        }),
      );
    },
  };
}

function isStudyEntry<F>(value: StudyFile<F>): value is { file: F; laterality?: Laterality; view?: string } {
  return typeof value === 'object' && value !== null && 'file' in value;
}

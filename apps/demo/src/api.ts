// The page's one door to the API (same origin, through the browser build of the SDK): the
// API key when the server asks for one, the choice between POST /explain and, for a model
// without a score map, POST /predict, and telling a file refused as not a mammogram from one
// that failed.
import { type ClientError, type ClientResult, createClient, isApiError, NotAMammogramError } from '@bcd-api/client';
import type { ExplainResponse, HealthResponse, ModelCard, PredictionResponse } from '@bcd-api/contract';

/** What became of one file. */
export type Analysis =
  /** The prediction with its heatmap. */
  | { kind: 'explained'; data: ExplainResponse }
  /** The prediction alone: the served model has no score map, so it cannot explain. */
  | { kind: 'predicted'; data: PredictionResponse }
  /** The server refused the file as not a mammogram (422 `NOT_A_MAMMOGRAM`): no verdict; `error.message` says why. */
  | { kind: 'refused'; error: NotAMammogramError }
  /** The API or the network said no; `error.message` is the API's `detail`. */
  | { kind: 'failed'; error: ClientError };

/** The calls the page makes. */
export interface DemoApi {
  /** `GET /health` (open without a key). */
  health(): Promise<ClientResult<HealthResponse>>;
  /** `GET /model`; also learns from the card whether the model can explain. */
  model(): Promise<ClientResult<ModelCard>>;
  /** Classifies one file: `POST /explain` while the model can explain, else `POST /predict`. */
  analyse(file: File, signal: AbortSignal): Promise<Analysis>;
  /** Sends `key` as `X-API-Key` from now on (kept in this page's memory only). */
  useKey(key: string): void;
  /** How many keys have been entered: a call refused with an older key than the current one is worth retrying at once. */
  readonly keysEntered: number;
}

/** The error code the API answers when the served model has no score map. */
const EXPLANATION_UNAVAILABLE = 'EXPLANATION_UNAVAILABLE';

/** True when the API refused the call for want of a (valid) API key. */
export function needsKey(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

function refusedOrFailed(error: ClientError): Analysis {
  // The SDK builds the error in this bundle, so instanceof sees it.
  return error instanceof NotAMammogramError ? { kind: 'refused', error } : { kind: 'failed', error };
}

/**
 * The page's API for the server at `baseUrl` (the page's own origin); `fetch` replaces the
 * browser's in tests.
 *
 * @example
 * const api = createDemoApi(location.origin);
 * const result = await api.analyse(file, new AbortController().signal);
 */
export function createDemoApi(baseUrl: string, fetch?: (request: Request) => Promise<Response>): DemoApi {
  const client = createClient({ baseUrl, timeoutMs: 120_000, ...(fetch ? { fetch } : {}) });
  let key: string | undefined;
  let keysEntered = 0;
  // Unknown until the model card or a 422 says; /explain is tried while it is unknown.
  let explains: boolean | undefined;
  const headers = (): Record<string, string> => (key ? { 'X-API-Key': key } : {});

  async function predict(file: File, signal: AbortSignal): Promise<Analysis> {
    const result = await client.predict(file, { signal, headers: headers() });
    return result.error ? refusedOrFailed(result.error) : { kind: 'predicted', data: result.data };
  }

  return {
    health: () => client.health(),
    async model() {
      const result = await client.model({ headers: headers() });
      if (result.data) explains = result.data.score_map !== undefined;
      return result;
    },
    async analyse(file, signal) {
      if (explains === false) return predict(file, signal);
      const result = await client.explain(file, { as: 'json', signal, headers: headers() });
      if (!result.error) return { kind: 'explained', data: result.data };
      if (isApiError(result.error) && result.error.code === EXPLANATION_UNAVAILABLE) {
        explains = false;
        return predict(file, signal);
      }
      return refusedOrFailed(result.error);
    },
    useKey(value) {
      key = value;
      keysEntered++;
    },
    get keysEntered() {
      return keysEntered;
    },
  };
}

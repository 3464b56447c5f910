import { setTimeout as delay } from 'node:timers/promises';
import { type DicomWebClient, isDicomWebError, jsonNumber, jsonString } from '@bcd-api/pacs';
import { ApiError } from '../errors/api-error.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { WatchConfig } from './pacs-config.js';

/** The watch mode, running: it looks at the PACS every PACS_WATCH_INTERVAL_SECONDS until stopped. */
export interface StudyWatch {
  /** Looks at the PACS once now and handles every study that is due (the loop calls it; tests too). */
  poll(): Promise<void>;
  /** Stops looking; resolves once the study in hand, if any, is done. */
  stop(): Promise<void>;
}

/** What {@link watchStudies} needs. */
export interface WatchOptions {
  client: DicomWebClient;
  config: WatchConfig;
  /**
   * Analyses one study and stores its results, unless its results under the served model are
   * there already; throws an ApiError (or a DicomWebError) when it cannot.
   */
  handle(studyInstanceUid: string): Promise<'analysed' | 'already_stored'>;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Milliseconds now; injected in tests. */
  now?: () => number;
  /** false: no timer, the caller polls (tests); default true. */
  loop?: boolean;
}

/** What the watch knows of one study. */
interface Seen {
  /** NumberOfStudyRelatedInstances when last seen (-1 when the PACS does not say). */
  count: number;
  /** Since when the count has not changed. */
  since: number;
  /** Handled (results stored or found), or refused for good: not looked at again by this process. */
  settled: boolean;
  /** Failed attempts in a row, and when the next may be made. */
  failures: number;
  retryAt: number;
}

const PAGE = 100;
// The longest wait between two attempts at a study, or two looks at a PACS that is down.
const MAX_BACKOFF_MS = 10 * 60_000;
/** Failures a later attempt can cure: the PACS down or slow, the server busy, the model still loading. */
const TRANSIENT = new Set(['PACS_UNAVAILABLE', 'PACS_TIMEOUT', 'OVERLOADED', 'TIMEOUT', 'MODEL_UNAVAILABLE', 'INFERENCE_INTERRUPTED']);

/**
 * Starts the watch mode: every `intervalMs` it lists the PACS's studies with MG images (QIDO-RS,
 * `ModalitiesInStudy=MG`, 100 a page) and handles each study whose instance count has not changed
 * for `stableMs`, one at a time. It is idempotent across restarts without a state file of its
 * own: a study's results have UIDs derived from the study and the model's SHA-256, and the
 * report is stored last, so `handle` finds a study already done in the PACS itself. A PACS
 * that is down is looked at again with exponential backoff (up to 10 minutes), as is a study
 * whose attempt failed for a reason a retry can cure; a study refused for good (no MG image,
 * not a mammogram) is logged, counted and left alone until the process restarts.
 */
export function watchStudies({ client, config, handle, logger, metrics, now = Date.now, loop: looping = true }: WatchOptions): StudyWatch {
  const seen = new Map<string, Seen>();
  const stopping = new AbortController();
  let busy: Promise<void> = Promise.resolve();

  const backoff = (failures: number): number => Math.min(MAX_BACKOFF_MS, config.intervalMs * 2 ** failures);

  const attempt = async (uid: string, entry: Seen): Promise<void> => {
    const started = now();
    try {
      const outcome = await handle(uid);
      entry.settled = true;
      metrics?.pacsStudy('watch', outcome, (now() - started) / 1000);
      logger.info(outcome === 'analysed' ? 'pacs study analysed' : 'pacs study already has results', { study: uid, ms: now() - started });
    } catch (error) {
      metrics?.pacsStudy('watch', 'failed', (now() - started) / 1000);
      const code = errorCode(error);
      if (code === 'SHUTTING_DOWN') return;
      const message = error instanceof Error ? error.message : String(error);
      if (code !== undefined && TRANSIENT.has(code)) {
        entry.failures += 1;
        entry.retryAt = now() + backoff(entry.failures);
        logger.warn('pacs study failed; will retry', { study: uid, code, retryInMs: entry.retryAt - now(), detail: message });
      } else {
        entry.settled = true;
        logger.warn('pacs study cannot be analysed; left alone', { study: uid, code: code ?? 'INTERNAL_ERROR', detail: message });
      }
    }
  };

  const poll = async (): Promise<void> => {
    const studies = await listStudies(client, metrics);
    const t = now();
    for (const study of studies) {
      if (stopping.signal.aborted) return;
      const uid = jsonString(study, '0020000D');
      if (!uid) continue;
      const count = jsonNumber(study, '00201208') ?? -1;
      let entry = seen.get(uid);
      if (!entry) {
        entry = { count, since: t, settled: false, failures: 0, retryAt: 0 };
        seen.set(uid, entry);
      } else if (entry.count !== count) {
        entry.count = count;
        entry.since = t;
      }
      if (entry.settled || t - entry.since < config.stableMs || t < entry.retryAt) continue;
      await attempt(uid, entry);
    }
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        busy = poll();
        await busy;
        failures = 0;
      } catch (error) {
        failures += 1;
        logger.warn('pacs watch could not list studies; will look again', {
          code: errorCode(error) ?? 'INTERNAL_ERROR',
          retryInMs: backoff(failures),
          detail: error instanceof Error ? error.message : String(error),
        });
      }
      await delay(failures === 0 ? config.intervalMs : backoff(failures), undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = looping ? loop() : Promise.resolve();
  if (looping) logger.info('pacs watch started', { intervalMs: config.intervalMs, stableMs: config.stableMs });

  return {
    poll,
    async stop() {
      stopping.abort();
      await running;
      await busy.catch(() => undefined);
    },
  };
}

/** Every study with MG images, page by page; a page shorter than asked for is the last. */
async function listStudies(
  client: DicomWebClient,
  metrics: Metrics | undefined,
): Promise<Awaited<ReturnType<DicomWebClient['searchStudies']>>> {
  const studies: Awaited<ReturnType<DicomWebClient['searchStudies']>> = [];
  try {
    for (let offset = 0; ; offset += PAGE) {
      const page = await client.searchStudies({
        ModalitiesInStudy: 'MG',
        includefield: '00201208',
        limit: String(PAGE),
        offset: String(offset),
      });
      studies.push(...page);
      if (page.length < PAGE) break;
    }
  } catch (error) {
    metrics?.pacsPoll(false);
    throw error;
  }
  metrics?.pacsPoll(true);
  return studies;
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof ApiError) return error.code;
  // The client's failures outside an analysis (listing studies): transient ones retried as the PACS's.
  if (isDicomWebError(error)) return error.transient ? 'PACS_UNAVAILABLE' : error.code;
  return undefined;
}

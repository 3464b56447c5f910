import type { BatchPredictionResponse } from '@bcd-api/contract';
import { chunk, mapWithConcurrency } from '../concurrency.js';
import { AbortError, type ClientError, InputError, isAbortError } from '../errors.js';
import { MAX_FILES_PER_REQUEST } from '../limits.js';
import type { BatchOptions, RequestOptions } from '../options.js';
import type { ClientResult } from '../result.js';
import { mergeBatches } from './merge-batch.js';

/** Sends one part of a batch: at most {@link MAX_FILES_PER_REQUEST} files, unnamed ones numbered from `firstNumber`. */
export type SendBatchPart<F> = (
  files: readonly F[],
  firstNumber: number,
  call: RequestOptions & { signal: AbortSignal },
) => Promise<ClientResult<BatchPredictionResponse>>;

type Sent = { data: BatchPredictionResponse; response: Response };

/** One request of a batch as it came back: its files, in upload order, and its answer. */
export interface BatchPart<F> {
  files: F[];
  result: ClientResult<BatchPredictionResponse>;
}

/** What `batchPredictSettled` gives: every request's part, or an error when none could be sent (aborted, no file). */
export type SettledBatch<F> = { data: Array<BatchPart<F>>; error?: undefined } | { data?: undefined; error: ClientError };

/**
 * Sends the parts, `concurrency` at a time. With `stopOnError`, the first part that fails aborts
 * the others (their results are left out); without it, every part is sent whatever the others
 * got. Resolves with the parts in upload order, or an `AbortError` when the caller aborted.
 */
async function sendParts<F>(
  files: readonly F[],
  call: BatchOptions | undefined,
  sendPart: SendBatchPart<F>,
  stopOnError: boolean,
): Promise<Array<BatchPart<F> | undefined> | AbortError> {
  const caller = call?.signal;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  if (caller?.aborted) onAbort();
  let done = 0;
  let failed = 0;
  try {
    const parts = await mapWithConcurrency(chunk(files, MAX_FILES_PER_REQUEST), call?.concurrency ?? 2, async (part, index) => {
      if (stop.signal.aborted) return undefined;
      const result = await sendPart(part, index * MAX_FILES_PER_REQUEST + 1, { ...call, signal: stop.signal });
      // Stopped because another part failed: that part's error is the one to report.
      if (result.error && isAbortError(result.error) && !caller?.aborted) return undefined;
      if (result.error && stopOnError) {
        stop.abort();
        return { files: part, result };
      }
      done += part.length;
      failed += result.error ? part.length : result.data.failed;
      call?.onProgress?.(done, files.length, failed);
      return { files: part, result };
    });
    return caller?.aborted ? new AbortError({ cause: caller.reason }) : parts;
  } finally {
    caller?.removeEventListener('abort', onAbort);
  }
}

/**
 * `batchPredict` for any number of files: parts of at most {@link MAX_FILES_PER_REQUEST} sent
 * `concurrency` at a time, the answers merged in upload order. The first part that fails
 * stops the others, and the caller gets its error, not a partial batch.
 */
export async function fanOutBatch<F>(
  files: readonly F[],
  call: BatchOptions | undefined,
  sendPart: SendBatchPart<F>,
): Promise<ClientResult<BatchPredictionResponse>> {
  if (files.length === 0) return { error: new InputError('batchPredict needs at least one file.') };
  const parts = await sendParts(files, call, sendPart, true);
  if (parts instanceof AbortError) return { error: parts };
  // The first failed part in upload order, as the caller would have met it sending them one by one.
  const failedPart = parts.find((part) => part?.result.error);
  if (failedPart?.result.error) {
    const { error, response } = failedPart.result;
    return response ? { error, response } : { error };
  }
  const sent = parts.flatMap((part) => (part?.result.data ? [{ data: part.result.data, response: part.result.response }] : [])) as Sent[];
  const last = sent.at(-1);
  // Files were checked to be there, so at least one part was sent.
  if (!last) return { error: new InputError('batchPredict needs at least one file.') };
  return { data: sent.length === 1 ? last.data : mergeBatches(sent.map((p) => p.data)), response: last.response };
}

/**
 * `batchPredictSettled`: the same requests as {@link fanOutBatch}, but a failed part stops
 * nothing: every part is sent, and each comes back with its own answer or error, so that a
 * caller (the CLI) can retry or report one part's files without losing the others.
 */
export async function settleBatch<F>(
  files: readonly F[],
  call: BatchOptions | undefined,
  sendPart: SendBatchPart<F>,
): Promise<SettledBatch<F>> {
  if (files.length === 0) return { error: new InputError('batchPredictSettled needs at least one file.') };
  const parts = await sendParts(files, call, sendPart, false);
  if (parts instanceof AbortError) return { error: parts };
  return { data: parts.filter((part): part is BatchPart<F> => part !== undefined) };
}

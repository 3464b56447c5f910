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
  const caller = call?.signal;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  if (caller?.aborted) onAbort();
  let done = 0;
  let failed = 0;
  let firstError: { error: ClientError; response?: Response; index: number } | undefined;
  try {
    const parts = await mapWithConcurrency(chunk(files, MAX_FILES_PER_REQUEST), call?.concurrency ?? 2, async (part, index) => {
      if (stop.signal.aborted) return undefined;
      const result = await sendPart(part, index * MAX_FILES_PER_REQUEST + 1, { ...call, signal: stop.signal });
      if (result.error) {
        // Stopped because another part failed: that part's error is the one to report.
        if (isAbortError(result.error) && !caller?.aborted) return undefined;
        if (!firstError || index < firstError.index)
          firstError = { error: result.error, index, ...(result.response ? { response: result.response } : {}) };
        stop.abort();
        return undefined;
      }
      done += part.length;
      failed += result.data.failed;
      call?.onProgress?.(done, files.length, failed);
      return result;
    });
    if (caller?.aborted) return { error: new AbortError({ cause: caller.reason }) };
    if (firstError) return firstError.response ? { error: firstError.error, response: firstError.response } : { error: firstError.error };
    const sent = parts as Sent[];
    const last = sent.at(-1);
    // Files were checked to be there, so at least one part was sent.
    if (!last) return { error: new InputError('batchPredict needs at least one file.') };
    return { data: sent.length === 1 ? last.data : mergeBatches(sent.map((p) => p.data)), response: last.response };
  } finally {
    caller?.removeEventListener('abort', onAbort);
  }
}

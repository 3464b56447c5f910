/** How failed attempts are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Delay before the first retry, doubled for each next one. */
  baseDelayMs: number;
  /** Largest delay between attempts; a `Retry-After` above it is not waited for (the error is returned). */
  maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential with "equal jitter" (half fixed,
 * half random) so that clients started together do not retry together, and never shorter
 * than the server's `Retry-After`. Undefined when `Retry-After` asks for more than `maxDelayMs`.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = exponential / 2 + (random() * exponential) / 2;
  if (retryAfterSeconds === undefined) return jittered;
  const wanted = retryAfterSeconds * 1000;
  if (wanted > policy.maxDelayMs) return undefined;
  return Math.max(wanted, jittered);
}

import { ApiError } from './errors/api-error.js';

/** Admission control for prediction requests, and the record graceful shutdown waits on. */
export interface WorkGate {
  /** Requests admitted and not yet finished. */
  readonly inFlight: number;
  /** True once shutdown has begun. */
  readonly draining: boolean;
  /**
   * Runs `work` if there is room, with a deadline: throws OVERLOADED at once when
   * `maxPending` requests are already in progress, SHUTTING_DOWN once draining, and TIMEOUT
   * when `work` outlives `timeoutMs`. At the deadline `work`'s signal aborts (its reason is
   * the TIMEOUT error), so it can stop reading and computing; its slot is held until it ends.
   */
  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Stops admitting; resolves when in-flight work is done or `timeoutMs` has passed (false then). */
  drain(timeoutMs: number): Promise<boolean>;
}

/** Creates a {@link WorkGate}. */
export function createWorkGate(options: { maxPending: number; timeoutMs: number }): WorkGate {
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const finish = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get draining() {
      return draining;
    },
    async run(work) {
      if (draining)
        throw new ApiError('SHUTTING_DOWN', 'The server is shutting down and takes no new work; retry against another instance.');
      if (inFlight >= options.maxPending) {
        throw new ApiError('OVERLOADED', `The server is at capacity (${options.maxPending} requests in progress); retry after 1 second.`);
      }
      inFlight += 1;
      const deadline = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const job = work(deadline.signal);
      // The gate slot is held until the work really ends, even after a timeout answered;
      // the aborted signal makes that soon.
      job.then(finish, finish);
      try {
        return await Promise.race([
          job,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              const error = new ApiError('TIMEOUT', `The request did not finish within its ${options.timeoutMs} ms deadline.`);
              reject(error);
              deadline.abort(error);
            }, options.timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

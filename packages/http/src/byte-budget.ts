import { ApiError } from './errors/api-error.js';

/** Bytes held under a {@link ByteBudget}; release it once, when they are no longer referenced. */
export interface Reservation {
  /** Bytes held now. */
  readonly bytes: number;
  /** Holds `bytes` more at once, or throws OVERLOADED when the budget has no room (no waiting: data is arriving). */
  grow(bytes: number): void;
  /** Gives every byte back; later calls do nothing. */
  release(): void;
}

/** A bound on the upload bytes the server holds in memory at once, across requests. */
export interface ByteBudget {
  /** Bytes held by all reservations. */
  readonly held: number;
  /** Requests waiting for room. */
  readonly waiting: number;
  /**
   * Reserves `bytes`, waiting up to `waitMs` for room in arrival order; throws OVERLOADED when
   * none comes in time, or the signal's reason when it aborts first.
   */
  reserve(bytes: number, signal?: AbortSignal): Promise<Reservation>;
}

/** Creates a {@link ByteBudget} of `maxBytes`; a request that finds no room waits at most `waitMs`. */
export function createByteBudget(options: { maxBytes: number; waitMs: number }): ByteBudget {
  let held = 0;
  const waiting: Array<{ bytes: number; admit: () => void }> = [];

  // First come, first served: a large request at the head is not overtaken by small ones forever.
  const admitWaiting = () => {
    for (let head = waiting[0]; head && held + head.bytes <= options.maxBytes; head = waiting[0]) {
      waiting.shift();
      head.admit();
    }
  };

  const overloaded = (bytes: number) =>
    new ApiError(
      'OVERLOADED',
      `The server is holding as many uploads as its memory budget allows (${options.maxBytes} bytes) and cannot take ${bytes} more now; retry after 1 second.`,
    );

  const reservation = (initial: number): Reservation => {
    let bytes = initial;
    let released = false;
    held += initial;
    return {
      get bytes() {
        return bytes;
      },
      grow(more) {
        if (released) return;
        if (held + more > options.maxBytes) throw overloaded(more);
        held += more;
        bytes += more;
      },
      release() {
        if (released) return;
        released = true;
        held -= bytes;
        admitWaiting();
      },
    };
  };

  return {
    get held() {
      return held;
    },
    get waiting() {
      return waiting.length;
    },
    reserve(bytes, signal) {
      signal?.throwIfAborted();
      if (bytes > options.maxBytes) return Promise.reject(overloaded(bytes));
      if (waiting.length === 0 && held + bytes <= options.maxBytes) return Promise.resolve(reservation(bytes));
      return new Promise((resolve, reject) => {
        const entry = {
          bytes,
          admit: () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve(reservation(bytes));
          },
        };
        const leave = (error: unknown) => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(timer);
          reject(error);
          // The head may have left: whoever is next might fit now.
          admitWaiting();
        };
        const onAbort = () => leave(signal?.reason);
        const timer = setTimeout(() => leave(overloaded(bytes)), options.waitMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(entry);
      });
    },
  };
}

import { vi } from 'vitest';

/**
 * Waits until a running server has admitted at least `n` requests (its work gate's count), so
 * that a test can act while they are surely in progress; fails after `timeout` ms.
 *
 * @example
 * const held = call(server.url, 'POST', '/predict', { body });
 * await untilInFlight(server, 1);
 */
export function untilInFlight(
  running: { gate: { readonly inFlight: number } },
  n: number,
  { timeout = 10_000, interval = 5 }: { timeout?: number; interval?: number } = {},
): Promise<void> {
  return vi.waitFor(
    () => {
      if (running.gate.inFlight < n) throw new Error(`${running.gate.inFlight} of ${n} requests in flight after ${timeout} ms`);
    },
    { timeout, interval },
  );
}

import { describe, expect, test } from 'vitest';
import { createWorkGate } from '../src/work-gate.js';

/** Work that runs until `finish` is called, and records how its signal ended. */
function heldWork() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const seen: { aborted?: unknown } = {};
  const work = async (signal: AbortSignal) => {
    signal.addEventListener('abort', () => {
      seen.aborted = signal.reason;
    });
    await done;
    return 'done';
  };
  return { work, finish, seen };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: { code?: string }) => error.code,
  );

describe('the work gate', () => {
  test('admits up to maxPending requests and refuses the next with 503 OVERLOADED at once', async () => {
    const gate = createWorkGate({ maxPending: 2, timeoutMs: 5_000 });
    const held = heldWork();
    const running = [gate.run(held.work), gate.run(held.work)];
    expect(gate.inFlight).toBe(2);
    expect(await code(gate.run(held.work))).toBe('OVERLOADED');
    held.finish();
    expect(await Promise.all(running)).toEqual(['done', 'done']);
    expect(gate.inFlight).toBe(0);
  });

  test('answers 503 TIMEOUT at the deadline, aborts the work’s signal with it, and holds the slot until the work ends', async () => {
    const gate = createWorkGate({ maxPending: 1, timeoutMs: 30 });
    const held = heldWork();
    expect(await code(gate.run(held.work))).toBe('TIMEOUT');
    expect(held.seen.aborted).toMatchObject({ code: 'TIMEOUT' });
    expect(gate.inFlight).toBe(1);
    held.finish();
    await expect.poll(() => gate.inFlight, { timeout: 1_000, interval: 5 }).toBe(0);
  });

  test('once draining, refuses new work with 503 SHUTTING_DOWN and resolves true when the last request ends', async () => {
    const gate = createWorkGate({ maxPending: 4, timeoutMs: 5_000 });
    const held = heldWork();
    const running = gate.run(held.work);
    const drained = gate.drain(5_000);
    expect(gate.draining).toBe(true);
    expect(await code(gate.run(held.work))).toBe('SHUTTING_DOWN');
    held.finish();
    await running;
    expect(await drained).toBe(true);
  });

  test('drain resolves false when work is still running at its timeout, and true at once when idle', async () => {
    const busy = createWorkGate({ maxPending: 4, timeoutMs: 5_000 });
    const held = heldWork();
    const running = busy.run(held.work);
    expect(await busy.drain(20)).toBe(false);
    held.finish();
    await running;
    expect(await createWorkGate({ maxPending: 1, timeoutMs: 1_000 }).drain(1)).toBe(true);
  });
});

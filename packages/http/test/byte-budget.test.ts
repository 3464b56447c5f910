import { describe, expect, test } from 'vitest';
import { createByteBudget } from '../src/byte-budget.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'admitted',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('the upload memory budget', () => {
  test('reserves at once while there is room, and counts what is held', async () => {
    const budget = createByteBudget({ maxBytes: 100, waitMs: 1_000 });
    const a = await budget.reserve(60);
    const b = await budget.reserve(40);
    expect([budget.held, budget.waiting, a.bytes, b.bytes]).toEqual([100, 0, 60, 40]);
    a.release();
    a.release();
    expect(budget.held).toBe(40);
  });

  test('lets a waiting request in when room is released, first come first served', async () => {
    const budget = createByteBudget({ maxBytes: 100, waitMs: 5_000 });
    const held = await budget.reserve(90);
    const order: string[] = [];
    const admitted = (name: string) => () => {
      order.push(name);
    };
    const large = budget.reserve(80).then(admitted('large'));
    const small = budget.reserve(10).then(admitted('small'));
    expect(budget.waiting).toBe(2);
    held.release();
    await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
    expect(budget.held).toBe(90);
  });

  test('refuses with 503 OVERLOADED when no room comes in time, or the request is larger than the whole budget', async () => {
    const budget = createByteBudget({ maxBytes: 100, waitMs: 20 });
    await budget.reserve(100);
    expect(await code(budget.reserve(1))).toBe('OVERLOADED');
    expect(await code(budget.reserve(101))).toBe('OVERLOADED');
    expect(budget.waiting).toBe(0);
  });

  test('stops waiting with the signal’s reason when the request is aborted', async () => {
    const budget = createByteBudget({ maxBytes: 100, waitMs: 5_000 });
    await budget.reserve(100);
    const deadline = new AbortController();
    const waiting = code(budget.reserve(10, deadline.signal));
    deadline.abort(Object.assign(new Error('late'), { code: 'TIMEOUT' }));
    expect(await waiting).toBe('TIMEOUT');
    expect(budget.waiting).toBe(0);
  });

  test('grows a reservation as a chunked body arrives, and refuses growth past the budget without waiting', async () => {
    const budget = createByteBudget({ maxBytes: 100, waitMs: 5_000 });
    const chunked = await budget.reserve(0);
    chunked.grow(70);
    expect(() => chunked.grow(31)).toThrow(expect.objectContaining({ code: 'OVERLOADED' }));
    expect([chunked.bytes, budget.held]).toEqual([70, 70]);
    chunked.release();
    expect(budget.held).toBe(0);
  });
});

import { expect, test, vi } from 'vitest';
import { chunk, mapWithConcurrency } from '../src/concurrency.js';

/** A call whose end the test decides, to watch what runs at once. */
function gate() {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

test('runs at most `concurrency` calls at once, taking items in order, and keeps the results in input order', async () => {
  const gates = Array.from({ length: 5 }, gate);
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const all = mapWithConcurrency([0, 1, 2, 3, 4], 2, async (item, index) => {
    expect(item).toBe(index);
    started.push(index);
    running++;
    most = Math.max(most, running);
    await gates[index]!.done;
    running--;
    return item * 10;
  });
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  // The second finishing first frees a worker for the third: results come as they arrive.
  gates[1]!.open();
  await vi.waitFor(() => expect(started).toEqual([0, 1, 2]), { timeout: 1_000, interval: 1 });
  for (const g of gates) g.open();
  expect(await all).toEqual([0, 10, 20, 30, 40]);
  expect(started).toEqual([0, 1, 2, 3, 4]);
  expect(most).toBe(2);
});

test('the first rejection rejects the whole: a caller that must go on catches inside the call', async () => {
  await expect(
    mapWithConcurrency([1, 2, 3], 2, async (item) => {
      if (item === 1) throw new Error('one failed');
      return item;
    }),
  ).rejects.toThrow('one failed');
  const seen: number[] = [];
  const settled = await mapWithConcurrency([1, 2, 3], 2, async (item) => {
    seen.push(item);
    try {
      if (item === 1) throw new Error('one failed');
      return 'ok';
    } catch {
      return 'failed';
    }
  });
  expect(settled).toEqual(['failed', 'ok', 'ok']);
  expect(seen.sort()).toEqual([1, 2, 3]);
});

test('an empty list resolves to an empty array at once', async () => {
  await expect(mapWithConcurrency([], 2, async () => 1)).resolves.toEqual([]);
});

test('chunk splits items into consecutive chunks of at most `size`', () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunk([], 3)).toEqual([]);
});

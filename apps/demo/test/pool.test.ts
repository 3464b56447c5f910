import { expect, test } from 'vitest';
import { runPool } from '../src/pool.js';

/** A task whose end the test decides, to watch what runs at once. */
function gate() {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

test('runs at most `concurrency` tasks at once, taking items in order', async () => {
  const gates = Array.from({ length: 5 }, gate);
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const pool = runPool([0, 1, 2, 3, 4], 2, async (item, index) => {
    expect(item).toBe(index);
    started.push(index);
    running++;
    most = Math.max(most, running);
    await gates[index]!.done;
    running--;
  });
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  // The second finishing first frees a lane for the third: results come as they arrive.
  gates[1]!.open();
  await new Promise((r) => setTimeout(r, 0));
  expect(started).toEqual([0, 1, 2]);
  for (const g of gates) g.open();
  await pool;
  expect(started).toEqual([0, 1, 2, 3, 4]);
  expect(most).toBe(2);
});

test('a failing task does not stop the others; its error comes at the end', async () => {
  const seen: number[] = [];
  await expect(
    runPool([1, 2, 3], 2, async (item) => {
      seen.push(item);
      if (item === 1) throw new Error('one failed');
    }),
  ).rejects.toThrow('one failed');
  expect(seen.sort()).toEqual([1, 2, 3]);
});

test('an empty list settles at once', async () => {
  await expect(runPool([], 2, async () => {})).resolves.toBeUndefined();
});

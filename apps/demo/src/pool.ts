// A batch's files go one request each, a few at a time, so that results appear as they arrive
// and the server's admission queue is not flooded by one page.

/**
 * Runs `task` for every item with at most `concurrency` running at once, in order of the
 * items; resolves when all have settled. A task that throws does not stop the others (the
 * page's tasks report their own errors); the first such error is rethrown at the end.
 *
 * @example
 * await runPool(files, 2, async (file, index) => render(index, await analyse(file)));
 */
export async function runPool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  // One iterator shared by every lane: each takes the next item when it is free.
  const queue = items.entries();
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    for (const [index, item] of queue) {
      try {
        await task(item, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure) throw failure.error;
}

/** Gives the browser a turn (input, paint) before long work goes on. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight; results keep the input
 * order. The SDK's batching runs on it, and a page or a CLI that sends files one request each
 * can use it too. The first rejection rejects the whole; catch inside `fn` to keep going.
 *
 * @example
 * const results = await mapWithConcurrency(files, 2, (file) => client.predict(file));
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  // One iterator shared by the workers: each takes the next item as it becomes free.
  const entries = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of entries) results[index] = await fn(item, index);
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import { afterAll, beforeAll } from 'vitest';

/**
 * Opens something closable (a server, a classifier, a browser) before the tests of the
 * enclosing suite, or of the file at top level, and closes it after them. Returns a getter:
 * the resource exists only once the suite's `beforeAll` has run.
 *
 * @example
 * const classifier = openForSuite(() => createClassifier({ modelDir: tinyModelDir }));
 * test('classifies', async () => { await classifier().classify([image]); });
 */
export function openForSuite<T extends { close(): unknown }>(open: () => Promise<T>): () => T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await open();
  });
  // When opening failed there is nothing to close, and the hook's own error is the one to see.
  afterAll(async () => {
    await resource?.close();
  });
  return () => {
    if (resource === undefined) throw new Error('openForSuite: read the resource inside a test or hook of its suite, once it is open');
    return resource;
  };
}

import { defineConfig } from 'vitest/config';

// The unit tests run in Node: the pure parts of the page (sampling, formatting, the pool) need
// no DOM, and the bundle budget reads dist/ from disk.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});

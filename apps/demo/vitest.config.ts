import { packageTestConfig } from '@bcd-api/vitest-config';

// The unit tests run in Node: the pure parts of the page (sizing, formatting, the API calls) need
// no DOM, and the bundle budget reads dist/ from disk. The browser test starts the real server
// and Chromium, and loads the default model: its suites and hooks get the server tests' limits.
export default packageTestConfig({
  coverageFloor: { lines: 11, branches: 29, functions: 24, statements: 11 },
  test: { include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
});

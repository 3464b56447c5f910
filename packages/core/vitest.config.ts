import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 0, branches: 0, functions: 0, statements: 0 },
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});

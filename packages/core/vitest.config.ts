import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 74, branches: 67, functions: 70, statements: 74 },
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});

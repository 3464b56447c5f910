import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 0, branches: 0, functions: 0, statements: 0 },
  timeoutMs: 60_000,
});

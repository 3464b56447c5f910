import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 80, branches: 60, functions: 80, statements: 80 },
  timeoutMs: 60_000,
});

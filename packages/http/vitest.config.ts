import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 64, branches: 47, functions: 64, statements: 63 },
  timeoutMs: 60_000,
});

import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 18, branches: 15, functions: 27, statements: 16 },
  timeoutMs: 60_000,
});

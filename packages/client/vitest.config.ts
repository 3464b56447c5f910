import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 98, branches: 87, functions: 98, statements: 95 },
  timeoutMs: 60_000,
});

import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 97, branches: 86, functions: 97, statements: 94 },
  timeoutMs: 60_000,
});

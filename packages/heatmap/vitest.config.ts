import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 100, branches: 68, functions: 100, statements: 100 },
});

import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 20, branches: 20, functions: 10, statements: 17 },
});

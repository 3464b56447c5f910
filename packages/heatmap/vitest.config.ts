import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 99, branches: 67, functions: 99, statements: 99 },
});

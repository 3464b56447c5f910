import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 18, branches: 19, functions: 8, statements: 15 },
});

import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 80, branches: 52, functions: 83, statements: 77 },
});

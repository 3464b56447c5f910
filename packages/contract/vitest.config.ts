import { packageTestConfig } from '@bcd-api/vitest-config';

export default packageTestConfig({
  coverageFloor: { lines: 79, branches: 51, functions: 82, statements: 76 },
});

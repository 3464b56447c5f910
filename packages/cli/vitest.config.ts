import { readFileSync } from 'node:fs';
import { packageTestConfig } from '@bcd-api/vitest-config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default packageTestConfig({
  coverageFloor: { lines: 13, branches: 11, functions: 17, statements: 13 },
  // As tsup defines it for dist/cli.js, for the tests that import src/.
  define: { __CLI_VERSION__: JSON.stringify(version) },
  timeoutMs: 60_000,
});

import { readFileSync } from 'node:fs';
import { packageTestConfig } from '@bcd-api/vitest-config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default packageTestConfig({
  coverageFloor: { lines: 14, branches: 12, functions: 18, statements: 14 },
  // As tsup defines it for dist/cli.js, for the tests that import src/.
  define: { __CLI_VERSION__: JSON.stringify(version) },
  timeoutMs: 60_000,
});

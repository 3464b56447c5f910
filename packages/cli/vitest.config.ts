import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // As tsup defines it for dist/cli.js, for the tests that import src/.
  define: { __CLI_VERSION__: JSON.stringify(version) },
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});

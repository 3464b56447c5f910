import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The `bcd-api` command, run from dist/cli.js; nothing else is exported.
  entry: ['src/cli.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  removeNodeProtocol: false,
  // `bcd-api --version` prints this package's version.
  define: { __CLI_VERSION__: JSON.stringify(version) },
});

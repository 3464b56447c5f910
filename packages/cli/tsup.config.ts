import { defineConfig } from 'tsup';

export default defineConfig({
  // The `bcd-api` command, run from dist/cli.js; nothing else is exported.
  entry: ['src/cli.ts'],
  format: ['esm'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
  removeNodeProtocol: false,
});

import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Browser-safe main entry, Node-only entry, and the CLI (run by `bcd-api` from dist/cli.js).
  entry: ['src/index.ts', 'src/node.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/node.ts'] },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  removeNodeProtocol: false,
  define: { __SDK_VERSION__: JSON.stringify(version) },
});

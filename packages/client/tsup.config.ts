import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Browser-safe main entry and Node-only entry.
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  removeNodeProtocol: false,
  // The contract's facts (e.g. MAX_BATCH_FILES) are inlined as the literals they are, so the
  // built SDK loads only openapi-fetch at run time; its types still come from @bcd-api/contract.
  noExternal: ['@bcd-api/contract'],
  define: { __SDK_VERSION__: JSON.stringify(version) },
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // Built, not consumed as source: the server's benchmark scripts import it from plain Node.
  entry: ['src/index.ts', 'src/server.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});

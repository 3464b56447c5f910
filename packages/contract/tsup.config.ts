import { defineConfig } from 'tsup';

export default defineConfig({
  // The main entry (types, document, facts: no ajv) and the validator subpath (a test tool, with ajv).
  entry: ['src/index.ts', 'src/validator.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});

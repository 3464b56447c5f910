// The workspace's one vitest configuration (see index.d.ts for the contract). Coverage is v8,
// over the package's own src/ (generated code left out), reported as a one-screen summary and as
// JSON for CI's figures, and held in CI to the package's floor: a change that lowers coverage
// below it fails the package's tests.
import { defineConfig } from 'vitest/config';

/** @type {import('./index.d.ts').packageTestConfig} */
export function packageTestConfig({ coverageFloor, timeoutMs, test = {}, ...config }) {
  return defineConfig({
    ...config,
    test: {
      ...(timeoutMs ? { testTimeout: timeoutMs, hookTimeout: timeoutMs } : {}),
      ...test,
      coverage: {
        provider: 'v8',
        enabled: process.env.COVERAGE !== 'off',
        include: ['src/**/*.{ts,mts,cts,js,mjs,cjs}'],
        exclude: ['src/generated/**', '**/*.d.ts'],
        reporter: ['text-summary', 'json-summary'],
        reportsDirectory: 'coverage',
        // Held in CI, where every test runs; a clone without ../shared skips the data tests and reports only.
        ...(process.env.CI ? { thresholds: coverageFloor } : {}),
      },
    },
  });
}

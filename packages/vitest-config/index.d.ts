import type { UserConfig } from 'vitest/config';

/** The coverage a package's tests may not fall below, in percent. */
export interface CoverageFloor {
  lines: number;
  branches: number;
  functions: number;
  statements: number;
}

/** What differs between packages. */
export interface PackageTestOptions extends Omit<UserConfig, 'test'> {
  /** The package's measured coverage, rounded down: the tests fail below it. */
  coverageFloor: CoverageFloor;
  /** Test and hook timeout in ms, for packages that start servers, workers or browsers. */
  timeoutMs?: number;
  /** Any other vitest `test` options. */
  test?: UserConfig['test'];
}

/**
 * A package's vitest configuration: the shared coverage settings with its own floor.
 *
 * @example
 * export default packageTestConfig({ coverageFloor: { lines: 90, branches: 80, functions: 90, statements: 90 }, timeoutMs: 60_000 });
 */
export function packageTestConfig(options: PackageTestOptions): UserConfig;

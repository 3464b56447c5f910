/**
 * For tests that need something outside Node: in CI its absence fails the run (CI installs
 * it); elsewhere the tests skip and say so loudly. Returns whether it is there.
 */
export function requireInCi(available: boolean, what: string, install: string): boolean {
  if (!available) {
    if (process.env.CI) throw new Error(`CI must have ${what} (${install})`);
    // biome-ignore lint/suspicious/noConsole: a skipped test must be seen in the test output.
    console.warn(`\n*** SKIPPED: tests that need ${what}: ${install}. ***\n`);
  }
  return available;
}

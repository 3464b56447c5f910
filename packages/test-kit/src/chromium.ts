import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { requireInCi } from './require-in-ci.js';

/** Chromium's executable: CHROMIUM_PATH, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from calling home on a closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether Chromium is installed for the tests named by `what`: in CI its absence fails the
 * run (CI installs it), elsewhere those tests skip and say so loudly.
 *
 * @example
 * const available = requireChromium('the SDK browser tests');
 * describe.skipIf(!available)('the SDK in Chromium', () => { ... });
 */
export function requireChromium(what: string): boolean {
  return requireInCi(existsSync(chromiumPath), `Chromium at ${chromiumPath}, for ${what}`, 'apt-get install chromium');
}

/** Launches headless Chromium (Debian's, through playwright-core) with {@link CHROMIUM_ARGS}. */
export async function launchChromium(): Promise<Browser> {
  // Loaded on first use: most suites that import the kit never start a browser.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS] });
}

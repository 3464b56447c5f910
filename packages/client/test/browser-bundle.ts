import { join } from 'node:path';
import { build } from 'esbuild';
import { packageDir } from './helpers.js';

/** The browser size budget of the main entry, minified and gzipped, in bytes; README.md states the same figure. */
export const BROWSER_BUDGET_BYTES = 8 * 1024;

/** Bundles the built main entry (what a user's bundler sees) for browsers, minified, as one ES module. */
export async function bundleForBrowser(): Promise<string> {
  const result = await build({
    entryPoints: [join(packageDir, 'dist', 'index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

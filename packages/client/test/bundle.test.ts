// The main entry bundles for browsers (no Node built-ins) within the size budget written in README.md.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { BROWSER_BUDGET_BYTES, bundleForBrowser } from './browser-bundle.js';
import { packageDir } from './helpers.js';

test('the browser bundle has no Node built-ins, no sharp, and fits the budget', async () => {
  const code = await bundleForBrowser();
  expect(code).not.toMatch(/["'](node:[a-z_/]+|fs|path|url|util|sharp|onnxruntime-node)["']/);
  // The contract's facts (MAX_BATCH_FILES) come inlined, without the OpenAPI document or the validator's ajv.
  expect(code).not.toMatch(/ajv|openapi:"3\.1\.0"/);
  const gzipped = gzipSync(code).length;
  console.info(`browser bundle: ${code.length} B minified, ${gzipped} B gzipped (budget ${BROWSER_BUDGET_BYTES} B)`);
  expect(gzipped).toBeLessThanOrEqual(BROWSER_BUDGET_BYTES);
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  expect(readme).toContain(`${BROWSER_BUDGET_BYTES / 1024} KiB`);
});

/** The modules a built entry imports at run time, in the order first met. */
async function runtimeImports(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(packageDir, 'dist', entry)],
    bundle: true,
    packages: 'external',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return [...new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)))];
}

test('the main entry imports only openapi-fetch at run time; the contract is types only', async () => {
  expect(await runtimeImports('index.js')).toEqual(['openapi-fetch']);
  const cjs = await readFile(join(packageDir, 'dist', 'index.cjs'), 'utf8');
  expect([...cjs.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['openapi-fetch']);
});

test("the Node entry adds Node's built-ins and nothing else: the CLI's dependencies are not the SDK's", async () => {
  const imports = await runtimeImports('node.js');
  expect(imports.filter((path) => !path.startsWith('node:'))).toEqual(['openapi-fetch']);
  expect(imports.join(' ')).not.toMatch(/dicom-parser|tinyglobby/);
});

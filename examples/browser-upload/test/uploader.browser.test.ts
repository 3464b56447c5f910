// Runs the example page in a real headless Chromium: the page from one origin, the API from
// another; a film is chosen in the <input> as a person would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer } from '@bcd-api/server';
import { filmOrFallback, imagesDir, launchChromium, openForSuite, requireChromium, serveStaticSite } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const available = requireChromium('the browser-upload example');
const root = fileURLToPath(new URL('..', import.meta.url));
// CI has the films: there their absence fails the run rather than falling back.
const film = filmOrFallback('the browser-upload example with a real mini-MIAS film');

describe.skipIf(!available)('the browser-upload example', () => {
  const api = serverForSuite();
  // The page as `pnpm build` ships it, index.html and dist/main.js, from an origin of its own.
  const site = openForSuite(async () => {
    const bundle = await build({
      entryPoints: [join(root, 'src', 'main.ts')],
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    return serveStaticSite({
      '/': { type: 'text/html', body: await readFile(join(root, 'index.html'), 'utf8') },
      '/dist/main.js': { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
    });
  });
  const browser = openForSuite(launchChromium);

  test('a person picks two films and sees one line each and the summary', async () => {
    const page = await browser().newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site().url}/?api=${encodeURIComponent(api().url)}`);
    await page.setInputFiles('input[type=file]', [film.path, join(imagesDir, 'truncated.png')]);
    await page.waitForFunction(() => document.querySelector('main p')?.textContent?.startsWith('Done'), undefined, { timeout: 15_000 });
    const items = await page.locator('li').allInnerTexts();
    expect(items[0]).toMatch(
      new RegExp(`^${film.name.replaceAll('.', '\\.')}: (Benign|Malignant) \\(\\d+(\\.\\d+)?% malignant, .+ Risk\\)$`),
    );
    expect(items[1]).toMatch(/^truncated\.png: .*damaged or truncated/);
    expect(await page.locator('main p').textContent()).toMatch(/^Done: 1 classified, 1 failed\. .*Not for medical diagnosis\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

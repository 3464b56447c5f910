// Runs the example page in a real headless Chromium: the page from one origin, the API from
// another; a film is chosen in the <input> as a person would.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer, type RunningServer } from '@bcd-api/server';
import { filmPath, imagesDir, launchChromium, miniMiasDir, requireChromium, warnSkipped, type Browser } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const { startTestServer } = createServerKit({ loadConfig, startServer });
const available = requireChromium('the browser-upload example');
const root = fileURLToPath(new URL('..', import.meta.url));
// CI has the films: there their absence fails the run rather than falling back.
if (!miniMiasDir) warnSkipped('the browser-upload example with a real mini-MIAS film (a synthetic fixture is used)');
const film = miniMiasDir ? filmPath('mdb001') : undefined;

describe.skipIf(!available)('the browser-upload example', () => {
  let api: RunningServer;
  let site: Server;
  let browser: Browser;
  let siteUrl: string;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(root, 'src', 'main.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
    const html = await readFile(join(root, 'index.html'), 'utf8');
    api = await startTestServer();
    site = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (path === '/dist/main.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0]!.text);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await api?.close();
  });

  test('a person picks two films and sees one line each and the summary', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${siteUrl}/?api=${encodeURIComponent(api.url)}`);
    await page.setInputFiles('input[type=file]', [film ?? join(imagesDir, 'breast.jpg'), join(imagesDir, 'truncated.png')]);
    await page.waitForFunction(() => document.querySelector('main p')?.textContent?.startsWith('Done'), undefined, { timeout: 15_000 });
    const items = await page.locator('li').allInnerTexts();
    expect(items[0]).toMatch(new RegExp(`^${film ? 'mdb001\\.png' : 'breast\\.jpg'}: (Benign|Malignant) \\(\\d+(\\.\\d+)?% malignant, .+ Risk\\)$`));
    expect(items[1]).toMatch(/^truncated\.png: .*damaged or truncated/);
    expect(await page.locator('main p').innerText()).toMatch(/^Done: 1 classified, 1 failed\. .*Not for medical diagnosis\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

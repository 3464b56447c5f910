// Runs the example page in a real headless Chromium: the page from one origin, the API from
// another; a film is chosen in the <input> as a person would.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer, type RunningServer } from '@bcd-api/server';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) {
  if (process.env.CI) throw new Error(`Chromium is required in CI at ${executablePath} (apt-get install chromium)`);
  console.warn(`\n*** SKIPPED: browser-upload example: no Chromium at ${executablePath} (apt-get install chromium). ***\n`);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../packages/core/test/fixtures/', import.meta.url));
const miniMias = process.env.MINI_MIAS_DIR ?? fileURLToPath(new URL('../../../../shared/data/mini-mias', import.meta.url));
const film = existsSync(join(miniMias, 'images', 'mdb001.png')) ? join(miniMias, 'images', 'mdb001.png') : undefined;
if (!film) {
  // CI has the films: there their absence fails the run rather than falling back.
  if (process.env.CI) throw new Error(`CI must have the mini-MIAS films for the browser-upload example: ${join(miniMias, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR).`);
  console.warn(`\n*** SKIPPED: browser-upload example with a real mini-MIAS film (a synthetic fixture is used): ${join(miniMias, 'images', 'mdb001.png')} not found (set MINI_MIAS_DIR). ***\n`);
}

describe.skipIf(!available)('the browser-upload example', () => {
  let api: RunningServer;
  let site: Server;
  let browser: Browser;
  let siteUrl: string;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(root, 'src', 'main.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
    const html = await readFile(join(root, 'index.html'), 'utf8');
    api = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', MODEL_DIR: join(fixtures, 'tiny-model'), LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '0' }));
    await api.model.ready;
    site = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (path === '/dist/main.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle.outputFiles[0]!.text);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
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
    await page.setInputFiles('input[type=file]', [film ?? join(fixtures, 'images', 'breast.jpg'), join(fixtures, 'images', 'truncated.png')]);
    await page.waitForFunction(() => document.querySelector('main p')?.textContent?.startsWith('Done'), undefined, { timeout: 15_000 });
    const items = await page.locator('li').allInnerTexts();
    expect(items[0]).toMatch(new RegExp(`^${film ? 'mdb001\\.png' : 'breast\\.jpg'}: (Benign|Malignant) \\(\\d+(\\.\\d+)?% malignant, .+ Risk\\)$`));
    expect(items[1]).toMatch(/^truncated\.png: .*damaged or truncated/);
    expect(await page.locator('main p').innerText()).toMatch(/^Done: 1 classified, 1 failed\. .*Not for medical diagnosis\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

// Swagger UI and ReDoc rendered by a real headless Chromium (Debian's), with every request
// recorded: the pages must render the API and load nothing from outside this server.
import { mkdir } from 'node:fs/promises';
import { type Browser, launchChromium, requireChromium } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type RunningServer, startServer } from '../src/index.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });

const available = requireChromium('the documentation pages');

describe.skipIf(!available)('documentation pages in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(path: string, ready: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // Content-Security-Policy violations are reported as console errors.
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    await page.waitForSelector(ready, { timeout: 20_000 });
    const shots = process.env.SCREENSHOT_DIR;
    if (shots) {
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: `${shots}/${path === '/' ? 'swagger' : path.slice(1)}.png` });
    }
    const text = (await page.textContent('body')) ?? '';
    await page.close();
    return { requests, failed, errors, text };
  }

  test('Swagger UI at / renders every operation from local assets only', async () => {
    const result = await visit('/', '.opblock');
    expect(result.failed).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
    expect(result.text).toContain('/batch-predict');
    expect(result.text).toContain('/predict');
    expect(result.text).toContain('Not for medical diagnosis');
  });

  test('ReDoc at /redoc renders the API from local assets only', async () => {
    const result = await visit('/redoc', '[data-section-id]');
    expect(result.failed).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(result.text).toContain('Classify up to 10 mammograms');
    expect(result.text).toContain('Not for medical diagnosis');
  });
});

// The SDK in a real headless Chromium (Debian's, through playwright-core): the page comes from
// one origin, the API from another, so this also proves CORS (and that X-Request-Id is exposed).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PredictionResponse } from '@bcd-api/contract';
import { createResponseValidator } from '@bcd-api/contract/validator';
import { loadConfig, startServer, type RunningServer } from '@bcd-api/server';
import { filmPath, imagesDir, launchChromium, miniMiasDir, requireChromium, warnSkipped, type Browser } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleForBrowser } from './browser-bundle.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });
const available = requireChromium('the SDK browser tests');
if (!miniMiasDir) warnSkipped('browser upload of a real mini-MIAS film (a synthetic fixture is uploaded instead)');

const PAGE = `<!doctype html><meta charset="utf-8"><title>SDK test app</title>
<script type="module">
  import * as sdk from '/sdk.js';
  window.sdk = sdk;
  window.sdkReady = true;
</script>`;

/** The film uploaded from the page: a real mammogram when present, else a committed synthetic one. */
const upload = miniMiasDir ? { path: filmPath('mdb001'), name: 'mdb001.png', type: 'image/png' } : { path: join(imagesDir, 'breast.jpg'), name: 'breast.jpg', type: 'image/jpeg' };

describe.skipIf(!available)('the SDK in Chromium', () => {
  let api: RunningServer;
  let app: Server;
  let appUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const [bundle, film] = await Promise.all([bundleForBrowser(), readFile(upload.path)]);
    api = await startTestServer();
    // The "downstream app": a static server on another port, hence another origin.
    app = createServer((req, res) => {
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (req.url === '/sdk.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else if (req.url === '/film') res.writeHead(200, { 'content-type': upload.type }).end(film);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://localhost:${(app.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await api?.close();
  });

  test('uploads a mammogram as a File from another origin and gets the typed result', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const apiRequests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 400 of the empty upload is logged by Chromium as a failed resource: expected, not a page error.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    page.on('request', (r) => r.url().startsWith(api.url) && apiRequests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(appUrl);
    await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);

    const result = await page.evaluate(
      async ({ apiUrl, name, type }) => {
        const { createClient, isApiError } = (window as unknown as { sdk: typeof import('../src/index.js') }).sdk;
        const client = createClient({ baseUrl: apiUrl, retries: 0 });
        const bytes = await (await fetch('/film')).blob();
        const file = new File([bytes], name, { type });
        const predicted = await client.predict(file);
        const batch = await client.batchPredict([file, new File([bytes], 'copy-' + name, { type })]);
        const empty = await client.predict(new File([], 'empty.png'));
        return {
          origin: location.origin,
          prediction: predicted.data,
          predictError: predicted.error?.message,
          batch: batch.data?.results.map((r) => r.filename),
          emptyIsApiError: isApiError(empty.error),
          emptyError: isApiError(empty.error) ? { name: empty.error.name, status: empty.error.status, code: empty.error.code, requestId: empty.error.requestId } : String(empty.error),
        };
      },
      { apiUrl: api.url, name: upload.name, type: upload.type },
    );

    expect(errors).toEqual([]);
    expect(result.origin).not.toBe(new URL(api.url).origin);
    expect(result.predictError).toBeUndefined();
    const prediction = result.prediction as PredictionResponse;
    expect(createResponseValidator().validate({ method: 'POST', path: '/predict', status: 200, contentType: 'application/json', body: prediction }).errors).toEqual([]);
    expect(prediction.image_info.filename).toBe(upload.name);
    if (miniMiasDir) expect(prediction.image_info).toEqual({ filename: 'mdb001.png', size: '1024x1024', format: 'PNG' });
    expect(['Benign', 'Malignant']).toContain(prediction.prediction);
    expect(result.batch).toEqual([upload.name, `copy-${upload.name}`]);
    // Only readable because the server's CORS exposes X-Request-Id.
    expect(result.emptyIsApiError).toBe(true);
    expect(result.emptyError).toMatchObject({ name: 'BadRequestError', status: 400, code: 'EMPTY_FILE', requestId: expect.stringMatching(/^[A-Za-z0-9._-]+$/) });
    expect(apiRequests).toEqual(expect.arrayContaining(['POST /predict', 'POST /batch-predict']));
    await page.close();
  });
});

// The SDK in a real headless Chromium (Debian's, through playwright-core): the page comes from
// one origin, the API from another, so this also proves CORS (and that X-Request-Id is exposed).
import { readFile } from 'node:fs/promises';
import type { PredictionResponse } from '@bcd-api/contract';
import { createResponseValidator } from '@bcd-api/contract/validator';
import { loadConfig, startServer } from '@bcd-api/http';
import { filmOrFallback, launchChromium, openForSuite, requireChromium, serveStaticSite } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { bundleForBrowser } from './browser-bundle.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const available = requireChromium('the SDK browser tests');

const PAGE = `<!doctype html><meta charset="utf-8"><title>SDK test app</title>
<script type="module">
  import * as sdk from '/sdk.js';
  window.sdk = sdk;
  window.sdkReady = true;
</script>`;

/** The film uploaded from the page: a real mammogram when present, else a committed synthetic one. */
const upload = filmOrFallback('browser upload of a real mini-MIAS film');

describe.skipIf(!available)('the SDK in Chromium', () => {
  const api = serverForSuite();
  // The "downstream app": a static site on another port, hence another origin.
  const app = openForSuite(async () => {
    const [bundle, film] = await Promise.all([bundleForBrowser(), readFile(upload.path)]);
    return serveStaticSite({
      '/': { type: 'text/html', body: PAGE },
      '/sdk.js': { type: 'text/javascript', body: bundle },
      '/film': { type: upload.type, body: film },
    });
  });
  const browser = openForSuite(launchChromium);

  test('uploads a mammogram as a File from another origin and gets the typed result', async () => {
    const page = await browser().newPage();
    const errors: string[] = [];
    const apiRequests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 400 of the empty upload is logged by Chromium as a failed resource: expected, not a page error.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    page.on('request', (r) => r.url().startsWith(api().url) && apiRequests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(app().url);
    await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);

    const result = await page.evaluate(
      async ({ apiUrl, name, type }) => {
        const { createClient, isApiError } = (window as unknown as { sdk: typeof import('../src/index.js') }).sdk;
        const client = createClient({ baseUrl: apiUrl, retries: 0 });
        const bytes = await (await fetch('/film')).blob();
        const file = new File([bytes], name, { type });
        const predicted = await client.predict(file);
        const batch = await client.batchPredict([file, new File([bytes], `copy-${name}`, { type })]);
        const empty = await client.predict(new File([], 'empty.png'));
        return {
          origin: location.origin,
          prediction: predicted.data,
          predictError: predicted.error?.message,
          batch: batch.data?.results.map((r) => r.filename),
          emptyIsApiError: isApiError(empty.error),
          emptyError: isApiError(empty.error)
            ? { name: empty.error.name, status: empty.error.status, code: empty.error.code, requestId: empty.error.requestId }
            : String(empty.error),
        };
      },
      { apiUrl: api().url, name: upload.name, type: upload.type },
    );

    expect(errors).toEqual([]);
    expect(result.origin).not.toBe(new URL(api().url).origin);
    expect(result.predictError).toBeUndefined();
    const prediction = result.prediction as PredictionResponse;
    expect(
      createResponseValidator().validate({
        method: 'POST',
        path: '/predict',
        status: 200,
        contentType: 'application/json',
        body: prediction,
      }).errors,
    ).toEqual([]);
    expect(prediction.image_info.filename).toBe(upload.name);
    if (upload.real) expect(prediction.image_info).toEqual({ filename: 'mdb001.png', size: '1024x1024', format: 'PNG' });
    expect(['Benign', 'Malignant']).toContain(prediction.prediction);
    expect(result.batch).toEqual([upload.name, `copy-${upload.name}`]);
    // Only readable because the server's CORS exposes X-Request-Id.
    expect(result.emptyIsApiError).toBe(true);
    expect(result.emptyError).toMatchObject({
      name: 'BadRequestError',
      status: 400,
      code: 'EMPTY_FILE',
      requestId: expect.stringMatching(/^[A-Za-z0-9._-]+$/),
    });
    expect(apiRequests).toEqual(expect.arrayContaining(['POST /predict', 'POST /batch-predict']));
    await page.close();
  });
});

// The demo page (GET /demo) in a real headless Chromium (Debian's), against the real server
// with the default model, whose score map gives real heatmaps: uploads, errors, keyboard use,
// a full batch, a phone's width, layout stability, and nothing loaded from outside the server,
// with the page's strict CSP (no inline script or style) kept.
import { mkdir, readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { RISK_LEVEL_NAMES } from '@bcd-api/contract';
import { defaultModelDir } from '@bcd-api/default-model';
import { loadConfig, type StartOptions, startServer } from '@bcd-api/http';
import { type Browser, call, filmOrFallback, launchChromium, openForSuite, requireChromium, screeningModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { demoDir } from '../index.js';

// The page's globals, for the functions that page.evaluate runs in Chromium, loosely typed for
// this file only: those functions read the page's elements without a cast for each.
declare const window: any;
declare const document: any;
declare const getComputedStyle: any;
declare const requestAnimationFrame: any;
declare const innerHeight: number;
declare const scrollY: number;
declare const localStorage: any;
declare const sessionStorage: any;
declare const DataTransfer: any;
declare const MutationObserver: any;
declare const PerformanceObserver: any;
declare const CanvasRenderingContext2D: any;

const { serverForSuite } = createServerKit({ loadConfig, startServer });
/** The library server serves this package's built page (dist/, which `vite build` writes), as the app composes it. */
const WITH_PAGE: StartOptions = { assets: { demoDir } };
const available = requireChromium('the demo page');

/** The film every upload sends: the real mini-MIAS film mdb001 when present, else a committed synthetic one. */
const upload = filmOrFallback('the demo page with a real film');
const NOT_AN_IMAGE = Buffer.from('These are notes, not a mammogram.\n');
const API_KEY = 'demo-browser-test-key-0123456789';

type Page = Awaited<ReturnType<Browser['newPage']>>;

interface PageLog {
  requests: string[];
  /** `METHOD /path status` of every answer of 400 or more. */
  refused: string[];
  failed: string[];
  errors: string[];
}

/** What the page does that a test must see: CSP violations (reported to the page) and long main-thread tasks. */
const PROBES = () => {
  const w = window as unknown as { cspViolations: string[]; longTasks: Array<[start: number, duration: number]> };
  w.cspViolations = [];
  w.longTasks = [];
  document.addEventListener('securitypolicyviolation', (e: any) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  new PerformanceObserver((list: any) => {
    for (const entry of list.getEntries()) w.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
};

async function openDemo(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; log: PageLog }> {
  // Reduced motion: no transitions, so that a screenshot shows the page at rest.
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
  const log: PageLog = { requests: [], refused: [], failed: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  page.on('pageerror', (e) => log.errors.push(e.message));
  // An API error answer is logged by Chromium as a failed resource; those are checked through `refused`.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded with a status of'))
      log.errors.push(m.text());
  });
  await page.addInitScript(PROBES);
  await page.goto(`${baseUrl}/demo`);
  return { page, log };
}

/** Asserts that the page loaded nothing from outside the server, broke no CSP rule, logged no error, and was refused only `refused`. */
async function expectClean(page: Page, log: PageLog, baseUrl: string, refused: string[] = []): Promise<void> {
  expect(log.requests.filter((u) => !u.startsWith(`${baseUrl}/`))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(log.errors).toEqual([]);
  expect(log.failed).toEqual([]);
  expect(log.refused.sort()).toEqual(refused.sort());
}

/** How coloured the first card's canvas is: the mean of max(r,g,b) - min(r,g,b) over its pixels (a grey film gives 0). */
function chroma(page: Page, card = 1): Promise<number> {
  return page.evaluate((n) => {
    const canvas = document.querySelector(`.card:nth-child(${n}) .figure-canvas`);
    const context = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !context) return -1;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      sum += Math.max(r, g, b) - Math.min(r, g, b);
    }
    return sum / (data.length / 4);
  }, card);
}

/** Top and height of an element, and of the parts above the first card, to compare before and after an answer. */
function layout(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { top: r.top + scrollY, height: r.height } : undefined;
    };
    return {
      state: document.querySelector('.card')?.dataset.state,
      card: box('.card'),
      figure: box('.card .canvas-box'),
      dropzone: box('#dropzone'),
      cards: box('#cards'),
    };
  });
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}`, fullPage });
}

const film = async () => ({ name: upload.name, mimeType: upload.type, buffer: await readFile(upload.path) });

/** A 480x360 colour picture (hue sweeping across, brightness down): an image, but not a mammogram, which the server refuses with any model. */
async function colourPicture(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const [width, height] = [480, 360];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 1 - (0.6 * y) / height;
      const t = x / width;
      pixels.set([255 * (1 - t) * light, 255 * Math.sin(Math.PI * t) * light, 255 * t * light], (y * width + x) * 3);
    }
  }
  const buffer = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return { name: 'holiday.png', mimeType: 'image/png', buffer };
}

/** What the API says of `file` sent alone to POST /explain, which the page must show as it is. */
async function explainAnswer(url: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<Record<string, any>> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  return (await (await fetch(`${url}/explain`, { method: 'POST', body: form })).json()) as Record<string, any>;
}

describe('GET /demo over HTTP', () => {
  const server = serverForSuite({}, WITH_PAGE);

  test('serves the page with a strict CSP and no-cache, its hashed assets for a year, and 404 for anything else', async () => {
    const page = await call(server().url, 'GET', '/demo');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(csp).not.toContain('unsafe-inline');
    const assets = [...String(page.body).matchAll(/\/demo\/assets\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await call(server().url, 'GET', `/demo/assets/${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    // Through node:http: fetch marks a conditional request `Cache-Control: no-cache`, which rules out a 304.
    const etag = page.headers.get('etag') ?? '';
    const revalidated = await new Promise<number | undefined>((resolve, reject) => {
      get(`${server().url}/demo`, { headers: { 'If-None-Match': etag } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(revalidated).toBe(304);
    const slash = await fetch(`${server().url}/demo/`, { redirect: 'manual' });
    expect([slash.status, slash.headers.get('location')]).toEqual([301, '/demo']);
    for (const name of ['nothing.js', '..%2Fpackage.json', '..%2F..%2Findex.js', 'index.html']) {
      const res = await call(server().url, 'GET', `/demo/assets/${name}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', detail: expect.any(String) });
    }
  });
});

describe.skipIf(!available)('the demo page in Chromium', () => {
  const server = serverForSuite({ MODEL_DIR: defaultModelDir }, WITH_PAGE);
  const browser = openForSuite(launchChromium);
  let notAnImage: { detail: string; code: string };

  beforeAll(async () => {
    // What the API says of a text file, which the page must show as it is.
    const form = new FormData();
    form.append('file', new Blob([NOT_AN_IMAGE], { type: 'text/plain' }), 'notes.txt');
    notAnImage = (await (await fetch(`${server().url}/explain`, { method: 'POST', body: form })).json()) as {
      detail: string;
      code: string;
    };
  });

  test('shows a card per file, in order: the film with its prediction, risk and heatmap; the text file with the API error', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    const panel = (await page.textContent('#model-panel')) ?? '';
    expect(panel).toMatch(/ROC AUC\s*0\.\d{3} \(95% CI 0\.\d{3}–0\.\d{3}\)/);
    expect(panel).toContain('Intended use');
    expect(panel).toContain('RSNA Screening Mammography');
    expect(await page.textContent('.disclaimer')).toContain('For education and research only. Not for medical diagnosis.');

    await page.setInputFiles('#file-input', [await film(), { name: 'notes.txt', mimeType: 'text/plain', buffer: NOT_AN_IMAGE }]);
    const before = await layout(page);
    expect(before.state === 'pending' || before.state === 'working').toBe(true);
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(2)[data-state="failed"]', { timeout: 30_000 });
    const after = await layout(page);
    // Nothing moved or grew when the answer came: the card, its picture and everything above it.
    expect(after.card).toEqual(before.card);
    expect(after.figure).toEqual(before.figure);
    expect(after.dropzone).toEqual(before.dropzone);
    expect(after.cards?.top).toBe(before.cards?.top);

    const first = (await page.textContent('.card:nth-child(1)')) ?? '';
    expect(first).toContain(upload.name);
    expect(first).toMatch(/Prediction\s*(Benign|Malignant)/);
    expect(first).toMatch(/Benign \d+\.\d%/);
    expect(first).toMatch(/Malignant \d+\.\d%/);
    const risk = (await page.textContent('.card:nth-child(1) .risk-text')) ?? '';
    expect(RISK_LEVEL_NAMES).toContain(risk);
    expect(await page.$eval('.card:nth-child(1) .risk-swatch', (e) => getComputedStyle(e).backgroundColor)).not.toBe('rgb(209, 213, 219)');
    expect(first).toMatch(/Brightness\s*\d+\.\d%/);
    expect(first).toMatch(/Size\s*\d+ × \d+ px/);
    expect(first).toMatch(/Highest region, ringed on the image: \d+% malignant, around x \d+, y \d+ px/);
    // The film is grey: coloured pixels are the heatmap's.
    expect(await chroma(page)).toBeGreaterThan(2);

    expect(await page.textContent('.card:nth-child(2) .error-detail')).toBe(notAnImage.detail);
    expect(await page.textContent('.card:nth-child(2) .error-code')).toContain(notAnImage.code);
    expect(await page.textContent('#progress-text')).toBe('2 of 2 done (1 failed)');
    expect(await page.textContent('#announcer')).toContain('2 of 2 done');

    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'demo-desktop.png');
    await expectClean(page, log, server().url, ['POST /explain 400']);
    await page.close();
  });

  test('a card the page itself cannot draw says why, and the rest of the batch goes on', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    // A browser that cannot read back the canvas (as one may for an image too large for its memory).
    await page.evaluate(() => {
      CanvasRenderingContext2D.prototype.getImageData = () => {
        throw new Error('no canvas memory left');
      };
    });
    await page.setInputFiles('#file-input', [await film(), { name: 'notes.txt', mimeType: 'text/plain', buffer: NOT_AN_IMAGE }]);
    await page.waitForSelector('.card:nth-child(1)[data-state="failed"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(2)[data-state="failed"]', { timeout: 30_000 });
    expect(await page.textContent('.card:nth-child(1) .error-detail')).toBe(
      `This page could not show ${upload.name}: no canvas memory left`,
    );
    expect(await page.isVisible('.card:nth-child(1) .error-code')).toBe(false);
    expect(await page.textContent('.card:nth-child(1) .state-pill')).toBe('Failed');
    expect(await page.textContent('.card:nth-child(2) .error-detail')).toBe(notAnImage.detail);
    expect(await page.textContent('#progress-text')).toBe('2 of 2 done (2 failed)');
    expect(await page.textContent('#announcer')).toContain('2 of 2 done');
    await expectClean(page, log, server().url, ['POST /explain 400']);
    await page.close();
  });

  test('refuses a colour picture: a "Not a mammogram" card with the API sentence, and no verdict, bar or heatmap', async () => {
    const picture = await colourPicture();
    const refusal = await explainAnswer(server().url, picture);
    expect(refusal).toMatchObject({
      code: 'NOT_A_MAMMOGRAM',
      detail: expect.stringMatching(/^holiday\.png: not a mammogram\. The image is in colour/),
    });
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    expect(await page.textContent('#model-input-check')).toMatch(/^Images that are not mammograms are refused/);

    await page.setInputFiles('#file-input', [await film(), picture]);
    const before = await page.evaluate(() => document.querySelector('.card:nth-child(2)')?.getBoundingClientRect().height);
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(2)[data-state="refused"]', { timeout: 30_000 });
    // The refusal takes the verdict's room: the card did not grow.
    expect(await page.evaluate(() => document.querySelector('.card:nth-child(2)')?.getBoundingClientRect().height)).toBe(before);

    const card = '.card:nth-child(2)';
    expect(await page.textContent(`${card} .state-pill`)).toBe('Refused');
    expect(await page.textContent(`${card} .refusal-title`)).toBe('Not a mammogram');
    expect(await page.textContent(`${card} .refusal-detail`)).toBe(refusal.detail);
    expect(await page.textContent(`${card} .error-code`)).toBe('Code: NOT_A_MAMMOGRAM');
    expect(await page.isVisible(`${card} .refusal`)).toBe(true);
    // No verdict, no probabilities, no heatmap or its controls.
    for (const part of ['.details', '.verdict-label', '.bar', '.figure-controls', '.legend']) {
      expect(await page.isVisible(`${card} ${part}`), part).toBe(false);
    }
    expect(await page.textContent(`${card} .verdict-label`)).toBe('—');
    expect(await page.isDisabled('#card-2-toggle')).toBe(true);
    expect(await page.getAttribute(`${card} .figure-canvas`, 'aria-label')).toBe(
      'holiday.png: not a mammogram, so no verdict and no heatmap',
    );
    // The picture that was sent is shown, as the browser decodes it.
    expect(await chroma(page, 2)).toBeGreaterThan(20);
    // The film beside it is untouched by the check.
    expect(await page.textContent('.card:nth-child(1) .verdict-label')).toMatch(/^(Benign|Malignant)$/);
    expect(await page.isVisible('.card:nth-child(1) .input-warning')).toBe(false);
    expect(await page.textContent('#progress-text')).toBe('2 of 2 done (1 not a mammogram)');

    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'demo-refused.png', true);
    await expectClean(page, log, server().url, ['POST /explain 422']);
    await page.close();
  });

  /**
   * Space on the focused file input, until the file chooser opens (three tries, 10 s each), then
   * chooses `files`: on a loaded CI machine headless Chromium once let the first press pass
   * without opening it, and a person would press again. It still fails when Space never opens it.
   */
  async function chooseBySpace(page: Page, files: Awaited<ReturnType<typeof film>>): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => undefined);
      await page.keyboard.press('Space');
      const opened = await chooser;
      if (opened) return opened.setFiles(files);
    }
    throw new Error('Space on the focused file input never opened the file chooser');
  }

  test('works by keyboard alone: Tab to the upload, Space to choose, Tab to the heatmap toggle and slider', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
    let presses = 0;
    while ((await focused()) !== 'file-input' && presses++ < 12) await page.keyboard.press('Tab');
    expect(await focused()).toBe('file-input');
    // The drop zone shows where the focus is.
    expect(await page.$eval('#dropzone', (e) => getComputedStyle(e).outlineStyle)).toBe('solid');

    await chooseBySpace(page, await film());
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('card-1-toggle');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('card-1-opacity');
    expect(await page.$eval('#card-1-opacity', (e) => getComputedStyle(e).outlineStyle)).toBe('solid');

    const atDefault = await chroma(page);
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.querySelector('#card-1-opacity + output')?.textContent === '30%');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const lower = await chroma(page);
    expect(lower).toBeLessThan(atDefault);
    await page.keyboard.press('Home');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await chroma(page)).toBeLessThan(1);
    await page.keyboard.press('End');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const full = await chroma(page);
    expect(full).toBeGreaterThan(atDefault);

    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('card-1-toggle');
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#card-1-toggle', 'aria-pressed')).toBe('false');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await chroma(page)).toBeLessThan(1);
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#card-1-toggle', 'aria-pressed')).toBe('true');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await chroma(page)).toBeCloseTo(full, 1);
    await expectClean(page, log, server().url);
    await page.close();
  });

  test('a batch of 11 sends the first 10, names the one not sent, shows progress and all 10 cards without long stalls', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    const { buffer, mimeType } = await film();
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `film-${String(i + 1).padStart(2, '0')}.png`, mimeType, buffer }));
    await page.evaluate(() => {
      const w = window as unknown as { progressSeen: string[] };
      w.progressSeen = [];
      const text = document.querySelector('#progress-text');
      if (text)
        new MutationObserver(() => w.progressSeen.push(text.textContent ?? '')).observe(text, {
          childList: true,
          characterData: true,
          subtree: true,
        });
    });
    await page.setInputFiles('#file-input', files);
    // Long tasks are counted from here: handing the files to the page is the test's own work.
    const batchStart = await page.evaluate(() => performance.now());
    expect(await page.textContent('#skipped')).toContain('Not sent: film-11.png.');
    expect(await page.isVisible('#skipped')).toBe(true);
    expect(await page.$$eval('.card', (cards) => cards.length)).toBe(10);
    expect(await page.isVisible('#progress')).toBe(true);
    await page.waitForFunction(() => document.querySelectorAll('.card[data-state="done"]').length === 10, undefined, { timeout: 45_000 });
    expect(await page.textContent('#progress-text')).toBe('10 of 10 done');
    expect(await page.$eval('#progress', (p: any) => [p.value, p.max])).toEqual([10, 10]);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // Results came one by one, not all at the end.
    expect(seen).toEqual(expect.arrayContaining(['1 of 10 done', '5 of 10 done', '9 of 10 done']));
    const titles = await page.$$eval('.card-title', (els) => els.map((e) => e.textContent));
    expect(titles).toEqual(files.slice(0, 10).map((f) => f.name));
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: Array<[start: number, duration: number]> }).longTasks);
    const longest = Math.max(0, ...tasks.filter(([start]) => start >= batchStart).map(([, duration]) => duration));
    console.info(`demo batch: longest main-thread task ${Math.round(longest)} ms`);
    // The page yields between cards and between slices of each overlay: no task near a frozen page's length.
    expect(longest).toBeLessThan(250);
    await expectClean(page, log, server().url);
    await page.close();
  });

  test('fits a phone (375 px) with files dropped on it: no horizontal scroll, and the disclaimer in view at the bottom', async () => {
    const { page, log } = await openDemo(browser(), server().url, { width: 375, height: 740 });
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    const { buffer, name, mimeType } = await film();
    const picture = await colourPicture();
    const dataTransfer = await page.evaluateHandle(
      ({ base64, name, type, text, colour }) => {
        const transfer = new DataTransfer();
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes(base64)], name, { type }));
        transfer.items.add(new File([text], 'notes.txt', { type: 'text/plain' }));
        transfer.items.add(new File([bytes(colour.base64)], colour.name, { type: colour.type }));
        return transfer;
      },
      {
        base64: buffer.toString('base64'),
        name,
        type: mimeType,
        text: NOT_AN_IMAGE.toString(),
        colour: { base64: picture.buffer.toString('base64'), name: picture.name, type: picture.mimeType },
      },
    );
    await page.dispatchEvent('#dropzone', 'dragover', { dataTransfer });
    expect(await page.getAttribute('#dropzone', 'data-drag')).toBe('over');
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
    expect(await page.getAttribute('#dropzone', 'data-drag')).toBeNull();
    expect(await page.$$eval('.card-title', (els) => els.map((e) => e.textContent))).toEqual([name, 'notes.txt', picture.name]);
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(2)[data-state="failed"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(3)[data-state="refused"]', { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const bar = await page.evaluate(() => {
      const r = document.querySelector('.disclaimer')?.getBoundingClientRect();
      const hit = r ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
      return { top: r?.top, bottom: r?.bottom, height: innerHeight, scrolled: scrollY, onTop: Boolean(hit?.closest('.disclaimer')) };
    });
    expect(bar.scrolled).toBeGreaterThan(500);
    expect(bar.top).toBeGreaterThanOrEqual(0);
    expect(bar.bottom).toBeLessThanOrEqual(bar.height);
    expect(bar.onTop).toBe(true);
    // From the top: a full-page shot draws the sticky bar where the viewport was.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'demo-phone.png', true);
    await expectClean(page, log, server().url, ['POST /explain 400', 'POST /explain 422']);
    await page.close();
  });
});

describe.skipIf(!available)('the demo page with a server set to INPUT_CHECK=warn', () => {
  const server = serverForSuite({ MODEL_DIR: defaultModelDir, INPUT_CHECK: 'warn' }, WITH_PAGE);
  const browser = openForSuite(launchChromium);

  test('gives the colour picture its verdict and heatmap under a visible warning, above the verdict', async () => {
    const picture = await colourPicture();
    const answer = await explainAnswer(server().url, picture);
    expect(answer.input_check).toMatchObject({ mode: 'warn', status: 'warning', warning: expect.stringContaining('not a mammogram') });
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'screening-mobilenet');
    expect(await page.textContent('#model-input-check')).toMatch(/^Images that are not mammograms get a verdict with a warning/);

    await page.setInputFiles('#file-input', [picture, await film()]);
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('.card:nth-child(2)[data-state="done"]', { timeout: 30_000 });
    const card = '.card:nth-child(1)';
    expect(await page.getAttribute(card, 'data-input-check')).toBe('warning');
    expect(await page.textContent(`${card} .state-pill`)).toBe('Warning');
    expect(await page.textContent('.card:nth-child(2) .state-pill')).toBe('Done');
    expect(await page.isVisible(`${card} .input-warning`)).toBe(true);
    expect(await page.textContent(`${card} .input-warning-title`)).toBe('Warning: not taken for a mammogram');
    expect(await page.textContent(`${card} .input-warning-text`)).toBe(answer.input_check.warning);
    expect(await page.textContent(`${card} .verdict-label`)).toBe(answer.prediction);
    // In document order: the warning, then the verdict below it.
    const [warningBox, verdictBox] = await page.$$eval(`${card} .input-warning, ${card} .verdict`, (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top as number, bottom: r.bottom as number };
      }),
    );
    expect(warningBox?.bottom).toBeLessThanOrEqual(verdictBox?.top ?? 0);
    expect(await page.isDisabled('#card-1-toggle')).toBe(false);
    // The film passes: no warning on its card.
    expect(await page.isVisible('.card:nth-child(2) .input-warning')).toBe(false);
    expect(await page.getAttribute('.card:nth-child(2)', 'data-input-check')).toBeNull();
    expect(await page.textContent('#progress-text')).toBe('2 of 2 done');

    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'demo-warning.png', true);
    await expectClean(page, log, server().url);
    await page.close();
  });
});

describe.skipIf(!available)('the demo page with an API key and a model without heatmap', () => {
  // The tiny model has no score map: /explain answers 422, and the page shows predictions alone.
  const server = serverForSuite({ API_KEYS: API_KEY }, WITH_PAGE);
  const browser = openForSuite(launchChromium);

  test('asks for the key, keeps it in memory only, and shows the prediction with a note that there is no heatmap', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForSelector('#key-form:not([hidden])');
    expect(await page.textContent('#key-message')).toContain('An API key is required');
    // Chosen before the key: the upload is refused, waits for the key, then goes on.
    const refused = page.waitForResponse((r) => r.url().endsWith('/explain') && r.status() === 401);
    await page.setInputFiles('#file-input', [await film()]);
    await refused;
    await page.fill('#api-key', API_KEY);
    await page.press('#api-key', 'Enter');
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'tiny-test-model');
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    expect(await page.isHidden('#key-form')).toBe(true);
    const card = (await page.textContent('.card:nth-child(1)')) ?? '';
    expect(card).toMatch(/Prediction\s*(Benign|Malignant)/);
    expect(await page.textContent('.card:nth-child(1) .figure-note')).toBe(
      'This model has no heatmap: the prediction is shown without one.',
    );
    expect(await page.isVisible('.card:nth-child(1) .figure-note')).toBe(true);
    expect(await page.isDisabled('#card-1-toggle')).toBe(true);
    expect(await page.textContent('#model-heatmap')).toContain('No');
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
    expect(stored).toEqual([0, 0, '']);
    await expectClean(page, log, server().url, ['GET /model 401', 'POST /explain 401']);
    await page.close();
  });
});

describe.skipIf(!available)('the demo page with a model that gives screening categories', () => {
  // The tiny screening model (issue 22), with the prevalence set: each card gets its category.
  const server = serverForSuite({ MODEL_DIR: screeningModelDir, SCREENING_PREVALENCE: '0.007' }, WITH_PAGE);
  const browser = openForSuite(launchChromium);

  test('shows the category with its meaning and the probability at the prevalence, in a line kept from the start', async () => {
    const { page, log } = await openDemo(browser(), server().url);
    await page.waitForFunction(() => document.querySelector('#model-name')?.textContent === 'tiny-screening-model');
    await page.setInputFiles('#file-input', [await film()]);
    const before = await layout(page);
    expect(await page.textContent('.card:nth-child(1) .screening-value')).toBe('—');
    await page.waitForSelector('.card:nth-child(1)[data-state="done"]', { timeout: 30_000 });
    expect((await layout(page)).card).toEqual(before.card);
    await shoot(page, 'demo-screening.png');
    const line = (await page.textContent('.card:nth-child(1) .screening')) ?? '';
    expect(line).toMatch(
      /^Screening category(likely normal|elevated|high) · [\d.e-]+% malignant at 0\.7% prevalence(Below|Between|At or above) the thresholds? at 9\d% .*specificity/,
    );
    expect(line).toContain('Not a BI-RADS category and not a diagnosis.');
    expect(await page.textContent('.disclaimer')).toContain('Not for medical diagnosis.');
    await expectClean(page, log, server().url);
    await page.close();
  });
});

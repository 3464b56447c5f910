import { expect, test } from 'vitest';
import { createDemoApi, needsKey } from '../src/api.js';

const prediction = {
  prediction: 'Benign',
  confidence: 0.8,
  probabilities: { benign: 80, malignant: 20 },
  risk_assessment: { level: 'Low Risk', icon: '🟢', color: '#33cc33' },
  image_statistics: { brightness: 40, contrast: 20, mean_intensity: 102, std_intensity: 51 },
  image_info: { filename: 'a.png', size: '10x10', format: 'PNG' },
  disclaimer: '⚠️ For educational purposes only. Not for medical diagnosis.',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake API that records `METHOD /path` and answers from `routes`. */
function fakeApi(routes: Record<string, (request: Request) => Response>) {
  const seen: string[] = [];
  const fetch = async (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    seen.push(key);
    const route = routes[key];
    return route ? route(request) : json(404, { detail: 'no route', code: 'NOT_FOUND' });
  };
  return { seen, fetch };
}

const file = () => new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' });

test('falls back to POST /predict when the model cannot explain (422), and stops asking /explain', async () => {
  const api = fakeApi({
    'POST /explain': () => json(422, { detail: 'The served model (tiny) has no score-map output.', code: 'EXPLANATION_UNAVAILABLE' }),
    'POST /predict': () => json(200, prediction),
  });
  const demo = createDemoApi('http://api.test', api.fetch);
  const first = await demo.analyse(file(), new AbortController().signal);
  expect(first).toMatchObject({ kind: 'predicted', data: { prediction: 'Benign' } });
  await demo.analyse(file(), new AbortController().signal);
  expect(api.seen).toEqual(['POST /explain', 'POST /predict', 'POST /predict']);
});

test('learns from the model card that the model has no score map, and never calls /explain', async () => {
  const api = fakeApi({ 'GET /model': () => json(200, { name: 'tiny' }), 'POST /predict': () => json(200, prediction) });
  const demo = createDemoApi('http://api.test', api.fetch);
  await demo.model();
  expect(await demo.analyse(file(), new AbortController().signal)).toMatchObject({ kind: 'predicted' });
  expect(api.seen).toEqual(['GET /model', 'POST /predict']);
});

test("reports the API's error with its detail and code", async () => {
  const api = fakeApi({
    'POST /explain': () => json(400, { detail: "The file 'a.png' is not a supported image.", code: 'UNSUPPORTED_IMAGE' }),
  });
  const result = await createDemoApi('http://api.test', api.fetch).analyse(file(), new AbortController().signal);
  expect(result.kind).toBe('failed');
  if (result.kind !== 'failed') return;
  expect(result.error.message).toBe("The file 'a.png' is not a supported image.");
  expect(result.error.code).toBe('UNSUPPORTED_IMAGE');
  expect(needsKey(result.error)).toBe(false);
});

test('tells a file refused as not a mammogram (422 NOT_A_MAMMOGRAM) from a failure, and keeps asking /explain', async () => {
  const detail = 'cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).';
  const api = fakeApi({
    'POST /explain': () => json(422, { detail, code: 'NOT_A_MAMMOGRAM' }),
    'POST /predict': () => json(422, { detail, code: 'NOT_A_MAMMOGRAM' }),
  });
  const demo = createDemoApi('http://api.test', api.fetch);
  const result = await demo.analyse(file(), new AbortController().signal);
  expect(result).toMatchObject({ kind: 'refused', error: { status: 422, code: 'NOT_A_MAMMOGRAM', message: detail } });
  await demo.analyse(file(), new AbortController().signal);
  // A refusal says nothing about the model: /explain is still the call.
  expect(api.seen).toEqual(['POST /explain', 'POST /explain']);
});

test('asks for a key on 401, then sends it as X-API-Key', async () => {
  const keys: Array<string | null> = [];
  const api = fakeApi({
    'GET /model': (request) => {
      keys.push(request.headers.get('x-api-key'));
      return request.headers.get('x-api-key') === 'k'.repeat(16)
        ? json(200, { name: 'm', score_map: {} })
        : json(401, { detail: 'An API key is required.', code: 'UNAUTHORIZED' });
    },
  });
  const demo = createDemoApi('http://api.test', api.fetch);
  const refused = await demo.model();
  expect(needsKey(refused.error)).toBe(true);
  demo.useKey('k'.repeat(16));
  expect((await demo.model()).data).toMatchObject({ name: 'm' });
  expect(keys).toEqual([null, 'k'.repeat(16)]);
});

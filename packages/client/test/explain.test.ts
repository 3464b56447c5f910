// client.explain against the real server serving the score-map fixture model; every response
// is checked against openapi.yaml. `bcd-api explain` is tested in @bcd-api/cli.
import { join } from 'node:path';
import { loadConfig, startServer } from '@bcd-api/http';
import { blankPng, checkedFetch, fixture, imagesDir, scoreMapModelDir } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { createClient as createBrowserClient, isApiError, NotAMammogramError, unwrap } from '../src/index.js';
import { createClient } from '../src/node.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite({ MODEL_DIR: scoreMapModelDir });
const plain = serverForSuite();
const contractFetch = checkedFetch();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('client.explain', () => {
  test("as: 'json' (the default) gives the prediction and its typed heatmap", async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(client.explain(new File([fixture('breast-grey.png')], 'left MLO.png')));
    expect(data.image_info.filename).toBe('left MLO.png');
    expect(data.heatmap.values).toHaveLength(data.heatmap.width * data.heatmap.height);
    expect(data.heatmap.peak.value).toBe(Math.max(...data.heatmap.values));
    expect(data.disclaimer).toContain('Not for medical diagnosis');
  });

  test("as: 'png' gives the overlay as a Blob, the prediction in the headers", async () => {
    const client = createClient({ baseUrl: server().url, fetch: contractFetch });
    const { data, error, response } = await client.explain(join(imagesDir, 'breast.jpg'), { as: 'png', opacity: 0.8 });
    expect(error).toBeUndefined();
    expect(data).toBeInstanceOf(Blob);
    const bytes = new Uint8Array((await data?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(response?.headers.get('x-prediction')).toMatch(/^(Benign|Malignant)$/);
  });

  test('a model without a score map is an ApiError 422 EXPLANATION_UNAVAILABLE, for JSON and PNG alike', async () => {
    const client = createBrowserClient({ baseUrl: plain().url, fetch: contractFetch });
    for (const as of ['json', 'png'] as const) {
      const { error } = await client.explain(fixture('breast.jpg'), { as });
      expect(isApiError(error)).toBe(true);
      expect(error).toMatchObject({ status: 422, code: 'EXPLANATION_UNAVAILABLE' });
      expect(error?.message).toMatch(/has no score-map output/);
    }
  });

  test('an image that is not a mammogram is a NotAMammogramError, for JSON and PNG alike', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    for (const as of ['json', 'png'] as const) {
      const { error } = await client.explain(new File([blankPng()], 'blank.png'), { as });
      expect(error).toBeInstanceOf(NotAMammogramError);
      expect(error).toMatchObject({ status: 422, code: 'NOT_A_MAMMOGRAM' });
      expect(error?.message).toMatch(/^blank\.png: not a mammogram\./);
    }
  });

  test("an opacity out of range is the server's 400, an unknown `as` the client's InputError", async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const { error } = await client.explain(fixture('breast.jpg'), { as: 'png', opacity: 3 });
    expect(error).toMatchObject({ status: 400, code: 'INVALID_PARAMETER' });
    // @ts-expect-error: `as` is 'json' or 'png'.
    const wrong = await client.explain(fixture('breast.jpg'), { as: 'svg' });
    expect(wrong.error).toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
  });
});

// client.predictStudy against the real server (tiny model). `bcd-api study` is tested in
// @bcd-api/cli.
import { loadConfig, startServer } from '@bcd-api/http';
import { checkedFetch, fixture } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { createClient as createBrowserClient, MAX_STUDY_IMAGES, unwrap } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });
const server = serverForSuite();
const contractFetch = checkedFetch();

describe('client.predictStudy', () => {
  test('sends each image with its side and view, and reads the combined result', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const data = await unwrap(
      client.predictStudy([
        { file: new File([fixture('breast-grey.png')], 'a.png'), laterality: 'L', view: 'CC' },
        { file: fixture('breast.jpg'), laterality: 'R' },
      ]),
    );
    expect(data.results.map((r) => ('laterality' in r ? `${r.laterality}-${r.view ?? ''}` : 'error'))).toEqual(['L-CC', 'R-']);
    expect(data.breasts.left?.images).toBe(1);
    expect(data.missing_views).toEqual(['L-MLO', 'R-CC', 'R-MLO']);
  });

  test('refuses more than MAX_STUDY_IMAGES files before sending, and passes on the server 400', async () => {
    const client = createBrowserClient({ baseUrl: server().url, fetch: contractFetch });
    const nine = Array.from({ length: MAX_STUDY_IMAGES + 1 }, () => fixture('breast.jpg'));
    expect((await client.predictStudy(nine)).error).toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
    const { error } = await client.predictStudy([fixture('breast.jpg')]);
    expect(error).toMatchObject({ status: 400, code: 'LATERALITY_UNKNOWN' });
  });
});

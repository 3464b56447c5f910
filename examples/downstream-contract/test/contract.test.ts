// The app's own contract test: every response it receives must match openapi.yaml.

import { createClient } from '@bcd-api/client';
import { openapiDocument } from '@bcd-api/contract';
import { createResponseValidator } from '@bcd-api/contract/validator';
import { loadConfig, type RunningServer, startServer } from '@bcd-api/server';
import { fixture } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screeningReport } from '../src/screening-report.js';

const { startTestServer } = createServerKit({ loadConfig, startServer });
const image = (name: string) => new File([fixture(name)], name);

const validator = createResponseValidator();
const seen: string[] = [];

/** A fetch that validates each response against the contract before the app sees it. */
async function contractCheckedFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  const copy = response.clone();
  const contentType = copy.headers.get('content-type');
  const body = contentType?.includes('json') ? await copy.json() : await copy.text();
  const path = new URL(request.url).pathname;
  const result = validator.validate({ method: request.method, path, status: response.status, contentType, body });
  expect(result.errors, `${request.method} ${path} -> ${response.status}`).toEqual([]);
  seen.push(`${request.method} ${path} ${response.status}`);
  return response;
}

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

test('the report is built from responses that match the contract', async () => {
  const report = await screeningReport({ baseUrl: server.url, fetch: contractCheckedFetch }, [
    image('breast.jpg'),
    image('breast-grey.png'),
    image('empty.png'),
  ]);
  expect(report.model.name).toBe('tiny-test-model');
  expect(report.films.map((f) => [f.filename, f.label === 'unreadable'])).toEqual([
    ['breast.jpg', false],
    ['breast-grey.png', false],
    ['empty.png', true],
  ]);
  expect(seen).toEqual(expect.arrayContaining(['GET /model 200', 'POST /batch-predict 200']));
});

test('error answers match the contract too', async () => {
  const client = createClient({ baseUrl: server.url, fetch: contractCheckedFetch });
  const { error } = await client.predict(new File([], 'empty.png'));
  expect(error).toMatchObject({ status: 400, code: 'EMPTY_FILE' });
  expect(seen).toContain('POST /predict 400');
});

test('the server speaks the contract version the app was built against', async () => {
  const client = createClient({ baseUrl: server.url, fetch: contractCheckedFetch });
  const { data } = await client.raw.GET('/openapi.json');
  expect(data?.info).toMatchObject({ version: openapiDocument.info.version, title: openapiDocument.info.title });
});

// The library's own server, composed with nothing: no docs scripts, no demo page. It answers
// the API, and the pages it was not given are a documented 404.
import { openapiDocument } from '@bcd-api/contract';
import { createSchemaCompiler } from '@bcd-api/contract/validator';
import { call, fixture, form } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { serverForSuite } = createServerKit({ loadConfig, startServer });

describe('the library’s server without assets', () => {
  const server = serverForSuite();

  test('is healthy once the model is loaded', async () => {
    const res = await call(server().url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'healthy', model_status: 'loaded' });
  });

  test('classifies an image on /predict', async () => {
    const res = await call(server().url, 'POST', '/predict', { body: form('file', [['a.png', fixture('breast-grey.png')]]) });
    expect(res.status).toBe(200);
    expect(res.body.image_info).toEqual({ filename: 'a.png', size: '288x384', format: 'PNG' });
  });

  test('answers a docs script with 404 NOT_FOUND, saying it was composed without them', async () => {
    const res = await call(server().url, 'GET', '/docs/swagger-ui.css');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      detail: 'This server was composed without the documentation assets.',
      code: 'NOT_FOUND',
      status: 404,
      title: 'Not Found',
    });
  });

  test('answers /demo with 404 NOT_FOUND in the error format, saying it was composed without the page', async () => {
    const res = await fetch(`${server().url}/demo`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body: unknown = await res.json();
    expect(body).toEqual({ detail: 'This server was composed without the demo page.', code: 'NOT_FOUND', status: 404, title: 'Not Found' });
    // openapi.yaml documents no 404 for GET /demo (a page every composed server has), so the body
    // is checked against the error schema itself rather than through `call`.
    const validate = createSchemaCompiler().compile({ $ref: '#/components/schemas/ErrorResponse' });
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(openapiDocument.paths['/demo'].get.responses)).not.toContain('404');
  });
});

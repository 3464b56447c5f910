// The library's own server, composed with nothing: no docs scripts, no demo page. It answers
// the API, and the pages it was not given are a documented 404.
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

  test('answers /demo with 404 NOT_FOUND, saying it was composed without the page', async () => {
    const res = await call(server().url, 'GET', '/demo');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      detail: 'This server was composed without the demo page.',
      code: 'NOT_FOUND',
      status: 404,
      title: 'Not Found',
    });
  });
});

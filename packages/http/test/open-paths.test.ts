import { OPEN_PATHS, openapiDocument } from '@bcd-api/contract';
import { describe, expect, test } from 'vitest';
import { isOpenPath } from '../src/open-paths.js';

const concrete = (template: string) => template.replace(/\{[^}]+\}/g, 'swagger-ui.css');
const keyed = { metricsRequireKey: false };

describe('the paths open without an API key', () => {
  test('are the spec’s operations without security, with concrete values for templated segments', () => {
    for (const template of OPEN_PATHS) expect(isOpenPath(concrete(template), keyed), template).toBe(true);
    for (const template of Object.keys(openapiDocument.paths)) {
      if ((OPEN_PATHS as readonly string[]).includes(template) || template === '/metrics') continue;
      expect(isOpenPath(concrete(template), keyed), template).toBe(false);
    }
  });

  test('include /demo/, the page’s base that redirects to /demo, and no other trailing slash', () => {
    expect(isOpenPath('/demo/', keyed)).toBe(true);
    expect(isOpenPath('/health/', keyed)).toBe(false);
    expect(isOpenPath('/docs/', keyed)).toBe(false);
    expect(isOpenPath('/demo/assets/', keyed)).toBe(false);
  });

  test('include /metrics unless METRICS_REQUIRE_KEY is set', () => {
    expect([isOpenPath('/metrics', keyed), isOpenPath('/metrics/', keyed)]).toEqual([true, true]);
    expect(isOpenPath('/metrics', { metricsRequireKey: true })).toBe(false);
  });
});

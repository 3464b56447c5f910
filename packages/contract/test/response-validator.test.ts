import { describe, expect, test } from 'vitest';
import { openapiDocument } from '../src/index.js';
import { createResponseValidator } from '../src/validator.js';

const validator = createResponseValidator();
const json = 'application/json';
const health = { status: 'healthy', service: 'Breast Cancer Detection API', version: '1.0.0', model_status: 'loaded' };

describe('createResponseValidator', () => {
  test('accepts a documented response', () => {
    expect(validator.validate({ method: 'GET', path: '/health', status: 200, contentType: json, body: health })).toEqual({
      valid: true,
      errors: [],
    });
  });

  test('rejects an undocumented field', () => {
    const result = validator.validate({ method: 'GET', path: '/health', status: 200, contentType: json, body: { ...health, extra: 1 } });
    expect(result.valid).toBe(false);
    expect(result.errors.join()).toMatch(/additional properties/);
  });

  test('rejects an undocumented status code', () => {
    const result = validator.validate({ method: 'GET', path: '/health', status: 418, contentType: json, body: {} });
    expect(result.errors).toEqual(['status 418 is not documented for GET /health']);
  });

  test('rejects an undocumented path and content type', () => {
    expect(validator.validate({ method: 'GET', path: '/nope', status: 200, contentType: json, body: {} }).errors[0]).toMatch(
      /not in the contract/,
    );
    expect(validator.validate({ method: 'GET', path: '/health', status: 200, contentType: 'text/plain', body: '' }).errors[0]).toMatch(
      /content type "text\/plain" is not documented/,
    );
  });

  test('checks error bodies: detail and code are required', () => {
    const ok = validator.validate({
      method: 'POST',
      path: '/predict',
      status: 400,
      contentType: json,
      body: { detail: 'No file.', code: 'MISSING_FILE' },
    });
    expect(ok.valid).toBe(true);
    const bad = validator.validate({ method: 'POST', path: '/predict', status: 400, contentType: json, body: { message: 'No file.' } });
    expect(bad.valid).toBe(false);
  });

  test("accepts the spec's own examples", () => {
    const predict = openapiDocument.paths['/predict'].post.responses['200'].content['application/json'].example;
    expect(validator.validate({ method: 'POST', path: '/predict', status: 200, contentType: json, body: predict }).errors).toEqual([]);
    const batch = openapiDocument.paths['/batch-predict'].post.responses['200'].content['application/json'].example;
    expect(validator.validate({ method: 'POST', path: '/batch-predict', status: 200, contentType: json, body: batch }).errors).toEqual([]);
  });

  test('rejects a risk level outside the table and probabilities over 100', () => {
    const predict = structuredClone(openapiDocument.paths['/predict'].post.responses['200'].content['application/json'].example) as Record<
      string,
      any
    >;
    predict.risk_assessment.level = 'Somewhat Risky';
    predict.probabilities.benign = 120;
    const result = validator.validate({ method: 'POST', path: '/predict', status: 200, contentType: json, body: predict });
    expect(result.errors.length).toBeGreaterThanOrEqual(2);
  });

  test('takes a screening category, with the prevalence-adjusted probability only beside its prevalence', () => {
    const predict = openapiDocument.paths['/predict'].post.responses['200'].content['application/json'].example;
    const withScreening = (screening: unknown) =>
      validator.validate({ method: 'POST', path: '/predict', status: 200, contentType: json, body: { ...predict, screening } }).errors;
    expect(withScreening({ category: 'elevated', operating_points: 'image' })).toEqual([]);
    expect(withScreening({ category: 'high', operating_points: 'image', prevalence: 0.007, malignant_probability: 0.0021 })).toEqual([]);
    expect(withScreening({ category: 'elevated', operating_points: 'image', prevalence: 0.007 }).join()).toMatch(/malignant_probability/);
    expect(withScreening({ category: 'BI-RADS 4', operating_points: 'image' })).not.toEqual([]);
    expect(withScreening({ category: 'elevated', operating_points: 'image', prevalence: 1, malignant_probability: 0.5 })).not.toEqual([]);
  });
});

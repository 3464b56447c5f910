// The facts the main entry exports are the document's own values, and the built main entry
// stays free of ajv (the validator is the `/validator` subpath). Runs after `build` (turbo).
import { readFile } from 'node:fs/promises';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  API_VERSION,
  DISCLAIMER,
  MAX_BATCH_FILES,
  openapiDocument,
  RISK_ICONS,
  RISK_LEVEL_NAMES,
  type RiskIcon,
  type RiskLevelName,
  SCREENING_SPECIFICITIES,
  SERVICE_NAME,
} from '../src/index.js';

const { schemas } = openapiDocument.components;

describe('the facts of the contract', () => {
  test('equal what openapi.yaml says', () => {
    expect(API_VERSION).toBe(openapiDocument.info.version);
    expect(SERVICE_NAME).toBe(schemas.HealthResponse.properties.service.const);
    expect(DISCLAIMER).toBe(schemas.Disclaimer.const);
    expect(MAX_BATCH_FILES).toBe(
      openapiDocument.paths['/batch-predict'].post.requestBody.content['multipart/form-data'].schema.properties.files.maxItems,
    );
    expect(RISK_LEVEL_NAMES).toEqual(schemas.RiskLevelName.enum);
    expect(RISK_ICONS).toEqual(schemas.RiskAssessment.properties.icon.enum);
    expect(SCREENING_SPECIFICITIES).toEqual(schemas.OperatingPoint.properties.target_specificity.enum);
  });

  test('are typed as the literals of the document', () => {
    expectTypeOf(MAX_BATCH_FILES).toEqualTypeOf<10>();
    expectTypeOf<(typeof RISK_LEVEL_NAMES)[number]>().toEqualTypeOf<RiskLevelName>();
    expectTypeOf<(typeof RISK_ICONS)[number]>().toEqualTypeOf<RiskIcon>();
    expectTypeOf(SCREENING_SPECIFICITIES).toEqualTypeOf<readonly [0.8, 0.9, 0.95]>();
  });

  test('come from a built main entry that does not load ajv, unlike the validator subpath', async () => {
    const read = (file: string) => readFile(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    const loadsAjv = /(from |require\()["']ajv[/"']/;
    for (const file of ['index.js', 'index.cjs']) expect(await read(file), file).not.toMatch(loadsAjv);
    for (const file of ['validator.js', 'validator.cjs']) expect(await read(file), file).toMatch(loadsAjv);
  });
});

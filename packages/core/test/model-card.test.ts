// The card the core serves is its own camelCase value, read from the manifest's snake_case file
// format; what the contract leaves open stays, keys as written, under `extra`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir, miasModelDir } from '@bcd-api/default-model';
import { screeningModelDir } from '@bcd-api/test-kit';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { createModelCard, type ModelCard } from '../src/model-card.js';
import { parseManifest } from '../src/model-manifest.js';

type Json = Record<string, any>;
const read = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
const sha256 = 'a'.repeat(64);

/** The camelCase study rule a manifest's `study_rule` should give, the maximum twice without one. */
const studyRuleOf = (json: Json) =>
  json.study_rule
    ? {
        breast: json.study_rule.breast,
        study: json.study_rule.study,
        ...(json.study_rule.chosen_by ? { chosenBy: json.study_rule.chosen_by } : {}),
      }
    : { breast: 'max', study: 'max' };
/** The camelCase operating point of a manifest's point. */
const pointOf = (p: Json) => ({
  targetSpecificity: p.target_specificity,
  threshold: p.threshold,
  sensitivity: p.sensitivity,
  specificity: p.specificity,
});
/** The camelCase screening section of a manifest, when it has one. */
const screeningOf = (json: Json) =>
  json.screening
    ? {
        screening: {
          basePrevalence: json.screening.base_prevalence,
          evaluatedOn: json.screening.evaluated_on,
          operatingPoints: {
            image: json.screening.operating_points.image.map(pointOf),
            study: json.screening.operating_points.study.map(pointOf),
          },
        },
      }
    : {};

describe('createModelCard', () => {
  test('reads the manifest into camelCase, keeping what the contract leaves open under extra', () => {
    const json = read(defaultModelDir);
    const card = createModelCard(parseManifest(structuredClone(json)), { sha256, scoreMap: { width: 12, height: 12 } });
    const { card: written } = json;
    const { name, licence, citation, ...dataExtra } = written.training_data;
    const { protocol, roc_auc, ...evaluationExtra } = written.evaluation;
    const { method, a, b, ...calibrationExtra } = json.calibration;
    expect(card).toEqual({
      name: json.name,
      version: json.version,
      sha256,
      engine: 'onnx',
      input: { width: 384, height: 384, channels: 1, layout: 'NCHW', color: 'GRAY', scaling: '[0,1]', preprocessing: 'mammogram' },
      labels: ['Benign', 'Malignant'],
      decisionThreshold: json.decision_threshold,
      calibration: { method, a, b, extra: calibrationExtra },
      riskLevels: json.risk_levels.map((r: Json) => ({
        level: r.level,
        icon: r.icon,
        color: r.color,
        min: r.min,
        minInclusive: r.min_inclusive,
        max: r.max,
        maxInclusive: r.max_inclusive,
      })),
      method: written.method,
      trainingData: { name, licence, citation, extra: dataExtra },
      evaluation: { protocol, rocAuc: { value: roc_auc.value, ci95: roc_auc.ci95, extra: {} }, extra: evaluationExtra },
      intendedUse: written.intended_use,
      limitations: written.limitations,
      disclaimer: written.disclaimer,
      created: written.created,
      scoreMap: { name: 'score_map', kind: 'logit_grid', width: 12, height: 12 },
      typicality: {
        output: 'typicality',
        method: json.input_check.method,
        threshold: json.input_check.threshold,
        fittedOn: json.input_check.fitted_on,
        evaluation: {
          protocol: json.input_check.evaluation.protocol,
          mammograms: json.input_check.evaluation.mammograms,
          nonMammograms: json.input_check.evaluation.non_mammograms,
        },
      },
      studyRule: studyRuleOf(json),
      ...screeningOf(json),
    });
    expect(Object.keys(card.calibration.extra)).toEqual(['fitted_on']);
    expect(card.evaluation.extra).toHaveProperty('pointing_accuracy_mini_mias');
  });

  test('spells out stretch preprocessing and has no score map for a model without one', () => {
    const card = createModelCard(parseManifest(read(miasModelDir)), { sha256 });
    expect(card.input.preprocessing).toBe('stretch');
    expect(card).not.toHaveProperty('scoreMap');
  });

  test('serves a model without a study rule with the maximum per breast and over breasts, and without screening', () => {
    const card = createModelCard(parseManifest(read(miasModelDir)), { sha256 });
    expect(card.studyRule).toEqual({ breast: 'max', study: 'max' });
    expect(card).not.toHaveProperty('screening');
  });

  test("reads the manifest's study rule and screening operating points (issue 22) into camelCase", () => {
    const json = read(screeningModelDir);
    const card = createModelCard(parseManifest(structuredClone(json)), { sha256 });
    expect(card.studyRule).toEqual({ breast: 'min', study: 'max', chosenBy: 'Test fixture: made up, not measured.' });
    expect(card.screening?.basePrevalence).toBe(0.35);
    expect(card.screening?.operatingPoints.image.map((p) => [p.targetSpecificity, p.threshold])).toEqual([
      [0.8, 0.2],
      [0.9, 0.4],
      [0.95, 0.6],
    ]);
    expect(card.screening?.operatingPoints.study[2]).toEqual({
      targetSpecificity: 0.95,
      threshold: 0.7,
      sensitivity: { value: 0.35, ci95: [0.3, 0.4] },
      specificity: { value: 0.95, ci95: [0.93, 0.97] },
    });
    expect(card).toMatchObject(screeningOf(json));
  });

  test("has no snake_case key: the wire shape is the server's business", () => {
    type SnakeKeys<T> = T extends readonly (infer U)[]
      ? SnakeKeys<U>
      : T extends object
        ? { [K in keyof T]-?: K extends `${string}_${string}` ? K : SnakeKeys<T[K]> }[keyof T]
        : never;
    expectTypeOf<SnakeKeys<ModelCard>>().toEqualTypeOf<never>();
  });
});

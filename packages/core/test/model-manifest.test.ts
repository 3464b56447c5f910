// The manifest's optional fields for preprocessing and score maps, and its card checked against
// the contract's ModelCard: what is accepted, and that each refusal names the field at fault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelCard } from '@bcd-api/contract';
import { defaultModelDir, miasModelDir } from '@bcd-api/default-model';
import { gatedModelDir, scoreMapModelDir, screeningModelDir, tinyModelDir } from '@bcd-api/test-kit';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { CoreError } from '../src/errors.js';
import { type ModelCardFields, parseManifest } from '../src/model-manifest.js';

type Json = Record<string, any>;
const read = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
const tiny = read(tinyModelDir);
const withScoreMap = read(scoreMapModelDir);
const gated = read(gatedModelDir);
const screening = read(screeningModelDir);

function refusal(json: Json): CoreError {
  try {
    parseManifest(json);
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

/** Asserts that a copy of `base` changed by `change` is refused with INVALID_MODEL and a message matching `message`. */
function expectRefusal(base: Json, change: (m: Json) => void, message: RegExp): void {
  const json = structuredClone(base);
  change(json);
  const error = refusal(json);
  expect(error.code).toBe('INVALID_MODEL');
  expect(error.message).toMatch(message);
}

describe('parseManifest', () => {
  test("accepts a model's typicality check, as the contract's ModelTypicality with its output", () => {
    const manifest = parseManifest(structuredClone(gated));
    expect(manifest.input_check).toEqual(gated.input_check);
    expect(parseManifest(structuredClone(tiny)).input_check).toBeUndefined();
  });

  test('accepts a manifest without the new fields unchanged', () => {
    const manifest = parseManifest(structuredClone(tiny));
    expect(manifest).toEqual(tiny);
    expect(manifest.input.preprocessing).toBeUndefined();
    expect(manifest.output.score_map).toBeUndefined();
  });

  test('accepts mammogram preprocessing on a square input and a logit-grid score map', () => {
    const manifest = parseManifest(structuredClone(withScoreMap));
    expect(manifest.input.preprocessing).toBe('mammogram');
    expect(manifest.output.score_map).toEqual({ name: 'score_map', kind: 'logit_grid' });
  });

  test('accepts stretch preprocessing spelt out', () => {
    const json = structuredClone(tiny);
    json.input.preprocessing = 'stretch';
    expect(parseManifest(json).input.preprocessing).toBe('stretch');
  });

  test.each<[string, (m: Json) => void, RegExp]>([
    [
      'an unknown preprocessing',
      (m) => (m.input.preprocessing = 'crop'),
      /"input\.preprocessing" must be "stretch" or "mammogram" \(got "crop"\)/,
    ],
    [
      'mammogram preprocessing on a non-square input',
      (m) => (m.input.height = 24),
      /"input\.preprocessing" "mammogram" needs a square input/,
    ],
    ['a score map that is not an object', (m) => (m.output.score_map = 'score_map'), /"output\.score_map" must be an object/],
    ['a score map without a name', (m) => delete m.output.score_map.name, /"output\.score_map\.name" is required/],
    ['a score map with an empty name', (m) => (m.output.score_map.name = ''), /"output\.score_map\.name" must be a non-empty string/],
    [
      'a score map named as the score',
      (m) => (m.output.score_map.name = 'logit'),
      /"output\.score_map\.name" must differ from "output\.name"/,
    ],
    [
      'a score map of another kind',
      (m) => (m.output.score_map.kind = 'probability_grid'),
      /"output\.score_map\.kind" must be "logit_grid" \(got "probability_grid"\)/,
    ],
    [
      'a score map beside softmax probabilities',
      (m) => (m.output.kind = 'softmax_probabilities'),
      /"output\.score_map" needs an "output\.kind" whose score is a logit/,
    ],
    [
      'a score map on the tfjs engine',
      (m) => {
        m.engine = 'tfjs';
        m.weights = 'model.json';
      },
      /"output\.score_map" needs "engine" "onnx"/,
    ],
    ['an input check without an output', (m) => (m.input_check = { threshold: 5 }), /"input_check\.output" is required/],
    [
      'an input check with an empty output',
      (m) => (m.input_check = { ...gated.input_check, output: '' }),
      /"input_check\.output" must be a non-empty string/,
    ],
    [
      'an input check with a key the contract lacks',
      (m) => (m.input_check = { ...gated.input_check, note: 'x' }),
      /"input_check\.note" is not a known field \(known fields: output, method, threshold, fitted_on, evaluation\)/,
    ],
    [
      'an input check named as the score',
      (m) => (m.input_check = { ...gated.input_check, output: 'logit' }),
      /"input_check\.output" must differ from the other outputs/,
    ],
    [
      'an input check on the tfjs engine',
      (m) => {
        m.engine = 'tfjs';
        delete m.output.score_map;
        m.input_check = gated.input_check;
      },
      /"input_check" needs "engine" "onnx"/,
    ],
    [
      'an input check without a threshold',
      (m) => (m.input_check = { ...gated.input_check, threshold: undefined }),
      /"input_check\.threshold" is required/,
    ],
    [
      'an input check with a threshold of 0',
      (m) => (m.input_check = { ...gated.input_check, threshold: 0 }),
      /"input_check\.threshold" must be a positive number/,
    ],
    [
      'an input check whose evaluation lacks its counts',
      (m) => (m.input_check = { ...gated.input_check, evaluation: { protocol: 'x', mammograms: [{ source: 'a' }], non_mammograms: [] } }),
      /"input_check\.evaluation\.mammograms\[0\]\.images" is required/,
    ],
    [
      'a risk level the contract does not name',
      (m) => (m.risk_levels[0].level = 'Extreme Risk'),
      /"risk_levels\[0\]\.level" must be "Very High Risk", .* or "Very Low Risk" \(got "Extreme Risk"\)/,
    ],
    [
      'a risk icon the contract does not list',
      (m) => (m.risk_levels[0].icon = '⚪'),
      /"risk_levels\[0\]\.icon" must be "🔴", "🟠", "🟡" or "🟢" \(got "⚪"\)/,
    ],
  ])('refuses %s with INVALID_MODEL, naming the field', (_, change, message) => expectRefusal(withScoreMap, change, message));
});

describe('the study rule and the screening operating points (issue 22)', () => {
  test('accepts both sections as written, and a manifest without them', () => {
    const manifest = parseManifest(structuredClone(screening));
    expect(manifest.study_rule).toEqual({ breast: 'min', study: 'max', chosen_by: screening.study_rule.chosen_by });
    expect(manifest.screening).toEqual(screening.screening);
    expect(parseManifest(structuredClone(tiny))).not.toHaveProperty('screening');
  });

  test('accepts every aggregation, and a rule without chosen_by', () => {
    for (const breast of ['max', 'mean', 'mean_logit', 'min']) {
      const json = structuredClone(screening);
      json.study_rule = { breast, study: 'mean' };
      expect(parseManifest(json).study_rule).toEqual({ breast, study: 'mean' });
    }
  });

  test.each<[string, (m: Json) => void, RegExp]>([
    [
      'an unknown aggregation',
      (m) => (m.study_rule.breast = 'median'),
      /^manifest\.json: "study_rule\.breast" must be "max", "mean", "mean_logit" or "min" \(got "median"\)\.$/,
    ],
    ['a rule without its study aggregation', (m) => delete m.study_rule.study, /"study_rule\.study" is required/],
    ['a rule with a key the contract lacks', (m) => (m.study_rule.note = 'x'), /"study_rule\.note" is not a known field/],
    ['a base prevalence of 0', (m) => (m.screening.base_prevalence = 0), /"screening\.base_prevalence" must be a positive number/],
    ['a base prevalence of 1', (m) => (m.screening.base_prevalence = 1), /"screening\.base_prevalence" must be below 1/],
    ['screening without its evaluation', (m) => delete m.screening.evaluated_on, /"screening\.evaluated_on" is required/],
    [
      'screening with the keys the server adds',
      (m) => (m.screening.categories = 'x'),
      /"screening\.categories" is not a known field \(known fields: base_prevalence, evaluated_on, operating_points\)/,
    ],
    [
      'study operating points missing',
      (m) => delete m.screening.operating_points.study,
      /"screening\.operating_points\.study" is required/,
    ],
    [
      'two operating points',
      (m) => m.screening.operating_points.image.pop(),
      /"screening\.operating_points\.image" must NOT have fewer than 3 items/,
    ],
    [
      'a target specificity the contract does not list',
      (m) => (m.screening.operating_points.image[1].target_specificity = 0.85),
      /"screening\.operating_points\.image\[1\]\.target_specificity" must be 0\.8, 0\.9 or 0\.95 \(got 0\.85\)/,
    ],
    [
      'operating points out of order',
      (m) => m.screening.operating_points.study.reverse(),
      /^manifest\.json: "screening\.operating_points\.image" and "\.study" must each hold the target specificities 0\.8, 0\.9, 0\.95, in that order\.$/,
    ],
    [
      'a threshold that falls as the specificity rises',
      (m) => (m.screening.operating_points.study[2].threshold = 0.3),
      /^manifest\.json: "screening\.operating_points\.study" thresholds must not fall as the target specificity rises\.$/,
    ],
    [
      'a threshold above 1',
      (m) => (m.screening.operating_points.image[2].threshold = 1.2),
      /"screening\.operating_points\.image\[2\]\.threshold" must be at most 1/,
    ],
    [
      'a sensitivity above 1',
      (m) => (m.screening.operating_points.image[0].sensitivity.value = 52),
      /"screening\.operating_points\.image\[0\]\.sensitivity\.value" must be at most 1/,
    ],
    [
      'a specificity without its interval',
      (m) => delete m.screening.operating_points.image[0].specificity.ci95,
      /"screening\.operating_points\.image\[0\]\.specificity\.ci95" is required/,
    ],
    [
      'an interval of one bound',
      (m) => (m.screening.operating_points.image[0].specificity.ci95 = [0.7]),
      /"screening\.operating_points\.image\[0\]\.specificity\.ci95" must NOT have fewer than 2 items/,
    ],
  ])('refuses %s with INVALID_MODEL, naming the field', (_, change, message) => expectRefusal(screening, change, message));
});

describe('the fields, checked by one JSON Schema', () => {
  test.each<[string, (m: Json) => void, RegExp]>([
    ['a manifest without its input', (m) => delete m.input, /^manifest\.json: "input" is required\.$/],
    ['another schema version', (m) => (m.schema_version = 2), /^manifest\.json: "schema_version" must be 1\.$/],
    ['an empty name', (m) => (m.name = ''), /^manifest\.json: "name" must be a non-empty string\.$/],
    ['a version that is not a string', (m) => (m.version = 1), /^manifest\.json: "version" must be a string\.$/],
    ['an unknown engine', (m) => (m.engine = 'pytorch'), /^manifest\.json: "engine" must be "onnx" or "tfjs" \(got "pytorch"\)\.$/],
    [
      'weights above the model folder',
      (m) => (m.weights = '../model.onnx'),
      /^manifest\.json: "weights" must be a file inside the model folder\.$/,
    ],
    ['weights at an absolute path', (m) => (m.weights = '/srv/model.onnx'), /"weights" must be a file inside the model folder/],
    ['an input below 8 pixels', (m) => (m.input.width = 4), /^manifest\.json: "input\.width" must be at least 8\.$/],
    ['an input above 4096 pixels', (m) => (m.input.height = 5000), /^manifest\.json: "input\.height" must be at most 4096\.$/],
    ['a fractional input size', (m) => (m.input.width = 10.5), /^manifest\.json: "input\.width" must be an integer\.$/],
    ['two channels', (m) => (m.input.channels = 2), /^manifest\.json: "input\.channels" must be 1 or 3 \(got 2\)\.$/],
    ['grey colour on three channels', (m) => (m.input.color = 'GRAY'), /"input\.color" must be "RGB" with 3 channels or "GRAY" with 1/],
    ['an unknown layout', (m) => (m.input.layout = 'CHW'), /"input\.layout" must be "NCHW" or "NHWC" \(got "CHW"\)/],
    ['another scaling', (m) => (m.input.scaling = '[0,255]'), /"input\.scaling" must be "\[0,1\]"/],
    [
      'an unknown output kind',
      (m) => (m.output.kind = 'probability'),
      /"output\.kind" must be "sigmoid_logit", "softmax_probabilities" or "logits"/,
    ],
    [
      'swapped labels',
      (m) => (m.labels = ['Malignant', 'Benign']),
      /"labels" must be \["Benign", "Malignant"\] \(the order of the model's outputs\)/,
    ],
    [
      'an unknown calibration',
      (m) => (m.calibration = { method: 'isotonic' }),
      /"calibration\.method" must be "platt" or "none" \(got "isotonic"\)/,
    ],
    ['Platt scaling without its slope', (m) => (m.calibration = { method: 'platt', b: 1 }), /"calibration\.a" is required/],
    ['Platt scaling with a text slope', (m) => (m.calibration = { method: 'platt', a: '1', b: 1 }), /"calibration\.a" must be a number/],
    ['a decision threshold of 0', (m) => (m.decision_threshold = 0), /"decision_threshold" must be a positive number/],
    ['a decision threshold of 1', (m) => (m.decision_threshold = 1), /"decision_threshold" must be below 1/],
    ['an empty risk table', (m) => (m.risk_levels = []), /"risk_levels" must be a non-empty array/],
    ['a risk level bound above 1', (m) => (m.risk_levels[0].max = 1.5), /"risk_levels\[0\]\.max" must be at most 1/],
    ['a risk level colour by name', (m) => (m.risk_levels[0].color = 'red'), /"risk_levels\[0\]\.color" must match pattern/],
    ['a risk level with a key the contract lacks', (m) => (m.risk_levels[0].note = 'x'), /"risk_levels\[0\]\.note" is not a known field/],
    [
      'a risk table with a gap',
      (m) => (m.risk_levels = m.risk_levels.slice(1)),
      /^manifest\.json: "risk_levels" must cover \[0, 1\] exactly once: no risk level covers p in \[0\.9, 1\]\.$/,
    ],
    ['no card', (m) => delete m.card, /^manifest\.json: "card" is required\.$/],
  ])('refuses %s with INVALID_MODEL, naming the field and why', (_, change, message) => expectRefusal(tiny, change, message));

  test('refuses what is not a JSON object', () => {
    for (const json of ['manifest', [], null])
      expect(refusal(json as unknown as Json).message).toBe('manifest.json: must be a JSON object.');
  });
});

describe('the card, checked against the contract', () => {
  test.each([
    ['the default model', defaultModelDir],
    ['the mini-MIAS model', miasModelDir],
    ['the tiny fixture', tinyModelDir],
    ['the score-map fixture', scoreMapModelDir],
    ['the screening fixture', screeningModelDir],
  ])('accepts the manifest of %s with its card unchanged', (_, dir) => {
    const json = read(dir);
    expect(parseManifest(structuredClone(json)).card).toEqual(json.card);
  });

  test('accepts extra keys inside training_data, evaluation and roc_auc, which the contract leaves open', () => {
    const json = structuredClone(tiny);
    json.card.training_data.images = 322;
    json.card.evaluation.brier = 0.2;
    json.card.evaluation.roc_auc.n = 322;
    json.card.created = '2025-01-01';
    expect(parseManifest(json).card).toEqual(json.card);
  });

  test('types the card as the contract does, less the keys computed at load', () => {
    expectTypeOf<ModelCardFields>().toEqualTypeOf<
      Omit<
        ModelCard,
        | 'name'
        | 'version'
        | 'sha256'
        | 'engine'
        | 'input'
        | 'labels'
        | 'decision_threshold'
        | 'calibration'
        | 'risk_levels'
        | 'score_map'
        | 'input_check'
        | 'study_rule'
        | 'screening'
      >
    >();
  });

  test.each<[string, (m: Json) => void, RegExp]>([
    [
      'an extra key',
      (m) => (m.card.foo = 'bar'),
      /^manifest\.json: "card\.foo" is not a known field \(known fields: method, training_data, evaluation, intended_use, limitations, disclaimer, created\)\.$/,
    ],
    ['a key the server computes', (m) => (m.card.sha256 = '0'.repeat(64)), /"card\.sha256" is not a known field/],
    ['a number where a string belongs', (m) => (m.card.method = 42), /^manifest\.json: "card\.method" must be a string\.$/],
    [
      'a string where a number belongs',
      (m) => (m.card.evaluation.roc_auc.value = '0.9'),
      /"card\.evaluation\.roc_auc\.value" must be a number/,
    ],
    ['a limitation that is not a string', (m) => (m.card.limitations = ['fine', 3]), /"card\.limitations\[1\]" must be a string/],
    ['limitations that are not an array', (m) => (m.card.limitations = 'none'), /"card\.limitations" must be an array/],
    [
      'a ci95 of three bounds',
      (m) => (m.card.evaluation.roc_auc.ci95 = [0.1, 0.2, 0.3]),
      /"card\.evaluation\.roc_auc\.ci95" must NOT have more than 2 items/,
    ],
    ['a missing disclaimer', (m) => delete m.card.disclaimer, /^manifest\.json: "card\.disclaimer" is required\.$/],
    ['a missing citation', (m) => delete m.card.training_data.citation, /"card\.training_data\.citation" is required/],
    ['a missing roc_auc', (m) => delete m.card.evaluation.roc_auc, /"card\.evaluation\.roc_auc" is required/],
    ['an empty disclaimer', (m) => (m.card.disclaimer = ''), /"card\.disclaimer" must be a non-empty string/],
    ['an empty limitation', (m) => (m.card.limitations = ['fine', '']), /"card\.limitations\[1\]" must be a non-empty string/],
    ['a card that is not an object', (m) => (m.card = []), /"card" must be an object/],
  ])('refuses %s with INVALID_MODEL, naming the field', (_, change, message) => expectRefusal(tiny, change, message));
});

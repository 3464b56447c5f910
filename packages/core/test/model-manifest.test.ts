// The manifest's optional fields for preprocessing and score maps: what is accepted, and
// that each refusal names the field at fault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CoreError } from '../src/errors.js';
import { parseManifest } from '../src/model-manifest.js';
import { scoreMapModelDir, tinyModelDir } from './helpers.js';

type Json = Record<string, any>;
const read = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
const tiny = read(tinyModelDir);
const withScoreMap = read(scoreMapModelDir);

function refusal(json: Json): CoreError {
  try {
    parseManifest(json);
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

describe('parseManifest', () => {
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
    ['an unknown preprocessing', (m) => (m.input.preprocessing = 'crop'), /"input\.preprocessing" must be "stretch" or "mammogram" \(got "crop"\)/],
    ['mammogram preprocessing on a non-square input', (m) => (m.input.height = 24), /"input\.preprocessing" "mammogram" needs a square input/],
    ['a score map that is not an object', (m) => (m.output.score_map = 'score_map'), /"output\.score_map" must be an object/],
    ['a score map without a name', (m) => delete m.output.score_map.name, /"output\.score_map\.name" must be a non-empty string/],
    ['a score map named as the score', (m) => (m.output.score_map.name = 'logit'), /"output\.score_map\.name" must differ from "output\.name"/],
    ['a score map of another kind', (m) => (m.output.score_map.kind = 'probability_grid'), /"output\.score_map\.kind" must be "logit_grid" \(got "probability_grid"\)/],
    ['a score map beside softmax probabilities', (m) => (m.output.kind = 'softmax_probabilities'), /"output\.score_map" needs an "output\.kind" whose score is a logit/],
    ['a score map on the tfjs engine', (m) => ((m.engine = 'tfjs'), (m.weights = 'model.json')), /"output\.score_map" needs "engine" "onnx"/],
  ])('refuses %s with INVALID_MODEL, naming the field', (_, change, message) => {
    const json = structuredClone(withScoreMap);
    change(json);
    const error = refusal(json);
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(message);
  });
});

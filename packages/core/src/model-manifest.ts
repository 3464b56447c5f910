import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { castToError, type components, openapiDocument, RISK_ICONS, RISK_LEVEL_NAMES } from '@bcd-api/contract';
// The named export: ajv is CommonJS, and its default export arrives as the module object under NodeNext.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Preprocessing } from './decoded-image.js';
import { CoreError } from './errors.js';
import { findRiskTableProblem, type RiskLevelRule, toRiskLevel } from './risk-level.js';

/** What a model's output tensor holds, per image. */
export type OutputKind = 'sigmoid_logit' | 'softmax_probabilities' | 'logits';

/**
 * A second output of the same forward pass: a [N, 1, h, w] grid of raw logits (before
 * calibration), one per region of the input, e.g. a class-activation map. The grid size is
 * read from the model at load.
 */
export interface ScoreMapOutput {
  /** The graph's output name. */
  name: string;
  /** `logit_grid`: values are logits on the scale of the image's raw score. */
  kind: 'logit_grid';
}

/**
 * The file format of `manifest.json` in a model folder (schema_version 1), snake_case as the
 * file spells it. The classifier reads it into the camelCase {@link ModelCard} it serves.
 */
export interface ModelManifest {
  schema_version: 1;
  name: string;
  version: string;
  /** `onnx` (onnxruntime-node) or `tfjs` (TensorFlow.js: tfjs-node when installed, else WebAssembly). */
  engine: 'onnx' | 'tfjs';
  /** Weights file, relative to the model folder: `model.onnx`, or the TF.js `model.json`. */
  weights: string;
  input: {
    name: string;
    width: number;
    height: number;
    channels: 1 | 3;
    layout: 'NCHW' | 'NHWC';
    color: 'RGB' | 'GRAY';
    scaling: '[0,1]';
    /** How an image becomes the input (default `stretch`); `mammogram` needs width === height. */
    preprocessing?: Preprocessing;
  };
  output: {
    name: string;
    kind: OutputKind;
    /** ONNX only: a score map fetched in the same forward pass as `name`. */
    score_map?: ScoreMapOutput;
  };
  /** Class names in output order; must be `["Benign", "Malignant"]`. */
  labels: ['Benign', 'Malignant'];
  /** Maps the raw score to a probability; `none` when the output already is one. */
  calibration: { method: 'platt'; a: number; b: number; [key: string]: unknown } | { method: 'none'; [key: string]: unknown };
  decision_threshold: number;
  risk_levels: RiskLevelRule[];
  /** The model's typicality check, when it has one: an output of the same forward pass and its threshold. */
  input_check?: InputCheckDeclaration;
  /** The descriptive part of the card, as its author wrote it. */
  card: ModelCardFields;
}

/**
 * A model's typicality check (issue 20): `output` names a graph output giving, per image, a
 * distance to the mammograms the check was fitted on (shape [N] or [N, 1]); an image above
 * `threshold` is not taken for a mammogram. The rest is the card's `input_check.typicality`.
 */
export type InputCheckDeclaration = { output: string } & components['schemas']['ModelTypicality'];

type WireModelCard = components['schemas']['ModelCard'];

/**
 * The keys of the contract's `ModelCard` that the classifier fills in itself, from the rest of
 * the manifest and the weights; every other key of `ModelCard` is the manifest's `card`.
 */
const COMPUTED_CARD_KEYS = [
  'name',
  'version',
  'sha256',
  'engine',
  'input',
  'labels',
  'decision_threshold',
  'calibration',
  'risk_levels',
  'score_map',
  'input_check',
] as const satisfies readonly (keyof WireModelCard)[];

/**
 * The descriptive part of a model card in `manifest.json`, written by whoever trained the
 * model: the contract's `ModelCard` less the keys computed at load. The file's `card` is
 * checked against that same cut of the contract (see {@link parseManifest}), so it is typed
 * from it.
 */
export type ModelCardFields = Omit<WireModelCard, (typeof COMPUTED_CARD_KEYS)[number]>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => values.some((value) => value === v);

/** The keys a manifest's `card` may have, in the contract's order. */
function cardKeys(): string[] {
  const computed: readonly string[] = COMPUTED_CARD_KEYS;
  return Object.keys(openapiDocument.components.schemas.ModelCard.properties).filter((key) => !computed.includes(key));
}

/** A schema of the contract as a standalone JSON Schema, its `$ref`s pointed at `$defs`. */
function standalone(schema: object): Record<string, unknown> {
  const withDefs = { ...schema, $defs: openapiDocument.components.schemas };
  // A JSON string that starts with `#/components/schemas/` is a `$ref`: point it at `$defs`.
  return JSON.parse(JSON.stringify(withDefs).replaceAll('"#/components/schemas/', '"#/$defs/')) as Record<string, unknown>;
}

/**
 * The JSON Schema of a manifest's `card`, cut from `ModelCard` in openapi.yaml (read from the
 * contract, never copied) so that a card key the contract lacks is refused at load instead of
 * breaking `GET /model` (issue 11).
 */
function cardFieldsSchema(): Record<string, unknown> {
  const { properties, required, ...card } = openapiDocument.components.schemas.ModelCard;
  const keys = new Set(cardKeys());
  return standalone({
    ...card,
    required: required.filter((key) => keys.has(key)),
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => keys.has(key))),
  });
}

let validateCard: ValidateFunction<ModelCardFields> | undefined;
let validateTypicality: ValidateFunction<components['schemas']['ModelTypicality']> | undefined;

// The vocabulary the contract's own response validator accepts; strict numbers refuse NaN.
const createAjv = () => new Ajv2020({ strict: true, allErrors: false }).addKeyword('example').addFormat('binary', true);

/** The card's validator, compiled on first use rather than when the core is imported. */
function cardValidator(): ValidateFunction<ModelCardFields> {
  validateCard ??= createAjv().compile<ModelCardFields>(cardFieldsSchema());
  return validateCard;
}

/** The validator of `input_check` less its `output`: the contract's `ModelTypicality`. */
function typicalityValidator(): ValidateFunction<components['schemas']['ModelTypicality']> {
  validateTypicality ??= createAjv().compile<components['schemas']['ModelTypicality']>(
    standalone(openapiDocument.components.schemas.ModelTypicality),
  );
  return validateTypicality;
}

/** `/evaluation/roc_auc/value` → `card.evaluation.roc_auc.value`; `/limitations/0` → `card.limitations[0]`. */
function cardPath(pointer: string, key?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (key !== undefined) parts.push(key);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), 'card');
}

/** One schema error as the sentence a manifest's author needs, naming the field under `root`. */
function describeSchemaError(error: ErrorObject, root = 'card'): string {
  const params = error.params as Record<string, unknown>;
  const path = (key?: string) => cardPath(error.instancePath, key).replace(/^card/, root);
  if (error.keyword === 'additionalProperties') {
    const known = root === 'card' ? ` (a card has ${cardKeys().join(', ')})` : '';
    return `"${path(String(params.additionalProperty))}" is not a known field${known}`;
  }
  if (error.keyword === 'required') return `"${path(String(params.missingProperty))}" is required`;
  if (error.keyword === 'type' && typeof params.type === 'string') {
    return `"${path()}" must be ${/^[aeiou]/.test(params.type) ? 'an' : 'a'} ${params.type}`;
  }
  return `"${path()}" ${error.message ?? 'is invalid'}`;
}

/** Checks a manifest's `input_check`, or throws through `fail`. */
function parseInputCheck(json: Record<string, unknown>, fail: (what: string) => never): InputCheckDeclaration | undefined {
  const declared = json.input_check;
  if (declared === undefined) return undefined;
  if (!isObject(declared)) return fail('"input_check" must be an object');
  const { output, ...typicality } = declared;
  if (!isNonEmptyString(output)) return fail('"input_check.output" must be a non-empty string');
  const outputs = json.output as { name: string; score_map?: { name: string } };
  if (output === outputs.name || output === outputs.score_map?.name) fail('"input_check.output" must differ from the other outputs');
  // The TF.js worker reads one output per run.
  if (json.engine !== 'onnx') fail('"input_check" needs "engine" "onnx"');
  const validate = typicalityValidator();
  if (!validate(typicality)) {
    const [first] = validate.errors ?? [];
    return fail(first ? describeSchemaError(first, 'input_check') : '"input_check" does not match the contract\'s ModelTypicality');
  }
  if (!(typicality.threshold > 0)) fail('"input_check.threshold" must be a positive number');
  return { output, ...typicality };
}

/**
 * Validates parsed manifest JSON and returns it typed, or throws INVALID_MODEL with a
 * message that names the first field that is wrong.
 */
export function parseManifest(json: unknown, source = 'manifest.json'): ModelManifest {
  const fail = (what: string): never => {
    throw new CoreError('INVALID_MODEL', `${source}: ${what}.`);
  };
  if (!isObject(json)) return fail('must be a JSON object');
  if (json.schema_version !== 1) fail('"schema_version" must be 1');
  for (const key of ['name', 'version', 'weights'] as const) {
    if (!isNonEmptyString(json[key])) fail(`"${key}" must be a non-empty string`);
  }
  if (json.engine !== 'onnx' && json.engine !== 'tfjs') fail(`"engine" must be "onnx" or "tfjs" (got ${JSON.stringify(json.engine)})`);
  const weights = json.weights as string;
  if (weights.includes('..') || weights.startsWith('/')) fail('"weights" must be a file inside the model folder');

  const input = json.input;
  if (!isObject(input)) return fail('"input" must be an object');
  if (!isNonEmptyString(input.name)) fail('"input.name" must be a non-empty string');
  for (const key of ['width', 'height'] as const) {
    const v = input[key];
    if (!Number.isInteger(v) || (v as number) < 8 || (v as number) > 4096) fail(`"input.${key}" must be an integer from 8 to 4096`);
  }
  if (input.channels !== 1 && input.channels !== 3) fail('"input.channels" must be 1 or 3');
  if (input.layout !== 'NCHW' && input.layout !== 'NHWC') fail('"input.layout" must be "NCHW" or "NHWC"');
  if ((input.channels === 3) !== (input.color === 'RGB') || (input.color !== 'RGB' && input.color !== 'GRAY')) {
    fail('"input.color" must be "RGB" with 3 channels or "GRAY" with 1');
  }
  if (input.scaling !== '[0,1]') fail('"input.scaling" must be "[0,1]"');
  if (input.preprocessing !== undefined && input.preprocessing !== 'stretch' && input.preprocessing !== 'mammogram') {
    fail(`"input.preprocessing" must be "stretch" or "mammogram" (got ${JSON.stringify(input.preprocessing)})`);
  }
  // The breast is placed on a square canvas; a non-square input would stretch it again.
  if (input.preprocessing === 'mammogram' && input.width !== input.height) {
    fail('"input.preprocessing" "mammogram" needs a square input ("input.width" equal to "input.height")');
  }

  const output = json.output;
  if (!isObject(output)) return fail('"output" must be an object');
  if (!isNonEmptyString(output.name)) fail('"output.name" must be a non-empty string');
  if (!['sigmoid_logit', 'softmax_probabilities', 'logits'].includes(output.kind as string)) {
    fail('"output.kind" must be "sigmoid_logit", "softmax_probabilities" or "logits"');
  }
  const scoreMap = output.score_map;
  if (scoreMap !== undefined) {
    if (!isObject(scoreMap)) return fail('"output.score_map" must be an object');
    if (!isNonEmptyString(scoreMap.name)) fail('"output.score_map.name" must be a non-empty string');
    if (scoreMap.name === output.name) fail('"output.score_map.name" must differ from "output.name"');
    if (scoreMap.kind !== 'logit_grid') fail(`"output.score_map.kind" must be "logit_grid" (got ${JSON.stringify(scoreMap.kind)})`);
    // A grid of logits only means something next to an image score that is a logit too.
    if (output.kind === 'softmax_probabilities')
      fail('"output.score_map" needs an "output.kind" whose score is a logit, not "softmax_probabilities"');
    // The TF.js worker reads one output per run (a LayersModel's outputs have no names to ask for).
    if (json.engine !== 'onnx') fail('"output.score_map" needs "engine" "onnx"');
  }
  const labels = json.labels;
  if (!Array.isArray(labels) || labels.length !== 2 || labels[0] !== 'Benign' || labels[1] !== 'Malignant') {
    fail('"labels" must be ["Benign", "Malignant"] (the order of the model\'s outputs)');
  }

  const calibration = json.calibration;
  if (!isObject(calibration)) return fail('"calibration" must be an object');
  if (calibration.method === 'platt') {
    if (!isFiniteNumber(calibration.a) || !isFiniteNumber(calibration.b)) fail('"calibration.a" and "calibration.b" must be numbers');
  } else if (calibration.method !== 'none') {
    fail('"calibration.method" must be "platt" or "none"');
  }
  const threshold = json.decision_threshold;
  if (!isFiniteNumber(threshold) || threshold <= 0 || threshold >= 1)
    fail('"decision_threshold" must be a number strictly between 0 and 1');

  const rows = json.risk_levels;
  if (!Array.isArray(rows) || rows.length === 0) return fail('"risk_levels" must be a non-empty array');
  const riskLevels = rows.map((row: unknown, i): RiskLevelRule => {
    const where = `"risk_levels[${i}]"`;
    if (!isObject(row)) return fail(`${where} must be an object`);
    const { level, icon, color, min, min_inclusive, max, max_inclusive } = row;
    // Names and icons are the contract's: a prediction carries them to the wire as they are.
    if (!isOneOf(RISK_LEVEL_NAMES, level))
      return fail(`${where}.level must be one of ${RISK_LEVEL_NAMES.map((n) => `"${n}"`).join(', ')} (got ${JSON.stringify(level)})`);
    if (!isOneOf(RISK_ICONS, icon)) return fail(`${where}.icon must be one of ${RISK_ICONS.join(' ')} (got ${JSON.stringify(icon)})`);
    if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/.test(color)) return fail(`${where}.color must look like #33cc33`);
    if (!isFiniteNumber(min) || min < 0 || min > 1) return fail(`${where}.min must be a number in [0, 1]`);
    if (!isFiniteNumber(max) || max < 0 || max > 1) return fail(`${where}.max must be a number in [0, 1]`);
    if (typeof min_inclusive !== 'boolean') return fail(`${where}.min_inclusive must be true or false`);
    if (typeof max_inclusive !== 'boolean') return fail(`${where}.max_inclusive must be true or false`);
    return { level, icon, color, min, min_inclusive, max, max_inclusive };
  });
  const problem = findRiskTableProblem(riskLevels.map(toRiskLevel));
  if (problem) fail(`"risk_levels" must cover [0, 1] exactly once: ${problem}`);

  const inputCheck = parseInputCheck(json, fail);
  const { card, input_check: _declared, ...facts } = json;
  if (!isObject(card)) return fail('"card" must be an object');
  const validate = cardValidator();
  if (!validate(card)) {
    const [first] = validate.errors ?? [];
    return fail(first ? describeSchemaError(first) : '"card" does not match the contract\'s ModelCard');
  }
  // The contract lets these be empty; a card whose disclaimer or citation is blank says nothing.
  const texts = {
    method: card.method,
    intended_use: card.intended_use,
    disclaimer: card.disclaimer,
    'training_data.name': card.training_data.name,
    'training_data.licence': card.training_data.licence,
    'training_data.citation': card.training_data.citation,
    'evaluation.protocol': card.evaluation.protocol,
    ...Object.fromEntries(card.limitations.map((text, i) => [`limitations[${i}]`, text])),
  };
  for (const [key, text] of Object.entries(texts)) {
    if (text === '') fail(`"card.${key}" must be a non-empty string`);
  }
  // The facts are checked field by field above; the card's type follows from its schema.
  return {
    ...(facts as Omit<ModelManifest, 'card' | 'risk_levels' | 'input_check'>),
    risk_levels: riskLevels,
    ...(inputCheck ? { input_check: inputCheck } : {}),
    card,
  };
}

/** Reads and validates `manifest.json` from a model folder. */
export async function readManifest(modelDir: string): Promise<ModelManifest> {
  const path = join(modelDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CoreError('MODEL_UNAVAILABLE', 'the model folder has no readable manifest.json.', { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CoreError('INVALID_MODEL', `manifest.json is not valid JSON (${castToError(error).message}).`, { cause: error });
  }
  return parseManifest(json);
}

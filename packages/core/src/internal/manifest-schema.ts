// The JSON Schema of `manifest.json` (schema_version 1): one schema, checked by one ajv call
// through the contract's schema compiler. What the contract already describes (the card, a risk
// level, a typicality check, the input's enums) is referred to or cut from openapi.yaml, never
// copied; what is the manifest's own (sizes, output kinds, which engine reads what) is written here.
import { type components, openapiDocument, RISK_ICONS, SCREENING_SPECIFICITIES } from '@bcd-api/contract';

/** What a model's output tensor may hold, per image. */
export const OUTPUT_KINDS = ['sigmoid_logit', 'softmax_probabilities', 'logits'] as const;

/**
 * The keys of the contract's `ModelCard` that the classifier fills in itself, from the rest of
 * the manifest and the weights; every other key of `ModelCard` is the manifest's `card`.
 */
export const COMPUTED_CARD_KEYS = [
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
  // Top-level sections of the manifest (issue 22), not of its card.
  'study_rule',
  'screening',
] as const satisfies readonly (keyof components['schemas']['ModelCard'])[];

/** The keys of the contract's `ModelScreening` that the server adds; the rest is the manifest's `screening`. */
export const COMPUTED_SCREENING_KEYS = [
  'categories',
  'at_prevalence',
] as const satisfies readonly (keyof components['schemas']['ModelScreening'])[];

type Schema = Record<string, unknown>;

const schemas = openapiDocument.components.schemas;
const ref = (pointer: string): Schema => ({ $ref: `#/components/schemas/${pointer}` });
/** One of the contract's `ModelCard.input` enums, which a manifest's `input` shares. */
const cardInput = (key: string): Schema => ref(`ModelCard/properties/input/properties/${key}`);
const text: Schema = { type: 'string', minLength: 1 };
const side: Schema = { type: 'integer', minimum: 8, maximum: 4096 };
/** JSON Schema's `if`/`then`: where `condition` holds, so must `requirement`. */
const when = (condition: Schema, requirement: Schema): Schema => ({
  if: condition,
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, in a schema that is never awaited.
  then: requirement,
});
/** An object that has `key`: the condition of a rule that applies only when a field is present. */
const has = (key: string): Schema => ({ type: 'object', required: [key], properties: { [key]: true } });

/** The keys a manifest's `card` may have, in the contract's order. */
export function cardKeys(): string[] {
  const computed: readonly string[] = COMPUTED_CARD_KEYS;
  return Object.keys(schemas.ModelCard.properties).filter((key) => !computed.includes(key));
}

/**
 * The manifest's `card`: the contract's `ModelCard` less the computed keys, so that a card key
 * the contract lacks is refused at load instead of breaking `GET /model` (issue 11). The
 * contract lets its texts be empty; a card whose disclaimer or citation is blank says nothing.
 */
function cardSchema(): Schema {
  const { properties, required, ...card } = schemas.ModelCard;
  const keys = new Set(cardKeys());
  const cut = {
    ...card,
    required: required.filter((key) => keys.has(key)),
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => keys.has(key))),
  };
  const texts = {
    type: 'object',
    properties: {
      method: text,
      intended_use: text,
      disclaimer: text,
      training_data: { type: 'object', properties: { name: text, licence: text, citation: text } },
      evaluation: { type: 'object', properties: { protocol: text } },
      limitations: { type: 'array', items: text },
    },
  };
  return { allOf: [cut, texts] };
}

/**
 * A model's typicality check: the graph output that gives it, and the rest as the contract's
 * `ModelTypicality`, whose threshold must be positive here (a distance of 0 passes nothing).
 */
function inputCheckSchema(): Schema {
  const { properties, required, ...typicality } = schemas.ModelTypicality;
  return {
    ...typicality,
    required: ['output', ...required],
    properties: { output: text, ...properties, threshold: { type: 'number', exclusiveMinimum: 0 } },
  };
}

/** The manifest's `screening`: the contract's `ModelScreening` less what the server adds. */
function screeningSchema(): Schema {
  const { properties, required, ...screening } = schemas.ModelScreening;
  const computed: readonly string[] = COMPUTED_SCREENING_KEYS;
  return {
    ...screening,
    required: required.filter((key) => !computed.includes(key)),
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !computed.includes(key))),
  };
}

/** A list of operating points whose target specificities are the contract's, in its order. */
const inSpecificityOrder: Schema = {
  type: 'array',
  minItems: SCREENING_SPECIFICITIES.length,
  maxItems: SCREENING_SPECIFICITIES.length,
  prefixItems: SCREENING_SPECIFICITIES.map((specificity) => ({
    type: 'object',
    properties: { target_specificity: { const: specificity } },
  })),
};

/**
 * Rules across fields, each with the sentence that refuses a manifest breaking it. A rule
 * that JSON Schema cannot state (two fields equal or different) is checked in code after the
 * schema (model-manifest.ts).
 */
export const MANIFEST_RULES: readonly Schema[] = [
  {
    description: '"weights" must be a file inside the model folder',
    type: 'object',
    properties: { weights: { not: { type: 'string', pattern: '^/|\\.\\.' } } },
  },
  {
    description: '"input.color" must be "RGB" with 3 channels or "GRAY" with 1',
    type: 'object',
    properties: {
      input: {
        type: 'object',
        anyOf: [
          { type: 'object', properties: { channels: { const: 3 }, color: { const: 'RGB' } } },
          { type: 'object', properties: { channels: { const: 1 }, color: { const: 'GRAY' } } },
        ],
      },
    },
  },
  {
    description: '"labels" must be ["Benign", "Malignant"] (the order of the model\'s outputs)',
    type: 'object',
    properties: { labels: { const: ['Benign', 'Malignant'] } },
  },
  {
    // A grid of logits only means something next to an image score that is a logit too.
    description: '"output.score_map" needs an "output.kind" whose score is a logit, not "softmax_probabilities"',
    type: 'object',
    properties: {
      output: { type: 'object', ...when(has('score_map'), { properties: { kind: { not: { const: 'softmax_probabilities' } } } }) },
    },
  },
  {
    // The TF.js worker reads one output per run (a LayersModel's outputs have no names to ask for).
    description: '"output.score_map" needs "engine" "onnx"',
    type: 'object',
    ...when(
      { type: 'object', required: ['output'], properties: { output: has('score_map') } },
      { properties: { engine: { const: 'onnx' } } },
    ),
  },
  {
    // The card's table reads in this order, and the thresholds are checked to rise along it (model-manifest.ts).
    description: `"screening.operating_points.image" and ".study" must each hold the target specificities ${SCREENING_SPECIFICITIES.join(', ')}, in that order`,
    type: 'object',
    properties: {
      screening: {
        type: 'object',
        properties: { operating_points: { type: 'object', properties: { image: inSpecificityOrder, study: inSpecificityOrder } } },
      },
    },
  },
  {
    description: '"input_check" needs "engine" "onnx"',
    type: 'object',
    ...when(has('input_check'), { properties: { engine: { const: 'onnx' } } }),
  },
];

/** The whole schema: the fields (allOf[0]), then {@link MANIFEST_RULES} (allOf[1...]) in order. */
export function manifestSchema(): Schema {
  const fields = {
    type: 'object',
    required: [
      'schema_version',
      'name',
      'version',
      'engine',
      'weights',
      'input',
      'output',
      'labels',
      'calibration',
      'decision_threshold',
      'risk_levels',
      'card',
    ],
    properties: {
      schema_version: { const: 1 },
      name: text,
      version: text,
      engine: ref('ModelCard/properties/engine'),
      weights: text,
      input: {
        type: 'object',
        required: ['name', 'width', 'height', 'channels', 'layout', 'color', 'scaling'],
        properties: {
          name: text,
          width: side,
          height: side,
          channels: cardInput('channels'),
          layout: cardInput('layout'),
          color: cardInput('color'),
          scaling: { const: '[0,1]' },
          preprocessing: cardInput('preprocessing'),
        },
      },
      output: {
        type: 'object',
        required: ['name', 'kind'],
        properties: {
          name: text,
          kind: { enum: OUTPUT_KINDS },
          score_map: {
            type: 'object',
            required: ['name', 'kind'],
            properties: { name: text, kind: ref('ModelCard/properties/score_map/properties/kind') },
          },
        },
      },
      labels: { type: 'array' },
      calibration: {
        type: 'object',
        required: ['method'],
        properties: { method: { enum: ['platt', 'none'] } },
        ...when(
          { properties: { method: { const: 'platt' } } },
          { required: ['a', 'b'], properties: { a: { type: 'number' }, b: { type: 'number' } } },
        ),
      },
      decision_threshold: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      risk_levels: {
        type: 'array',
        minItems: 1,
        // The contract's rows, with the icons a prediction may carry to the wire.
        items: { allOf: [ref('RiskLevelRule'), { type: 'object', properties: { icon: { enum: RISK_ICONS } } }] },
      },
      input_check: inputCheckSchema(),
      study_rule: ref('StudyRule'),
      screening: screeningSchema(),
      card: cardSchema(),
    },
  };
  return { type: 'object', allOf: [fields, ...MANIFEST_RULES] };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { castToError, type components } from '@bcd-api/contract';
import { createSchemaCompiler } from '@bcd-api/contract/validator';
import type { ValidateFunction } from 'ajv';
import type { Preprocessing } from './decoded-image.js';
import { CoreError } from './errors.js';
import {
  type COMPUTED_CARD_KEYS,
  type COMPUTED_SCREENING_KEYS,
  MANIFEST_RULES,
  manifestSchema,
  type OUTPUT_KINDS,
} from './internal/manifest-schema.js';
import { describeSchemaError } from './internal/schema-messages.js';
import { findRiskTableProblem, type RiskLevelRule, toRiskLevel } from './risk-level.js';

/** What a model's output tensor holds, per image. */
export type OutputKind = (typeof OUTPUT_KINDS)[number];

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
  /** How `POST /predict-study` combines images (issue 22); without it, the maximum per breast and over breasts. */
  study_rule?: components['schemas']['StudyRule'];
  /** The model's screening operating points, measured out of fold (issue 22). */
  screening?: ScreeningDeclaration;
  /** The descriptive part of the card, as its author wrote it. */
  card: ModelCardFields;
}

/**
 * A model's typicality check (issue 20): `output` names a graph output giving, per image, a
 * distance to the mammograms the check was fitted on (shape [N] or [N, 1]); an image above
 * `threshold` is not taken for a mammogram. The rest is the card's `input_check.typicality`.
 */
export type InputCheckDeclaration = { output: string } & components['schemas']['ModelTypicality'];

/**
 * A model's screening operating points as its manifest states them: the contract's
 * `ModelScreening` less what the server adds (the categories in words, the figures at the
 * server's prevalence).
 */
export type ScreeningDeclaration = Omit<components['schemas']['ModelScreening'], (typeof COMPUTED_SCREENING_KEYS)[number]>;

type WireModelCard = components['schemas']['ModelCard'];

/**
 * The descriptive part of a model card in `manifest.json`, written by whoever trained the
 * model: the contract's `ModelCard` less the keys computed at load. The file's `card` is
 * checked against that same cut of the contract (see {@link parseManifest}), so it is typed
 * from it.
 */
export type ModelCardFields = Omit<WireModelCard, (typeof COMPUTED_CARD_KEYS)[number]>;

let validator: { validate: ValidateFunction<ModelManifest>; schema: Record<string, unknown> } | undefined;

/** The manifest's validator, compiled on first use rather than when the core is imported. */
function manifestValidator(): NonNullable<typeof validator> {
  if (!validator) {
    const schema = manifestSchema();
    validator = { validate: createSchemaCompiler().compile<ModelManifest>(schema), schema };
  }
  return validator;
}

/**
 * Validates parsed manifest JSON against the manifest's JSON Schema (internal/manifest-schema.ts,
 * one ajv call), then the relations a schema cannot state, and returns it typed; or throws
 * INVALID_MODEL with a message that names the first field that is wrong and why.
 *
 * @example
 * parseManifest(JSON.parse(text)).input.width; // 224
 */
export function parseManifest(json: unknown, source = 'manifest.json'): ModelManifest {
  const { validate, schema } = manifestValidator();
  if (!validate(json)) {
    const [first] = validate.errors ?? [];
    const why = first ? describeSchemaError(first, { data: json, schema, rules: MANIFEST_RULES }) : 'does not match the manifest schema';
    throw new CoreError('INVALID_MODEL', `${source}: ${why}.`);
  }
  const problem = findRelationProblem(json);
  if (problem) throw new CoreError('INVALID_MODEL', `${source}: ${problem}.`);
  return json;
}

/** The rules between two fields' values, which JSON Schema cannot state without `$data`. */
function findRelationProblem({
  input,
  output,
  input_check: inputCheck,
  risk_levels: riskLevels,
  screening,
}: ModelManifest): string | undefined {
  // The breast is placed on a square canvas; a non-square input would stretch it again.
  if (input.preprocessing === 'mammogram' && input.width !== input.height) {
    return '"input.preprocessing" "mammogram" needs a square input ("input.width" equal to "input.height")';
  }
  if (output.score_map?.name === output.name) return '"output.score_map.name" must differ from "output.name"';
  if (inputCheck && (inputCheck.output === output.name || inputCheck.output === output.score_map?.name)) {
    return '"input_check.output" must differ from the other outputs';
  }
  for (const [level, points] of Object.entries(screening?.operating_points ?? {})) {
    // A stricter specificity cannot need a lower threshold: the points would contradict each other.
    if (points.some((point, i) => i > 0 && point.threshold < (points[i - 1]?.threshold ?? 0))) {
      return `"screening.operating_points.${level}" thresholds must not fall as the target specificity rises`;
    }
  }
  const table = findRiskTableProblem(riskLevels.map(toRiskLevel));
  return table ? `"risk_levels" must cover [0, 1] exactly once: ${table}` : undefined;
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

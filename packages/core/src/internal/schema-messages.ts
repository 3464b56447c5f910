// Turns the first ajv error of a schema check into the sentence a file's author needs: which
// field (as they would write it: `card.limitations[1]`) and why, in words rather than in
// JSON Schema keywords.
import type { ErrorObject } from 'ajv';

type Json = Record<string, unknown>;

/** Where to find what an error needs beyond itself: the checked data, the schema, and its rules. */
export interface SchemaContext {
  /** The value that was checked, to quote what an enum got. */
  data: unknown;
  /** The schema as compiled: an `additionalProperties` error lists the fields its node knows. */
  schema: Json;
  /**
   * Rules at `schema.allOf[1...]`, each with a `description` that is the whole refusal: an
   * error inside rule i (at `#/allOf/i/...`) is told by that sentence.
   */
  rules: readonly Json[];
}

/**
 * One ajv error as a sentence without its full stop: `"input.width" must be at least 8`,
 * `"card.foo" is not a known field (known fields: method, ...)`.
 *
 * @example
 * describeSchemaError(validate.errors[0], { data: json, schema, rules: [] });
 */
export function describeSchemaError(error: ErrorObject, context: SchemaContext): string {
  const rule = /^#\/allOf\/(\d+)\//.exec(error.schemaPath);
  const description = rule ? context.rules[Number(rule[1]) - 1]?.description : undefined;
  if (typeof description === 'string') return description;

  const params = error.params as Json;
  const parts = pointerParts(error.instancePath);
  const field = (extra?: string) => `"${fieldName(extra === undefined ? parts : [...parts, extra])}"`;
  switch (error.keyword) {
    case 'required':
      return `${field(String(params.missingProperty))} is required`;
    case 'additionalProperties': {
      const known = knownFields(context.schema, error.schemaPath);
      return `${field(String(params.additionalProperty))} is not a known field${known ? ` (known fields: ${known.join(', ')})` : ''}`;
    }
    case 'type': {
      if (parts.length === 0 && params.type === 'object') return 'must be a JSON object';
      const types = Array.isArray(params.type) ? params.type.map(String) : [String(params.type)];
      return `${field()} must be ${types.map((t) => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`).join(' or ')}`;
    }
    case 'const':
      return `${field()} must be ${show(params.allowedValue)}`;
    case 'enum':
      return `${field()} must be ${oneOf((params.allowedValues as unknown[]).map(show))} (got ${show(valueAt(context.data, parts))})`;
    case 'minLength':
      return params.limit === 1 ? `${field()} must be a non-empty string` : `${field()} ${error.message}`;
    case 'minItems':
      return params.limit === 1 ? `${field()} must be a non-empty array` : `${field()} ${error.message}`;
    case 'minimum':
      return `${field()} must be at least ${params.limit}`;
    case 'maximum':
      return `${field()} must be at most ${params.limit}`;
    case 'exclusiveMinimum':
      return params.limit === 0 ? `${field()} must be a positive number` : `${field()} must be above ${params.limit}`;
    case 'exclusiveMaximum':
      return `${field()} must be below ${params.limit}`;
    default:
      return `${field()} ${error.message ?? 'is invalid'}`;
  }
}

/** `/evaluation/roc_auc/value` → `['evaluation', 'roc_auc', 'value']` (JSON Pointer, RFC 6901). */
function pointerParts(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .split('/')
        .slice(1)
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `['card', 'limitations', '0']` → `card.limitations[0]`. */
function fieldName(parts: readonly string[]): string {
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

function valueAt(data: unknown, parts: readonly string[]): unknown {
  let value = data;
  for (const part of parts) value = typeof value === 'object' && value !== null ? (value as Json)[part] : undefined;
  return value;
}

/** The fields of the schema node an `additionalProperties` error came from, when that node is the schema's own (not a `$ref`'s). */
function knownFields(schema: Json, schemaPath: string): string[] | undefined {
  if (!schemaPath.startsWith('#/')) return undefined;
  let node: unknown = schema;
  const parts = schemaPath.slice(2).split('/').slice(0, -1);
  for (const part of parts) node = typeof node === 'object' && node !== null ? (node as Json)[part] : undefined;
  const { properties, additionalProperties } = (node ?? {}) as Json;
  return additionalProperties === false && typeof properties === 'object' && properties !== null ? Object.keys(properties) : undefined;
}

/** A value as a manifest would spell it: `"onnx"`, `1`, `["Benign", "Malignant"]`. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** `a`, `a or b`, `a, b or c`. */
function oneOf(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

// The one way to compile a JSON Schema against the contract: an ajv 2020-12 instance that knows
// the spec's `components.schemas` (so `#/components/schemas/X` resolves) and its keywords. The
// response validator and the core's manifest check both compile through it.
// The named export: ajv is CommonJS, and its default export arrives as the module object under NodeNext.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { openapiDocument } from './generated/document.js';

type JsonObject = Record<string, unknown>;
const SCHEMA_ID = 'urn:bcd-api:openapi';
const COMPONENT_REF = '#/components/schemas/';

/** Compiles schemas that may refer to the contract's component schemas; each schema object is compiled once. */
export interface SchemaCompiler {
  compile<T = unknown>(schema: unknown): ValidateFunction<T>;
}

/** What {@link createSchemaCompiler} is built from. */
export interface SchemaCompilerOptions {
  /** The OpenAPI document whose `components.schemas` references resolve to (default: the contract's). */
  document?: JsonObject;
  /** Report every error, not the first only (default false). */
  allErrors?: boolean;
}

/**
 * Builds a schema compiler over the contract. Needs `ajv` (an optional peer dependency).
 *
 * @example
 * const validate = createSchemaCompiler().compile({ $ref: '#/components/schemas/ModelCard' });
 * validate(card) || console.log(validate.errors?.map(formatSchemaError));
 */
export function createSchemaCompiler({ document = openapiDocument, allErrors = false }: SchemaCompilerOptions = {}): SchemaCompiler {
  const ajv = new Ajv2020({ strict: true, allErrors });
  ajv.addFormat('binary', true);
  ajv.addKeyword('example');
  const components = (document.components ?? {}) as JsonObject;
  ajv.addSchema({ $id: SCHEMA_ID, $defs: rewriteRefs(components.schemas ?? {}) as JsonObject });
  const compiled = new Map<unknown, ValidateFunction>();
  return {
    compile<T>(schema: unknown): ValidateFunction<T> {
      let fn = compiled.get(schema);
      if (!fn) {
        fn = ajv.compile(rewriteRefs(schema) as JsonObject);
        compiled.set(schema, fn);
      }
      return fn as ValidateFunction<T>;
    },
  };
}

/** One ajv error as a short phrase: where, and what is wrong. */
export function formatSchemaError(error: ErrorObject): string {
  return `${error.instancePath || '(body)'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`;
}

/** Rewrites `#/components/schemas/X` to an absolute `$defs` reference, deep. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENT_REF)
        ? `${SCHEMA_ID}#/$defs/${child.slice(COMPONENT_REF.length)}`
        : rewriteRefs(child);
  }
  return out;
}

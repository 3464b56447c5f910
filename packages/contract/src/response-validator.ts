import { openapiDocument } from './generated/document.js';
import { pathTemplateMatches } from './path-template.js';
import { createSchemaCompiler, formatSchemaError } from './schema-compiler.js';

/** A response as a test or an app received it. */
export interface ObservedResponse {
  method: string;
  /** Request path without query, e.g. `/predict`. */
  path: string;
  status: number;
  /** The `Content-Type` header, parameters allowed. */
  contentType?: string | null;
  /** Parsed JSON for JSON responses, text otherwise. */
  body: unknown;
}

/** The outcome of {@link ResponseValidator.validate}: `errors` lists every mismatch as a sentence. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** Checks responses against the OpenAPI document. */
export interface ResponseValidator {
  validate(response: ObservedResponse): ValidationResult;
}

type JsonObject = Record<string, unknown>;

/**
 * Builds a validator for responses of the Breast Cancer Detection API (OpenAPI 3.1, JSON
 * Schema 2020-12). A response fails when its path, method, status code or content type is
 * not documented, or its body does not match the documented schema, so undocumented
 * fields and statuses are caught. Use it in an app's own tests to hold the server to the
 * contract. Import it from `@bcd-api/contract/validator`; it needs `ajv` (an optional peer
 * dependency: add it to your dev dependencies).
 *
 * @example
 * import { createResponseValidator } from '@bcd-api/contract/validator';
 * const validator = createResponseValidator();
 * const res = await fetch(`${url}/health`);
 * const result = validator.validate({ method: 'GET', path: '/health', status: res.status,
 *   contentType: res.headers.get('content-type'), body: await res.json() });
 * expect(result.errors).toEqual([]);
 */
export function createResponseValidator(document: JsonObject = openapiDocument): ResponseValidator {
  const { compile } = createSchemaCompiler({ document, allErrors: true });
  const responsesById = (((document.components ?? {}) as JsonObject).responses as JsonObject | undefined) ?? {};

  return {
    validate(response) {
      const errors: string[] = [];
      const paths = (document.paths ?? {}) as Record<string, JsonObject>;
      const template = Object.keys(paths).find((t) => pathTemplateMatches(t, response.path));
      if (!template) return { valid: false, errors: [`path ${response.path} is not in the contract`] };
      const pathItem = paths[template] ?? {};
      const operation = pathItem[response.method.toLowerCase()] as JsonObject | undefined;
      const responses = (operation?.responses ?? {}) as JsonObject;
      // 405 is declared on every operation of a path; for a method the path lacks, use any operation's.
      const anyOperation = Object.values(pathItem).find(
        (op): op is JsonObject => typeof op === 'object' && op !== null && 'responses' in op,
      );
      const table = operation ? responses : response.status === 405 ? ((anyOperation?.responses ?? {}) as JsonObject) : undefined;
      if (!table) return { valid: false, errors: [`${response.method} ${template} is not in the contract`] };
      const status = String(response.status);
      let declared = (table[status] ?? table[`${status[0]}XX`] ?? table.default) as JsonObject | undefined;
      if (!declared) return { valid: false, errors: [`status ${status} is not documented for ${response.method} ${template}`] };
      if (typeof declared.$ref === 'string') {
        declared = responsesById[declared.$ref.replace('#/components/responses/', '')] as JsonObject;
      }
      const content = declared.content as Record<string, JsonObject> | undefined;
      if (!content) {
        if (response.body !== undefined && response.body !== null && response.body !== '')
          errors.push('a body was sent where none is documented');
        return { valid: errors.length === 0, errors };
      }
      const mediaType = (response.contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
      const media = content[mediaType];
      if (!media) {
        return {
          valid: false,
          errors: [`content type "${mediaType}" is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`],
        };
      }
      if (media.schema) {
        const validateBody = compile(media.schema);
        if (!validateBody(response.body)) errors.push(...(validateBody.errors ?? []).map(formatSchemaError));
      }
      return { valid: errors.length === 0, errors };
    },
  };
}

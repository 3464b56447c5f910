// `@bcd-api/contract/validator`: the response validator, a test tool kept off the main entry
// so that ajv never reaches an app that only needs the contract's types and facts.
export { createResponseValidator, type ObservedResponse, type ResponseValidator, type ValidationResult } from './response-validator.js';
export { createSchemaCompiler, formatSchemaError, type SchemaCompiler, type SchemaCompilerOptions } from './schema-compiler.js';

/** Machine-readable reasons the inference core fails, stable across versions. */
export type CoreErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_IMAGE'
  | 'CORRUPT_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'INVALID_MODEL'
  | 'MODEL_UNAVAILABLE'
  | 'INFERENCE_FAILED'
  | 'WORKER_FAILED'
  | 'OVERLOADED';

/** The one error class the core throws; `message` is a sentence fit to show a user. */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True for a {@link CoreError}, also across module copies (checks `name`, not only the prototype). */
export function isCoreError(value: unknown): value is CoreError {
  return (
    value instanceof CoreError ||
    (value instanceof Error && value.name === 'CoreError' && 'code' in value && typeof value.code === 'string')
  );
}

/**
 * Normalises anything thrown into an Error, once, where the core catches it (as openai-node's
 * `castToError`): an Error as it is, an error-like object (e.g. another realm's Error, which
 * fails `instanceof`) re-made with its message and name, anything else as its text.
 */
export function castToError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') {
    const error = new Error(value.message, { cause: value });
    if ('name' in value && typeof value.name === 'string') error.name = value.name;
    return error;
  }
  let text = String(value);
  try {
    if (typeof value !== 'string') text = JSON.stringify(value) ?? text;
  } catch {
    // Circular or a BigInt: String() it is.
  }
  return new Error(text, { cause: value });
}

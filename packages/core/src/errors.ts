/** Machine-readable reasons the inference core fails, stable across versions. */
export type CoreErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_IMAGE'
  | 'CORRUPT_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NOT_A_MAMMOGRAM'
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

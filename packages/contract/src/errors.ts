/**
 * Normalises anything thrown into an Error, once, where the code catches it (as openai-node's
 * `castToError`): an Error as it is, an error-like object (e.g. another realm's Error, which
 * fails `instanceof`) re-made with its message and name, anything else as its text. Shared by
 * the core, the server and the SDK, which all depend on this package.
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

/** The `code` of a Node.js system error (`ENOENT`, `EADDRINUSE`, ...), if the value has one. */
export function systemErrorCode(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' ? value.code : undefined;
}

import type { ClientError } from './errors.js';

/** A call's outcome, as openapi-fetch gives it: `data` on success, otherwise a typed `error`; `response` when one arrived. */
export type ClientResult<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: ClientError; response?: Response };

/**
 * Returns `data`, or throws the typed error: the throwing style.
 *
 * @example
 * const card = await unwrap(client.model());
 */
export async function unwrap<T>(result: ClientResult<T> | Promise<ClientResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.error) throw settled.error;
  return settled.data;
}

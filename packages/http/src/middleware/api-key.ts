import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { ApiError } from '../errors/api-error.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Requires one of `keys` (as `Authorization: Bearer <key>` or `X-API-Key`) on every path
 * but the health probes and the documentation. Keys are compared through their SHA-256 in
 * constant time, against every configured key, so timing reveals neither key nor match.
 * With no keys configured it lets everything through, as the original API did.
 */
export function apiKeyAuth(keys: readonly string[], open: (path: string) => boolean): Middleware {
  const digests = keys.map(digest);
  return async (ctx, next) => {
    if (digests.length === 0 || open(ctx.path) || ctx.method === 'OPTIONS') return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
    const presented = bearer ?? ctx.get('X-API-Key');
    if (!presented) {
      throw new ApiError('UNAUTHORIZED', 'An API key is required: send Authorization: Bearer <key> or X-API-Key.');
    }
    const candidate = digest(presented);
    let matched = false;
    for (const known of digests) matched = timingSafeEqual(candidate, known) || matched;
    if (!matched) throw new ApiError('UNAUTHORIZED', 'The API key is not valid.');
    return next();
  };
}

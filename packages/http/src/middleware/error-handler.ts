import { castToError } from '@bcd-api/contract';
import type { Middleware } from 'koa';
import { ApiError } from '../errors/api-error.js';
import { errorDescriptor } from '../errors/error-codes.js';
import { toApiError } from '../errors/to-api-error.js';
import type { Logger } from '../logger.js';
import { toErrorResponse } from '../wire/service.js';

/**
 * The one error middleware, first in the chain: every failure becomes a documented status
 * with `{ detail, code, status, title }`, and 5xx bodies never carry internals. What else the
 * answer carries (Retry-After, other headers, a closed connection) is its code's descriptor's
 * (errors/error-codes.ts). A failure of the server (`serverFault`: a 500, a lost worker) is
 * logged here with its cause; the request line, which also names refusals, is
 * `observeRequest`'s (the error is left in `ctx.state.error` for it).
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw new ApiError('NOT_FOUND', `No route for ${ctx.method} ${ctx.path.slice(0, 200)}.`);
        // @koa/router's allowedMethods() leaves 405 (known path) or 501 (unknown method) with an Allow header.
        if (ctx.status === 405 || ctx.status === 501) {
          throw new ApiError(
            'METHOD_NOT_ALLOWED',
            `${ctx.method.slice(0, 20)} is not allowed on ${ctx.path.slice(0, 200)}; see the Allow header.`,
          );
        }
      }
    } catch (thrown) {
      const error = toApiError(thrown);
      const descriptor = errorDescriptor(error.code);
      if (descriptor.serverFault) {
        logger.error('request failed', { requestId: ctx.state.requestId, code: error.code, error: describe(error.cause ?? error) });
      }
      ctx.state.error = error;
      ctx.status = error.status;
      ctx.type = 'application/json';
      ctx.body = toErrorResponse(error);
      if (descriptor.closeConnection) ctx.state.closeConnection = true;
      if (descriptor.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(descriptor.retryAfterSeconds));
      if (descriptor.headers) ctx.set(descriptor.headers);
    }
  };
}

function describe(thrown: unknown): string {
  const error = castToError(thrown);
  return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
}

import { castToError } from '@bcd-api/contract';
import type { Middleware } from 'koa';
import { ApiError, RETRY_AFTER_SECONDS, toApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import { toErrorResponse } from '../wire.js';

/**
 * The one error middleware, first in the chain: every failure becomes a documented status
 * with `{ detail, code, status, title }`, and 5xx bodies never carry internals. A failure of
 * the server (500, a lost worker) is logged here with its cause; the request line, which
 * also names refusals, is `observeRequest`'s (the error is left in `ctx.state.error` for it).
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
      if (error.status === 500 || error.code === 'INFERENCE_INTERRUPTED') {
        logger.error('request failed', { requestId: ctx.state.requestId, code: error.code, error: describe(error.cause ?? error) });
      }
      ctx.state.error = error;
      ctx.status = error.status;
      ctx.type = 'application/json';
      ctx.body = toErrorResponse(error);
      // Past its deadline a request is not worth the rest of its upload: answer now and close.
      if (error.code === 'TIMEOUT') ctx.state.closeConnection = true;
      const retryAfter = RETRY_AFTER_SECONDS[error.code];
      if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
      if (error.code === 'UNAUTHORIZED') ctx.set('WWW-Authenticate', 'Bearer realm="Breast Cancer Detection API"');
    }
  };
}

function describe(thrown: unknown): string {
  const error = castToError(thrown);
  return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
}

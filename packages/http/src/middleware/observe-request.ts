import type { Context, Middleware } from 'koa';
import type { ApiError } from '../errors/api-error.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/**
 * Writes the one log line of each request and records it in the metrics. The line is
 * `msg: "request"` with its id, method, route template, path, status, duration in ms and
 * image count; with an error, its code (and, for a 5xx, the server's sentence, at level
 * warn: shedding load, a deadline, shutting down); at debug level, the request headers with
 * credentials redacted. Runs outside the rest of the chain, so it sees the final status and
 * the whole time spent.
 */
export function observeRequest(logger: Logger, metrics: Metrics | undefined): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      const route = routeOf(ctx);
      // Left by the error middleware and the upload reader.
      const error: ApiError | undefined = ctx.state.error;
      const images: number = ctx.state.images ?? 0;
      const status = ctx.status;
      (status >= 500 ? logger.warn : logger.info)('request', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        route,
        path: ctx.path,
        status,
        ms: Math.round(ms * 10) / 10,
        images,
        ...(error ? { code: error.code } : {}),
        ...(error && status >= 500 ? { detail: error.message } : {}),
        ...(logger.level === 'debug' ? { headers: ctx.headers } : {}),
      });
      metrics?.request({ method: ctx.method, route, status, seconds: ms / 1000, code: error?.code });
    }
  };
}

/**
 * The path template of the route that took the request (`/predict`, `/docs/:asset`); for a
 * known path with a method it lacks (405), that path's template; else `unmatched`. Raw paths
 * would make a metric series per URL a scanner tries.
 */
function routeOf(ctx: Context): string {
  const routerPath: unknown = ctx.routerPath;
  if (typeof routerPath === 'string') return routerPath;
  const matched: unknown = ctx.matched;
  if (Array.isArray(matched)) {
    const first: unknown = matched[0];
    if (typeof first === 'object' && first !== null && 'path' in first && typeof first.path === 'string') return first.path;
  }
  return 'unmatched';
}

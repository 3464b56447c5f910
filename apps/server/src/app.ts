import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import type { ModelState } from './model-state.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerPredictRoutes } from './routes/predict.js';
import { registerServiceRoutes } from './routes/service.js';

/** What {@link createApp} needs: settings, the model holder and the logger. */
export interface AppDependencies {
  config: ServerConfig;
  model: ModelState;
  logger: Logger;
}

/**
 * Builds the Koa application with every route of openapi.yaml. It does not listen: call
 * `app.callback()` with `http.createServer`, or use {@link startServer}.
 *
 * @example
 * const app = createApp({ config: loadConfig(), model, logger });
 */
export function createApp({ config, model, logger }: AppDependencies): Koa {
  const app = new Koa({ proxy: false });
  // Koa prints errors itself unless told not to; the error middleware already logs them.
  app.silent = true;
  const router = new Router();
  registerServiceRoutes(router, model);
  registerPredictRoutes(router, config, model);
  registerDocsRoutes(router);

  app.use(requestId());
  app.use(errorHandler(logger));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        if (config.corsOrigins === '*') return '*';
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      allowHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

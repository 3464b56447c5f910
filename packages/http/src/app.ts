import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import type { ByteBudget } from './byte-budget.js';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { apiKeyAuth } from './middleware/api-key.js';
import { errorHandler } from './middleware/error-handler.js';
import { observeRequest } from './middleware/observe-request.js';
import { createPredictionSteps } from './middleware/prediction-steps.js';
import { requestBody } from './middleware/request-body.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import type { ModelState } from './model-state.js';
import { isOpenPath } from './open-paths.js';
import { createPacsNode, type PacsNode } from './pacs/pacs-node.js';
import { registerDemoRoutes } from './routes/demo.js';
import { type DocsAssets, registerDocsRoutes } from './routes/docs.js';
import { registerExplainRoutes } from './routes/explain.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerPacsRoutes } from './routes/pacs.js';
import { registerPredictRoutes } from './routes/predict.js';
import { registerServiceRoutes } from './routes/service.js';
import { registerStudyRoutes } from './routes/study.js';
import type { WorkGate } from './work-gate.js';

/**
 * What {@link createApp} needs: settings, the model holder, the work gate, the upload memory
 * budget, the logger, and the metrics (none: no `/metrics`, nothing recorded).
 */
export interface AppDependencies {
  config: ServerConfig;
  model: ModelState;
  gate: WorkGate;
  budget: ByteBudget;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Static pages composed in by the app: the docs' scripts and the demo page's build. */
  assets?: ServerAssets | undefined;
  /** The PACS node; default: one made from `config.pacs`, none without it. */
  pacs?: PacsNode | undefined;
}

/** The static files a composed server serves beside the API; each is optional. */
export interface ServerAssets {
  /** Swagger UI and ReDoc scripts for `/` and `/redoc`. */
  docs?: DocsAssets;
  /** The demo page's build folder (`@bcd-api/demo`'s `demoDir`) for `/demo`. */
  demoDir?: string;
}

/**
 * Builds the Koa application with every route of openapi.yaml. It does not listen: call
 * `app.callback()` with `http.createServer`, or use {@link startServer}.
 *
 * @example
 * const config = loadConfig(process.env, { modelDir: '/models/mine' });
 * const logger = createLogger(config.logLevel);
 * const app = createApp({
 *   config,
 *   logger,
 *   model: loadModelState({ modelDir: config.modelDir, workers: 2, maxImagePixels: config.maxImagePixels, batchSize: 1, logger }),
 *   gate: createWorkGate({ maxPending: config.maxPendingRequests, timeoutMs: config.requestTimeoutMs }),
 *   budget: createByteBudget({ maxBytes: config.maxBufferedBytes, waitMs: 2_000 }),
 * });
 * http.createServer(app.callback()).listen(config.port);
 */
export function createApp({ config, model, gate, budget, logger, metrics, assets, pacs }: AppDependencies): Koa {
  const app = new Koa({ proxy: false });
  // Koa prints errors itself unless told not to; the error middleware already logs them.
  app.silent = true;
  const router = new Router();
  registerServiceRoutes(router, model, gate, config);
  const steps = createPredictionSteps({ config, model, gate, budget });
  registerPredictRoutes(router, steps, config);
  registerExplainRoutes(router, steps, config);
  registerStudyRoutes(router, steps, config);
  const node =
    pacs ?? (config.pacs ? createPacsNode({ config: config.pacs, answer: config, budget, maxFileBytes: config.maxFileBytes }) : undefined);
  registerPacsRoutes(router, steps, node, metrics);
  registerDocsRoutes(router, assets?.docs);
  registerDemoRoutes(router, assets?.demoDir);
  if (metrics) registerMetricsRoutes(router, metrics);

  app.use(requestId());
  app.use(observeRequest(logger, metrics));
  app.use(requestBody({ maxRequestBytes: config.maxRequestBytes, draining: () => gate.draining }));
  app.use(errorHandler(logger));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        if (config.corsOrigins === '*') return '*';
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'X-Prediction', 'X-Malignant-Probability', 'X-Risk-Level', 'X-Input-Check'],
      allowHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(securityHeaders());
  app.use(apiKeyAuth(config.apiKeys, (path) => isOpenPath(path, config)));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

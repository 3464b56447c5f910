import type Router from '@koa/router';
import type { AnswerSettings } from '../config.js';
import { errorDescriptor } from '../errors/error-codes.js';
import type { ModelState } from '../model-state.js';
import { toModelCard } from '../wire/model-card.js';
import { toHealthResponse, toLivenessResponse, toReadinessResponse } from '../wire/service.js';
import type { WorkGate } from '../work-gate.js';

/** Adds `GET /health`, the liveness and readiness probes, and `GET /model`. */
export function registerServiceRoutes(router: Router, model: ModelState, gate: WorkGate, settings: AnswerSettings): void {
  router.get('/health/live', (ctx) => {
    ctx.body = toLivenessResponse();
  });

  router.get('/health/ready', (ctx) => {
    const reason = gate.draining ? 'the server is shutting down.' : model.status === 'loaded' ? undefined : model.reason;
    ctx.status = reason ? 503 : 200;
    ctx.body = toReadinessResponse(reason);
    // Not ready for the reasons a prediction would be refused for: the same wait before asking again.
    const retryAfter = errorDescriptor(gate.draining ? 'SHUTTING_DOWN' : 'MODEL_UNAVAILABLE').retryAfterSeconds;
    if (reason && retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
  });

  router.get('/health', (ctx) => {
    ctx.status = model.status === 'loaded' ? 200 : 503;
    ctx.body = toHealthResponse(model.status);
  });

  router.get('/model', (ctx) => {
    ctx.body = toModelCard(model.require().card, settings);
  });
}

import type Router from '@koa/router';
import type { InputCheckMode } from '../config.js';
import type { ModelState } from '../model-state.js';
import { toHealthResponse, toLivenessResponse, toModelCard, toReadinessResponse } from '../wire.js';
import type { WorkGate } from '../work-gate.js';

/** Adds `GET /health`, the liveness and readiness probes, and `GET /model`. */
export function registerServiceRoutes(router: Router, model: ModelState, gate: WorkGate, inputCheck: InputCheckMode): void {
  router.get('/health/live', (ctx) => {
    ctx.body = toLivenessResponse();
  });

  router.get('/health/ready', (ctx) => {
    const reason = gate.draining ? 'the server is shutting down.' : model.status === 'loaded' ? undefined : model.reason;
    ctx.status = reason ? 503 : 200;
    ctx.body = toReadinessResponse(reason);
    if (reason) ctx.set('Retry-After', '5');
  });

  router.get('/health', (ctx) => {
    ctx.status = model.status === 'loaded' ? 200 : 503;
    ctx.body = toHealthResponse(model.status);
  });

  router.get('/model', (ctx) => {
    ctx.body = toModelCard(model.require().card, inputCheck);
  });
}

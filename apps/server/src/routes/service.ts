import type Router from '@koa/router';
import type { HealthResponse } from '@bcd-api/contract';
import type { ModelState } from '../model-state.js';
import { toModelCard } from '../wire.js';
import type { WorkGate } from '../work-gate.js';

/** The service name and version `/health` reports, as the original. */
export const SERVICE = { service: 'Breast Cancer Detection API', version: '1.0.0' } as const;

/** Adds `GET /health`, the liveness and readiness probes, and `GET /model`. */
export function registerServiceRoutes(router: Router, model: ModelState, gate: WorkGate): void {
  router.get('/health/live', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/health/ready', (ctx) => {
    const reason = gate.draining ? 'the server is shutting down.' : model.status === 'loaded' ? undefined : model.reason;
    ctx.status = reason ? 503 : 200;
    ctx.body = reason ? { status: 'not_ready', detail: reason } : { status: 'ready' };
    if (reason) ctx.set('Retry-After', '5');
  });

  router.get('/health', (ctx) => {
    const loaded = model.status === 'loaded';
    const body: HealthResponse = { status: loaded ? 'healthy' : 'unhealthy', ...SERVICE, model_status: model.status };
    ctx.status = loaded ? 200 : 503;
    ctx.body = body;
  });

  router.get('/model', (ctx) => {
    ctx.body = toModelCard(model.require().card);
  });
}

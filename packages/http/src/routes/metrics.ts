import type Router from '@koa/router';
import type { Metrics } from '../metrics.js';

/** Adds `GET /metrics`: the server's metrics in the Prometheus text format, for a scraper. */
export function registerMetricsRoutes(router: Router, metrics: Metrics): void {
  router.get('/metrics', async (ctx) => {
    const text = await metrics.scrape();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics.contentType;
    ctx.body = text;
  });
}

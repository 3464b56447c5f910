import type { Middleware } from 'koa';

// JSON answers need nothing; the docs pages need their own scripts and styles (Swagger UI
// and ReDoc set inline styles; ReDoc starts a worker from a blob URL).
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The demo page is our own build: no inline script or style at all (its canvases and image
// previews use data: and blob: URLs).
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const isDemo = (path: string) => path === '/demo' || path.startsWith('/demo/');

/** Security headers suited to a JSON API, its two documentation pages and the demo page. */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    await next();
    const html = Boolean(ctx.response.is('html'));
    ctx.set('Content-Security-Policy', html ? (isDemo(ctx.path) ? DEMO_CSP : DOCS_CSP) : API_CSP);
  };
}

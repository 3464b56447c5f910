import type { Middleware } from 'koa';

// JSON answers need nothing; the docs pages need their own scripts and styles (Swagger UI
// and ReDoc set inline styles; ReDoc starts a worker from a blob URL).
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Security headers suited to a JSON API and its two documentation pages. */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    await next();
    ctx.set('Content-Security-Policy', ctx.response.is('html') ? DOCS_CSP : API_CSP);
  };
}

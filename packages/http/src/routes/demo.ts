import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type Router from '@koa/router';
import { ApiError } from '../errors/api-error.js';

/** The kinds of file the demo's build writes to assets/; any other file there is not served. */
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  type: string;
  body: Buffer;
}

interface DemoBuild {
  html: Buffer;
  etag: string;
  /** By file name: only names listed here are served, so no path can leave the folder. */
  assets: Map<string, Asset>;
}

/** Reads the built page and its assets into memory: they are small (tens of kB) and never change while the server runs. */
function readBuild(dir: string): DemoBuild | undefined {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const html = readFileSync(index);
  const assets = new Map<string, Asset>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const entry of readdirSync(assetsDir, { withFileTypes: true })) {
      const type = Object.hasOwn(TYPES, extname(entry.name)) ? TYPES[extname(entry.name)] : undefined;
      if (entry.isFile() && type) assets.set(entry.name, { type, body: readFileSync(join(assetsDir, entry.name)) });
    }
  }
  return { html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, assets };
}

/**
 * Adds the demo page (`@bcd-api/demo`'s build, from `dir`): `GET /demo` and its hashed assets at
 * `GET /demo/assets/:asset`, all from this server's memory (no CDN), read on first use.
 */
export function registerDemoRoutes(router: Router, dir: string | undefined): void {
  let build: DemoBuild | undefined;
  const load = (): DemoBuild => {
    if (dir === undefined) throw new ApiError('NOT_FOUND', 'This server was composed without the demo page.');
    build ??= readBuild(dir);
    // Not cached when missing: a build made after start-up is picked up.
    if (!build) throw new ApiError('NOT_FOUND', 'The demo page is not built: run `pnpm build` (or `pnpm --filter @bcd-api/demo build`).');
    return build;
  };

  router.get('/demo', (ctx) => {
    // The page's links and scripts are absolute, but one address is enough: /demo/ goes to /demo.
    if (ctx.path !== '/demo') {
      ctx.status = 301;
      ctx.redirect('/demo');
      return;
    }
    const { html, etag } = load();
    // Revalidated on every visit, so a new build is seen at once; its assets change names.
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('ETag', etag);
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = html;
  });

  router.get('/demo/assets/:asset', (ctx) => {
    const name = ctx.params.asset ?? '';
    const asset = load().assets.get(name);
    if (!asset) throw new ApiError('NOT_FOUND', `No demo asset named '${name.slice(0, 100)}'.`);
    // The name carries a hash of the content: a changed file gets a new name.
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.type = asset.type;
    ctx.body = asset.body;
  });
}

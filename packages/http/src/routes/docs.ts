import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openapiDocument, openapiYaml } from '@bcd-api/contract';
import type Router from '@koa/router';
import { ApiError } from '../errors/api-error.js';

/**
 * Where the documentation pages' scripts come from: folders of the `swagger-ui-dist` and `redoc`
 * npm packages, found by the app that composes the server (this library depends on neither).
 */
export interface DocsAssets {
  /** The `swagger-ui-dist` package folder. */
  swaggerUiDir: string;
  /** The `redoc` package folder. */
  redocDir: string;
}

const REDOC_LOGO_URL = 'https://cdn.redoc.ly/redoc/logo-mini.svg';

interface Asset {
  type: string;
  body: Buffer | string;
}

const DISCLAIMER_BANNER =
  '<p style="margin:0;padding:8px 16px;background:#fff3cd;color:#664d03;font:14px/1.4 system-ui,sans-serif;border-bottom:1px solid #ffe69c">' +
  '⚠️ For educational and research purposes only. Not for medical diagnosis. Not approved for clinical use.</p>';

const page = (title: string, head: string, body: string) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body style="margin:0">
${DISCLAIMER_BANNER}
${body}
</body>
</html>
`;

// Everything the two pages load comes from npm packages and this server: no CDN, no fonts,
// so the docs work on a hospital network with no way out.
const assetLoaders = ({ swaggerUiDir: swaggerDir, redocDir }: DocsAssets): Record<string, () => Asset> => ({
  'swagger-ui.css': () => ({ type: 'text/css; charset=utf-8', body: readFileSync(join(swaggerDir, 'swagger-ui.css')) }),
  'swagger-ui-bundle.js': () => ({
    type: 'application/javascript; charset=utf-8',
    body: readFileSync(join(swaggerDir, 'swagger-ui-bundle.js')),
  }),
  'swagger-init.js': () => ({
    type: 'application/javascript; charset=utf-8',
    // validatorUrl null: the default badge would call validator.swagger.io.
    body: `window.ui = SwaggerUIBundle({ url: './openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`,
  }),
  'redoc.standalone.js': () => ({
    type: 'application/javascript; charset=utf-8',
    // The bundle's one hard-coded outside URL is Redocly's logo in the sidebar; pointing it at
    // an empty data URL makes the component's onError hide it, so the page calls no CDN.
    body: readFileSync(join(redocDir, 'bundles', 'redoc.standalone.js'), 'utf8').replace(REDOC_LOGO_URL, 'data:,'),
  }),
});

const SWAGGER_PAGE = page(
  'Breast Cancer Detection API - Swagger UI',
  '<link rel="stylesheet" href="./docs/swagger-ui.css">',
  '<div id="swagger-ui"></div>\n<script src="./docs/swagger-ui-bundle.js"></script>\n<script src="./docs/swagger-init.js"></script>',
);

const REDOC_PAGE = page(
  'Breast Cancer Detection API - ReDoc',
  '',
  '<redoc spec-url="./openapi.json" disable-search="false" hide-download-button="false"></redoc>\n<script src="./docs/redoc.standalone.js"></script>',
);

/**
 * Adds the documentation: Swagger UI at `/`, ReDoc at `/redoc`, the spec as JSON and YAML, and
 * the pages' scripts from `assets` (without them, `/docs/*` answers 404 and the pages stay blank).
 */
export function registerDocsRoutes(router: Router, assets: DocsAssets | undefined): void {
  const ASSETS = assets ? assetLoaders(assets) : {};
  const cache = new Map<string, Asset>();
  const openapiJson = JSON.stringify(openapiDocument);

  const pages: Array<[path: string, type: string, body: string]> = [
    ['/', 'text/html; charset=utf-8', SWAGGER_PAGE],
    ['/redoc', 'text/html; charset=utf-8', REDOC_PAGE],
    ['/openapi.json', 'application/json; charset=utf-8', openapiJson],
    ['/openapi.yaml', 'application/yaml; charset=utf-8', openapiYaml],
  ];
  for (const [path, type, body] of pages) {
    router.get(path, (ctx) => {
      ctx.type = type;
      ctx.body = body;
    });
  }
  router.get('/docs/:asset', (ctx) => {
    const name = ctx.params.asset ?? '';
    const load = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!load) {
      throw new ApiError(
        'NOT_FOUND',
        assets ? `No documentation asset named '${name.slice(0, 100)}'.` : 'This server was composed without the documentation assets.',
      );
    }
    let asset = cache.get(name);
    if (!asset) {
      asset = load();
      cache.set(name, asset);
    }
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.type = asset.type;
    ctx.body = asset.body;
  });
}

import { fileURLToPath } from 'node:url';
import { defaultModelDir } from '@bcd-api/default-model';
import { demoDir } from '@bcd-api/demo';
import {
  type ConfigDefaults,
  loadConfig as loadLibraryConfig,
  type RunningServer,
  type ServerAssets,
  type ServerConfig,
  type StartOptions,
  startServer as startLibraryServer,
} from '@bcd-api/http';

// The docs' bundles, copied out of `swagger-ui-dist` and `redoc` by the build
// (scripts/copy-docs-assets.mjs): an install carries their 3 MB of files, not ReDoc's 30 MB of
// dependencies. `../dist/` is this package's dist folder from src/ (the tests) and from the
// bundle in dist/ alike.
const docsAssets = (folder: string) => fileURLToPath(new URL(`../dist/docs-assets/${folder}/`, import.meta.url));

/** What this app composes into the library's server: the default model, the docs' scripts and the demo page. */
export const SERVER_ASSETS: ServerAssets = {
  docs: {
    swaggerUiDir: docsAssets('swagger-ui'),
    redocDir: docsAssets('redoc'),
  },
  demoDir,
};

const DEFAULTS: ConfigDefaults = { modelDir: defaultModelDir };

/**
 * The settings from the environment, as `@bcd-api/http`'s `loadConfig` reads them, with the
 * embedded default model where MODEL_DIR is unset.
 *
 * @example
 * const config = loadConfig({ PORT: '8080' });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  return loadLibraryConfig(env, DEFAULTS);
}

/**
 * Starts the full server: the API with the docs at `/` and `/redoc` and the demo page at `/demo`.
 *
 * @example
 * const running = await startServer(loadConfig());
 */
export function startServer(config: ServerConfig, options: Omit<StartOptions, 'assets'> = {}): Promise<RunningServer> {
  return startLibraryServer(config, { ...options, assets: SERVER_ASSETS });
}

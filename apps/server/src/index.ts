// @bcd-api/server: the app. It composes `@bcd-api/http` (the HTTP layer as a library) with the
// default model, the docs' scripts and the demo page, and holds the `bcd-api-server` bin.

export {
  ConfigError,
  DISCLAIMER,
  type LogLevel,
  type RunningServer,
  type ServerConfig,
  type StartOptions,
} from '@bcd-api/http';
export { loadConfig, SERVER_ASSETS, startServer } from './compose.js';

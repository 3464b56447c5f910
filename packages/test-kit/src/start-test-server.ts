import { onTestFinished } from 'vitest';
import { tinyModelDir } from './fixtures.js';
import { openForSuite } from './open-for-suite.js';

/**
 * What the kit needs of `@bcd-api/server`, passed in by the caller: the server's own tests use
 * the kit, so the kit cannot depend on the server (turbo refuses a dependency cycle).
 */
export interface ServerApi<Config, Running extends { model: { ready: Promise<unknown> } }, Options> {
  loadConfig(env: Record<string, string>): Config;
  startServer(config: Config, options?: Options): Promise<Running>;
}

/** Test servers started through one server module. */
export interface ServerKit<Running, Options> {
  /**
   * Starts the real server in this process on a free loopback port with the tiny model (unless
   * `env` says otherwise) and no log; resolves once the model has loaded or failed to.
   */
  startTestServer(env?: Record<string, string>, options?: Options): Promise<Running>;
  /**
   * A test server (as {@link startTestServer} starts it) for the current test only: closed when
   * the test finishes, passed or failed. Call it inside a test.
   */
  startForTest(env?: Record<string, string>, options?: Options): Promise<Running>;
  /**
   * A test server (as {@link startTestServer} starts it) for the tests of the enclosing suite,
   * or of the file at top level: started before them, closed after them; read it through the
   * getter returned (see `openForSuite`).
   */
  serverForSuite(env?: Record<string, string>, options?: Options): () => Running;
}

/**
 * Binds the kit's server helpers to the server's functions: from `@bcd-api/server` in other
 * packages, from `../src/index.js` in the server's own tests.
 *
 * @example
 * import { loadConfig, startServer } from '@bcd-api/server';
 * const { startTestServer, serverForSuite } = createServerKit({ loadConfig, startServer });
 * const server = await startTestServer({ MAX_FILE_BYTES: '2048' });
 * // or, closed when the test ends:
 * const small = await startForTest({ MAX_FILE_BYTES: '2048' });
 * // or, for every test of a suite:
 * const small = serverForSuite({ MAX_FILE_BYTES: '2048' });
 */
export function createServerKit<Config, Running extends { model: { ready: Promise<unknown> }; close(): unknown }, Options>(
  api: ServerApi<Config, Running, Options>,
): ServerKit<Running, Options> {
  const startTestServer = async (env: Record<string, string> = {}, options?: Options): Promise<Running> => {
    // No grace period: tests close servers they are done with, and nothing routes to them.
    const config = api.loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      MODEL_DIR: tinyModelDir,
      LOG_LEVEL: 'silent',
      SHUTDOWN_GRACE_MS: '0',
      ...env,
    });
    const running = await api.startServer(config, options);
    await running.model.ready;
    return running;
  };
  return {
    startTestServer,
    async startForTest(env, options) {
      const running = await startTestServer(env, options);
      onTestFinished(async () => {
        await running.close();
      });
      return running;
    },
    serverForSuite: (env, options) => openForSuite(() => startTestServer(env, options)),
  };
}

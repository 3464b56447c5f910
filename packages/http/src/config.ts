import { inferencePlan } from '@bcd-api/core';
import { loadPacsConfig, type PacsConfig, PacsConfigError } from './pacs/pacs-config.js';

/** Server settings, read from the environment by {@link loadConfig}. */
export interface ServerConfig {
  /** TCP port (PORT, default 7860 as the original). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0). */
  host: string;
  /** Model folder with manifest.json (MODEL_DIR, default: the composing app's, e.g. the embedded default model). */
  modelDir: string;
  /** Inference worker threads (INFERENCE_WORKERS; default from the usable cores, cgroup quota included: 2 on 2 cores, at most 8). */
  inferenceWorkers: number;
  /** Threads each inference worker may use inside the engine (INFERENCE_THREADS; default from the usable cores: 1 on 2 cores). */
  inferenceThreads: number;
  /**
   * Threads for a forward pass that runs alone, no other pass running or waiting
   * (INFERENCE_SOLO_THREADS; default the usable cores up to 8, 2 on 2 cores; at most
   * INFERENCE_THREADS turns it off).
   */
  inferenceSoloThreads: number;
  /** Largest accepted file in bytes (MAX_FILE_BYTES, default 50 MiB). */
  maxFileBytes: number;
  /**
   * Largest accepted request body in bytes (MAX_REQUEST_BYTES, default 100 MiB): checked from
   * Content-Length before reading, and counted as a chunked body arrives.
   */
  maxRequestBytes: number;
  /** Largest accepted image in pixels, checked from its header (MAX_IMAGE_PIXELS, default 100 million). */
  maxImagePixels: number;
  /** Allowed CORS origins (CORS_ORIGINS, comma-separated, default `*` as the original). */
  corsOrigins: '*' | string[];
  /** Minimum log level (LOG_LEVEL: debug, info, warn, error, silent; default info). */
  logLevel: LogLevel;
  /** Prediction requests in progress beyond which new ones get 503 OVERLOADED at once (MAX_PENDING_REQUESTS, default 32). */
  maxPendingRequests: number;
  /** Deadline of one prediction request in ms; past it: 503 TIMEOUT (REQUEST_TIMEOUT_MS, default 30000). */
  requestTimeoutMs: number;
  /** A forward pass taking longer than this in ms is a hung worker, replaced (INFERENCE_TIMEOUT_MS, default 20000). */
  inferenceTimeoutMs: number;
  /**
   * After SIGTERM, how long the listener stays open in ms, answering late arrivals with 503
   * SHUTTING_DOWN while load balancers catch up (SHUTDOWN_GRACE_MS, default 5000).
   */
  shutdownGraceMs: number;
  /** After the grace period, how long accepted requests get to finish in ms (SHUTDOWN_TIMEOUT_MS, default 10000). */
  shutdownTimeoutMs: number;
  /**
   * Upload bytes held in memory at once, across requests (MAX_BUFFERED_BYTES, default 128 MiB,
   * at least MAX_REQUEST_BYTES). A request that does not fit waits briefly, then gets 503 OVERLOADED.
   */
  maxBufferedBytes: number;
  /**
   * Images per forward pass: a batch runs in passes of at most this many, spread over the
   * workers (INFERENCE_BATCH_SIZE, default 1). Each image of a pass costs activation memory in
   * every worker; per-image speed does not depend on it for the default model.
   */
  inferenceBatchSize: number;
  /** API keys; empty means no authentication, as the original (API_KEYS, comma-separated). */
  apiKeys: string[];
  /** Whether `GET /metrics` serves Prometheus metrics and requests are counted (METRICS_ENABLED, default true). */
  metricsEnabled: boolean;
  /**
   * Whether `GET /metrics` needs one of API_KEYS like the predictions (METRICS_REQUIRE_KEY,
   * default false: scrapers usually run inside the cluster, without a key).
   */
  metricsRequireKey: boolean;
  /**
   * What happens to an upload that is not a mammogram (INPUT_CHECK, default refuse): `refuse`
   * answers 422 NOT_A_MAMMOGRAM, `warn` gives the verdict with a warning, `off` checks nothing.
   */
  inputCheck: InputCheckMode;
  /**
   * The cancer prevalence of the population served, e.g. 0.007 (SCREENING_PREVALENCE, unset by
   * default): each `screening` of an answer adds the malignant probability re-calibrated to it,
   * and `GET /model` the operating points' predictive values at it. Needs a model with screening
   * operating points; the seed-compatible fields never change.
   */
  screeningPrevalence?: number;
  /** The PACS node: the DICOMweb server to analyse studies from and store results into (DICOMWEB_URL and its settings); undefined when unset. */
  pacs?: PacsConfig;
}

/** The settings that shape a prediction's answer beyond the model: INPUT_CHECK and SCREENING_PREVALENCE. */
export type AnswerSettings = Pick<ServerConfig, 'inputCheck' | 'screeningPrevalence'>;

/** The INPUT_CHECK setting. */
export type InputCheckMode = 'refuse' | 'warn' | 'off';

const INPUT_CHECK_MODES: readonly InputCheckMode[] = ['refuse', 'warn', 'off'];
const isInputCheckMode = (value: string): value is InputCheckMode => INPUT_CHECK_MODES.some((mode) => mode === value);

/** Levels the logger knows, quietest last. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const isLogLevel = (value: string): value is LogLevel => LOG_LEVELS.some((level) => level === value);

/** Thrown when an environment variable has a value the server cannot use. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

/** A prevalence: a number strictly between 0 and 1; undefined when unset. */
function prevalence(env: Env, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!(value > 0 && value < 1)) {
    throw new ConfigError(`${key} must be a number between 0 and 1, exclusive, e.g. 0.007 for 0.7 % (got "${raw}").`);
  }
  return value;
}

function boolean(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${key} must be true or false (got "${raw}").`);
}

/** What the composing app supplies where the environment is silent. */
export interface ConfigDefaults {
  /** The model folder when MODEL_DIR is unset (`@bcd-api/server`: the embedded default model). */
  modelDir?: string;
}

/**
 * Reads and validates the server's settings from environment variables. Throws a
 * ConfigError whose message names the variable and the accepted values.
 *
 * @example
 * const config = loadConfig({ PORT: '8080' });
 */
export function loadConfig(env: Env = process.env, defaults: ConfigDefaults = {}): ServerConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent (got "${env.LOG_LEVEL}").`);
  }
  const rawOrigins = (env.CORS_ORIGINS ?? '*').trim();
  let corsOrigins: ServerConfig['corsOrigins'] = '*';
  if (rawOrigins !== '*') {
    corsOrigins = rawOrigins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of corsOrigins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin) {
        throw new ConfigError(
          `CORS_ORIGINS must be "*" or a comma-separated list of origins like https://app.example.org (bad entry: "${origin}").`,
        );
      }
    }
    if (corsOrigins.length === 0) throw new ConfigError('CORS_ORIGINS is empty; use "*" or a list of origins.');
  }
  const inputCheck = (env.INPUT_CHECK ?? 'refuse').trim().toLowerCase() || 'refuse';
  if (!isInputCheckMode(inputCheck)) {
    throw new ConfigError(`INPUT_CHECK must be one of refuse, warn, off (got "${env.INPUT_CHECK}").`);
  }
  const host = (env.HOST ?? '0.0.0.0').trim();
  if (host === '') throw new ConfigError('HOST must not be empty.');
  const modelDir = (env.MODEL_DIR ?? '').trim() || defaults.modelDir;
  if (!modelDir) throw new ConfigError('MODEL_DIR is not set, and this server has no default model: set it to a model folder.');
  const maxRequestBytes = integer(env, 'MAX_REQUEST_BYTES', 100 * 1024 * 1024, 1024, 10 * 1024 * 1024 * 1024);
  const maxBufferedBytes = integer(env, 'MAX_BUFFERED_BYTES', Math.max(128 * 1024 * 1024, maxRequestBytes), 1024, 64 * 1024 * 1024 * 1024);
  // A request the budget can never hold would wait and be refused forever.
  if (maxBufferedBytes < maxRequestBytes) {
    throw new ConfigError(`MAX_BUFFERED_BYTES (${maxBufferedBytes}) must be at least MAX_REQUEST_BYTES (${maxRequestBytes}).`);
  }
  const screeningPrevalence = prevalence(env, 'SCREENING_PREVALENCE');
  const pacs = pacsConfig(env);
  // From the cores this process may use, cgroup quota included (2 workers x 1 thread on 2 cores).
  const plan = inferencePlan();
  const inferenceThreads = integer(env, 'INFERENCE_THREADS', plan.threads, 1, 64);
  return {
    port: integer(env, 'PORT', 7860, 0, 65535),
    host,
    modelDir,
    inferenceWorkers: integer(env, 'INFERENCE_WORKERS', plan.workers, 1, 64),
    inferenceThreads,
    inferenceSoloThreads: integer(env, 'INFERENCE_SOLO_THREADS', Math.max(inferenceThreads, plan.soloThreads), 1, 64),
    maxFileBytes: integer(env, 'MAX_FILE_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxRequestBytes,
    maxImagePixels: integer(env, 'MAX_IMAGE_PIXELS', 100_000_000, 10_000, 1_000_000_000),
    corsOrigins,
    logLevel,
    maxPendingRequests: integer(env, 'MAX_PENDING_REQUESTS', 32, 1, 10_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    inferenceTimeoutMs: integer(env, 'INFERENCE_TIMEOUT_MS', 20_000, 100, 600_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 5_000, 0, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    maxBufferedBytes,
    inferenceBatchSize: integer(env, 'INFERENCE_BATCH_SIZE', 1, 1, 10),
    apiKeys: parseApiKeys(env.API_KEYS),
    metricsEnabled: boolean(env, 'METRICS_ENABLED', true),
    metricsRequireKey: boolean(env, 'METRICS_REQUIRE_KEY', false),
    inputCheck,
    ...(screeningPrevalence === undefined ? {} : { screeningPrevalence }),
    ...(pacs === undefined ? {} : { pacs }),
  };
}

function pacsConfig(env: Env): PacsConfig | undefined {
  try {
    return loadPacsConfig(env);
  } catch (error) {
    if (error instanceof PacsConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

function parseApiKeys(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const keys = raw.split(',').map((k) => k.trim());
  for (const key of keys) {
    if (!/^[\x21-\x7e]{16,256}$/.test(key)) {
      throw new ConfigError('API_KEYS must be a comma-separated list of keys of 16 to 256 printable characters without spaces.');
    }
  }
  return keys;
}

import { inferencePlan } from '@bcd-api/core';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig as loadLibraryConfig } from '../src/config.js';

// The library has no model of its own: the tests compose one in, as an app does.
const loadConfig = (env: Record<string, string>) => loadLibraryConfig(env, { modelDir: '/models/composed' });

describe('loadConfig', () => {
  test('defaults to the original port, all interfaces, open CORS and the composing app’s model', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      modelDir: '/models/composed',
      port: 7860,
      host: '0.0.0.0',
      corsOrigins: '*',
      inferenceWorkers: inferencePlan().workers,
      inferenceThreads: inferencePlan().threads,
      inferenceSoloThreads: inferencePlan().soloThreads,
      logLevel: 'info',
      inputCheck: 'refuse',
    });
  });

  test('takes MODEL_DIR over the composing app’s model, and refuses to start with neither', () => {
    expect(loadConfig({ MODEL_DIR: ' /models/mine ' }).modelDir).toBe('/models/mine');
    expect(() => loadLibraryConfig({})).toThrow(ConfigError);
    expect(() => loadLibraryConfig({ MODEL_DIR: ' ' })).toThrow(/^MODEL_DIR is not set, and this server has no default model/);
  });

  test('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      MODEL_DIR: '/models/mine',
      INFERENCE_WORKERS: '4',
      INFERENCE_THREADS: '1',
      INFERENCE_SOLO_THREADS: '3',
      MAX_FILE_BYTES: '1048576',
      MAX_REQUEST_BYTES: '4194304',
      MAX_IMAGE_PIXELS: '20000000',
      CORS_ORIGINS: 'https://a.example, http://localhost:3000',
      LOG_LEVEL: 'WARN',
      SHUTDOWN_GRACE_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '2000',
      MAX_BUFFERED_BYTES: '8388608',
      INFERENCE_BATCH_SIZE: '4',
      INPUT_CHECK: 'Warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      modelDir: '/models/mine',
      inferenceWorkers: 4,
      inferenceThreads: 1,
      inferenceSoloThreads: 3,
      maxFileBytes: 1048576,
      maxRequestBytes: 4194304,
      maxImagePixels: 20000000,
      corsOrigins: ['https://a.example', 'http://localhost:3000'],
      logLevel: 'warn',
      shutdownGraceMs: 0,
      shutdownTimeoutMs: 2000,
      maxBufferedBytes: 8388608,
      inferenceBatchSize: 4,
      inputCheck: 'warn',
    });
  });

  test('the upload budget defaults to 128 MiB, and never below MAX_REQUEST_BYTES', () => {
    expect(loadConfig({}).maxBufferedBytes).toBe(128 * 1024 * 1024);
    expect(loadConfig({ MAX_REQUEST_BYTES: String(300 * 1024 * 1024) }).maxBufferedBytes).toBe(300 * 1024 * 1024);
    expect(loadConfig({}).shutdownGraceMs).toBe(5000);
  });

  test.each([
    [{ PORT: 'eighty' }, /PORT must be an integer from 0 to 65535 \(got "eighty"\)/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ INFERENCE_WORKERS: '0' }, /INFERENCE_WORKERS must be an integer from 1/],
    [{ MAX_FILE_BYTES: '1.5' }, /MAX_FILE_BYTES must be an integer/],
    [{ CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS must be "\*" or a comma-separated list of origins.*"not a url"/],
    [{ CORS_ORIGINS: 'https://a.example/path' }, /bad entry: "https:\/\/a.example\/path"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ INPUT_CHECK: 'strict' }, /INPUT_CHECK must be one of refuse, warn, off \(got "strict"\)/],
    [{ MAX_BUFFERED_BYTES: '2048', MAX_REQUEST_BYTES: '4096' }, /MAX_BUFFERED_BYTES \(2048\) must be at least MAX_REQUEST_BYTES \(4096\)/],
    [{ INFERENCE_BATCH_SIZE: '11' }, /INFERENCE_BATCH_SIZE must be an integer from 1 to 10/],
    [{ SHUTDOWN_GRACE_MS: '-1' }, /SHUTDOWN_GRACE_MS must be an integer from 0/],
    [
      { SCREENING_PREVALENCE: '0.7%' },
      /^SCREENING_PREVALENCE must be a number between 0 and 1, exclusive, e\.g\. 0\.007 for 0\.7 % \(got "0\.7%"\)\.$/,
    ],
    [{ SCREENING_PREVALENCE: '0' }, /SCREENING_PREVALENCE must be a number between 0 and 1/],
    [{ SCREENING_PREVALENCE: '1' }, /SCREENING_PREVALENCE must be a number between 0 and 1/],
    [{ SCREENING_PREVALENCE: '7' }, /SCREENING_PREVALENCE must be a number between 0 and 1, .*\(got "7"\)/],
    [{ SCREENING_PREVALENCE: 'low' }, /SCREENING_PREVALENCE must be a number between 0 and 1/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('METRICS_ENABLED and METRICS_REQUIRE_KEY', () => {
  test('default to true and false, and take true/false/1/0 in any case', () => {
    expect(loadConfig({})).toMatchObject({ metricsEnabled: true, metricsRequireKey: false });
    expect(loadConfig({ METRICS_ENABLED: 'FALSE', METRICS_REQUIRE_KEY: '1' })).toMatchObject({
      metricsEnabled: false,
      metricsRequireKey: true,
    });
    expect(loadConfig({ METRICS_ENABLED: '0', METRICS_REQUIRE_KEY: ' True ' })).toMatchObject({
      metricsEnabled: false,
      metricsRequireKey: true,
    });
  });

  test.each(['METRICS_ENABLED', 'METRICS_REQUIRE_KEY'])('refuses %s=yes with a ConfigError naming it', (name) => {
    expect(() => loadConfig({ [name]: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: 'yes' })).toThrow(new RegExp(`^${name} must be true or false \\(got "yes"\\)`));
  });
});

describe('SCREENING_PREVALENCE', () => {
  test('is unset by default: the config has no screening prevalence at all', () => {
    expect(loadConfig({})).not.toHaveProperty('screeningPrevalence');
    expect(loadConfig({ SCREENING_PREVALENCE: ' ' })).not.toHaveProperty('screeningPrevalence');
  });

  test('takes a share between 0 and 1', () => {
    expect(loadConfig({ SCREENING_PREVALENCE: '0.007' }).screeningPrevalence).toBe(0.007);
    expect(loadConfig({ SCREENING_PREVALENCE: ' 5e-3 ' }).screeningPrevalence).toBe(0.005);
  });
});

import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadPacsConfig } from '../../src/pacs/pacs-config.js';

const URL = 'http://127.0.0.1:8042/dicom-web';

describe('loadPacsConfig', () => {
  test('is off without DICOMWEB_URL', () => {
    expect(loadPacsConfig({})).toBeUndefined();
    expect(loadConfig({}, { modelDir: '/m' }).pacs).toBeUndefined();
  });

  test('defaults to the Comprehensive SR, a 30 s request limit, no auth and no watch mode', () => {
    expect(loadPacsConfig({ DICOMWEB_URL: `${URL}/` })).toEqual({
      dicomWebUrl: URL,
      headers: {},
      timeoutMs: 30_000,
      srClass: 'comprehensive',
    });
  });

  test('reads the watch mode, its interval and the stable age in seconds', () => {
    expect(loadPacsConfig({ DICOMWEB_URL: URL, PACS_WATCH: 'on' })?.watch).toEqual({ intervalMs: 30_000, stableMs: 60_000 });
    const config = loadPacsConfig({ DICOMWEB_URL: URL, PACS_WATCH: 'true', PACS_WATCH_INTERVAL_SECONDS: '0.5', PACS_STABLE_SECONDS: '2' });
    expect(config?.watch).toEqual({ intervalMs: 500, stableMs: 2_000 });
    expect(loadPacsConfig({ DICOMWEB_URL: URL, PACS_WATCH: 'off' })?.watch).toBeUndefined();
  });

  test('sends a bearer token, or Basic credentials, never both', () => {
    expect(loadPacsConfig({ DICOMWEB_URL: URL, DICOMWEB_TOKEN: 'abc' })?.headers).toEqual({ authorization: 'Bearer abc' });
    expect(loadPacsConfig({ DICOMWEB_URL: URL, DICOMWEB_USERNAME: 'ai', DICOMWEB_PASSWORD: 'p:w' })?.headers).toEqual({
      authorization: `Basic ${Buffer.from('ai:p:w').toString('base64')}`,
    });
    expect(() => loadPacsConfig({ DICOMWEB_URL: URL, DICOMWEB_TOKEN: 'a', DICOMWEB_USERNAME: 'b' })).toThrow(/not both/);
    expect(() => loadPacsConfig({ DICOMWEB_URL: URL, DICOMWEB_PASSWORD: 'p' })).toThrow(/without DICOMWEB_USERNAME/);
    expect(() => loadPacsConfig({ DICOMWEB_URL: URL, DICOMWEB_USERNAME: 'a:b' })).toThrow(/colon/);
  });

  test('takes the 3D SR class, which some viewers want', () => {
    expect(loadPacsConfig({ DICOMWEB_URL: URL, DICOM_SR_CLASS: 'Comprehensive-3D' })?.srClass).toBe('comprehensive-3d');
  });

  test.each([
    [{ DICOMWEB_URL: 'not a url' }, /DICOMWEB_URL must be an http or https URL/],
    [{ DICOMWEB_URL: 'ftp://pacs/dicom-web' }, /DICOMWEB_URL must be an http or https URL/],
    [{ DICOMWEB_URL: 'http://user:secret@pacs/dicom-web' }, /must not carry credentials/],
    [{ PACS_WATCH: 'on' }, /PACS_WATCH=on needs DICOMWEB_URL/],
    [{ DICOMWEB_URL: URL, PACS_WATCH: 'sometimes' }, /PACS_WATCH must be on or off/],
    [{ DICOMWEB_URL: URL, DICOM_SR_CLASS: 'basic' }, /DICOM_SR_CLASS must be comprehensive/],
    [{ DICOMWEB_URL: URL, DICOMWEB_TIMEOUT_SECONDS: '0' }, /DICOMWEB_TIMEOUT_SECONDS must be a number of seconds from 1 to 600/],
    [{ DICOMWEB_URL: URL, PACS_WATCH: 'on', PACS_STABLE_SECONDS: 'soon' }, /PACS_STABLE_SECONDS/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadPacsConfig(env)).toThrow(message);
    // The server's loader reports it as its own ConfigError, which the bin turns into exit 2.
    expect(() => loadConfig(env, { modelDir: '/m' })).toThrow(ConfigError);
  });
});

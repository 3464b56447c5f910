import { afterEach, expect, test, vi } from 'vitest';
import { miniMiasLookup, warnSkipped } from '../src/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

test('a test skipped for want of the mini-MIAS films fails the run in CI', () => {
  vi.stubEnv('CI', 'true');
  expect(() => warnSkipped('the example')).toThrow(
    `CI must have the mini-MIAS films for the example: ${miniMiasLookup}/images/mdb001.png not found`,
  );
});

test('a test skipped for want of the mini-MIAS films says so loudly outside CI', () => {
  vi.stubEnv('CI', '');
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  warnSkipped('the example');
  expect(warn).toHaveBeenCalledWith(
    expect.stringMatching(/\*\*\* SKIPPED: the example: .+mdb001\.png not found \(set MINI_MIAS_DIR\)\. CI has it\. \*\*\*/),
  );
});

import { afterEach, expect, test, vi } from 'vitest';
import { requireInCi } from '../src/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

test('something missing that CI installs fails the run in CI, and is a loud skip elsewhere', () => {
  vi.stubEnv('CI', 'true');
  expect(() => requireInCi(false, 'python3-torch', 'apt-get install python3-torch')).toThrow(
    'CI must have python3-torch (apt-get install python3-torch)',
  );
  expect(requireInCi(true, 'python3-torch', 'apt-get install python3-torch')).toBe(true);
  vi.stubEnv('CI', '');
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(requireInCi(false, 'python3-torch', 'apt-get install python3-torch')).toBe(false);
  expect(warn).toHaveBeenCalledWith(
    expect.stringContaining('*** SKIPPED: tests that need python3-torch: apt-get install python3-torch. ***'),
  );
});

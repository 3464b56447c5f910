// The app's settings: the library's loadConfig with this app's default model, and the bin's
// answer to a bad one.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultModelDir } from '@bcd-api/default-model';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/index.js';

test('loadConfig serves the embedded default model where MODEL_DIR is unset, and MODEL_DIR where it is set', () => {
  expect(loadConfig({}).modelDir).toBe(defaultModelDir);
  expect(loadConfig({}).modelDir).toMatch(/default-model[\\/]model[\\/]?$/);
  expect(loadConfig({ MODEL_DIR: '/models/mine' }).modelDir).toBe('/models/mine');
});

test('the server refuses a bad setting at start with exit code 2 and a clear message', async () => {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [main], { env: { ...process.env, PORT: 'abc' } }, (error, _stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
    child.stdin?.end();
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('Configuration error: PORT must be an integer from 0 to 65535 (got "abc").\n');
});

// CI only checks that the benchmark runs, on its tiny --smoke setting (figures meaningless).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tinyModelDir } from '@bcd-api/test-kit';
import { expect, test } from 'vitest';

test('the benchmark script runs end to end on its smoke setting', async () => {
  const script = fileURLToPath(new URL('../bench/bench.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--smoke'], {
    env: { ...process.env, MODEL_DIR: tinyModelDir },
    timeout: 120_000,
  });
  expect(stdout).toMatch(/### Floor/);
  expect(stdout).toMatch(/\| \/predict \| 8 \|/);
  expect(stdout).toMatch(/Start-up to ready .*: \d+\.\d ms/);
}, 150_000);

test('the heatmap benchmark runs end to end on its smoke setting', async () => {
  const script = fileURLToPath(new URL('../bench/explain.mjs', import.meta.url));
  // The default model: the only one here with a score map worth timing.
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--smoke'], {
    env: { ...process.env, MODEL_DIR: '' },
    timeout: 120_000,
  });
  expect(stdout).toMatch(/\| 3328x4096 16-bit grey PNG \| 1 \| \d+ ms \| \d+ ms \(\+-?\d+\) \| \d+ ms \(\+-?\d+\) \|/);
}, 150_000);

test("the input check's cost benchmark runs end to end on its smoke setting", async () => {
  const script = fileURLToPath(new URL('../bench/input-check.mjs', import.meta.url));
  // The default model: the one with a typicality output.
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--smoke'], {
    env: { ...process.env, MODEL_DIR: '' },
    timeout: 120_000,
  });
  const result = JSON.parse(stdout) as { typicality: boolean; rows: Array<{ image: string; decode_ms: number; total_ms: number }> };
  expect(result.typicality).toBe(true);
  expect(result.rows.map((r) => r.image)).toHaveLength(4);
  for (const row of result.rows) expect(row.total_ms).toBeGreaterThan(row.decode_ms);
}, 150_000);

// CI only checks that the benchmark runs, on its tiny --smoke setting (figures meaningless).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tinyModelDir } from '@bcd-api/test-kit';
import { expect, test } from 'vitest';

/** Runs `bench/<script> --smoke` with MODEL_DIR (empty: the default model) and returns what it printed. */
async function smoke(script: string, modelDir: string): Promise<string> {
  const path = fileURLToPath(new URL(`../bench/${script}`, import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [path, '--smoke'], {
    env: { ...process.env, MODEL_DIR: modelDir },
    timeout: 120_000,
  });
  return stdout;
}

// Both input shapes: the tiny fixture's three-channel RGB and the default model's one grey channel.
test.each([
  ['the tiny RGB model', tinyModelDir],
  ['the default grey model', ''],
])(
  'the benchmark script runs end to end on its smoke setting with %s',
  async (_, modelDir) => {
    const stdout = await smoke('bench.mjs', modelDir);
    expect(stdout).toMatch(/### The floor: .*\n\n\| decode p50 ms/);
    expect(stdout).toMatch(/\| \/predict at concurrency 8 >= 0\.85x the floor's images\/s \| \d/);
    expect(stdout).toMatch(/\| \/predict \| 8 \|/);
    expect(stdout).toMatch(
      /### The floor behind HTTP: .*\n\n\| concurrency \| images\/s .*\n\|---.*\n\| 1 \| \d+\.\d \| .*\n\| 8 \| \d+\.\d \| /,
    );
    expect(stdout).toMatch(/At concurrency 8 the server spent \d+\.\d ms of CPU on an image and the floor behind HTTP \d+\.\d/);
    expect(stdout).toMatch(/bounds concurrency 8 at \d\.\d\dx the floor/);
    expect(stdout).toMatch(/\(\d+ for a pass that runs alone\)/);
    expect(stdout).toMatch(/Start-up to ready .*: \d+\.\d ms/);
  },
  150_000,
);

test('the heatmap benchmark runs end to end on its smoke setting', async () => {
  // The default model: the only one here with a score map worth timing.
  const stdout = await smoke('explain.mjs', '');
  expect(stdout).toMatch(/\| 3328x4096 16-bit grey PNG \| 1 \| \d+ ms \| \d+ ms \(\+-?\d+\) \| \d+ ms \(\+-?\d+\) \|/);
}, 150_000);

test("the input check's cost benchmark runs end to end on its smoke setting", async () => {
  // The default model: the one with a typicality output.
  const result = JSON.parse(await smoke('input-check.mjs', '')) as {
    typicality: boolean;
    rows: Array<{ image: string; decode_ms: number; total_ms: number }>;
  };
  expect(result.typicality).toBe(true);
  expect(result.rows.map((r) => r.image)).toHaveLength(4);
  for (const row of result.rows) expect(row.total_ms).toBeGreaterThan(row.decode_ms);
}, 150_000);

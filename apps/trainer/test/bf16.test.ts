// fit.py's bfloat16 training (issue 22's experiments, screening/fold_experiment.py --bf16) with
// the Python `pnpm train` runs: Debian's torch 1.13 has no bfloat16 backward for nn.ReLU6, so the
// network's ReLU6 is a clamp; this checks it gives the same values and that a tiny fit trains.
import { pythonHas, requireInCi } from '@bcd-api/test-kit';
import { expect, test } from 'vitest';
import { run, trainerDir } from './train-smoke.js';

const hasTorch = requireInCi(
  pythonHas('torch', 'numpy'),
  'python3-torch and python3-numpy, for the bfloat16 training check',
  'apt-get install python3-torch python3-numpy',
);

interface Check {
  relu6_max_diff: number;
  losses: number[];
  weights_changed: number;
  weights: number;
  dtypes: string[];
  logits_finite: boolean;
}

test.skipIf(!hasTorch)(
  'trains under bfloat16 autocast with float32 weights, ReLU6 unchanged',
  async () => {
    const { stdout } = await run('/usr/bin/python3', ['bf16_check.py'], { cwd: `${trainerDir}/screening` });
    const check = JSON.parse(stdout.trim().split('\n').at(-1)!) as Check;
    expect(check.relu6_max_diff).toBe(0);
    expect(check.losses).toHaveLength(2);
    for (const loss of check.losses) expect(Number.isFinite(loss)).toBe(true);
    expect(check.weights_changed).toBe(check.weights);
    expect(check.dtypes).toEqual(['torch.float32']);
    expect(check.logits_finite).toBe(true);
  },
  120_000,
);

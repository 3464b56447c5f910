// The sizing model (bench/sizing-model.mjs) against textbook queueing values, and docs/deploy.md's
// "Sizing, from measurements" block against what bench/sizing.mjs prints for the figures in its
// marker line, so that neither the model nor the page can drift.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULTS,
  deploymentAtLoad,
  erlangC,
  type Queue,
  replicaAtLoad,
  replicaFromMeasurements,
  smallestReplicas,
  sojournExceedance,
  sojournPercentile,
  workloadRates,
} from '../bench/sizing-model.mjs';

const script = fileURLToPath(new URL('../bench/sizing.mjs', import.meta.url));
const docsPath = fileURLToPath(new URL('../../../docs/deploy.md', import.meta.url));
const hpaPath = fileURLToPath(new URL('../../../deploy/kubernetes/hpa.yaml', import.meta.url));
const BEGIN = /^<!-- sizing\.mjs output: begin (.*) -->\n/m;
const END = '<!-- sizing.mjs output: end -->';

/** Runs sizing.mjs; a non-zero exit is returned, not thrown. */
async function sizing(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The marker line's arguments and the block after it. */
function docsBlock(text: string): { args: string[]; block: string } {
  const begin = BEGIN.exec(text);
  if (!begin?.[1]) throw new Error('docs/deploy.md has no sizing.mjs begin marker with arguments');
  const start = begin.index + begin[0].length;
  const end = text.indexOf(END, start);
  if (end < 0) throw new Error('docs/deploy.md has no sizing.mjs end marker after the begin marker');
  return { args: begin[1].trim().split(/\s+/), block: text.slice(start, end) };
}

/** ∫ P(T > t) dt = E[T], by Simpson's rule over [0, upTo]. */
function meanFromExceedance(queue: Queue, upTo: number, steps = 20_000): number {
  const h = upTo / steps;
  let sum = sojournExceedance(0, queue) + sojournExceedance(upTo, queue);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * sojournExceedance(i * h, queue);
  return (sum * h) / 3;
}

describe('Erlang C', () => {
  test('matches textbook values', () => {
    // C(2, 1): a^2/2! / (1 - 1/2) = 1 over 1 + 1 + 1 = 3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // C(3, 2): (8/6) / (1/3) = 4 over 1 + 2 + 2 + 4 = 9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  test('is the utilisation for one server (M/M/1), and 1 for an unstable queue', () => {
    for (const rho of [0, 0.1, 0.5, 0.9, 0.99]) expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(4, 5)).toBe(1);
  });

  test('stays a probability for a large number of servers', () => {
    const c = erlangC(500, 480);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });

  test('refuses a fractional number of servers', () => {
    expect(() => erlangC(1.5, 1)).toThrow(RangeError);
  });
});

describe('the sojourn time of M/M/c', () => {
  test('is exponential with rate mu - lambda for M/M/1: its p95 is -ln(0.05) / (mu - lambda)', () => {
    for (const [mu, lambda] of [
      [10, 5],
      [23.5, 14.1],
      [1, 0.99],
    ] as const) {
      const queue = { servers: 1, serviceRate: mu, arrivalRate: lambda };
      expect(sojournPercentile(queue)).toBeCloseTo(-Math.log(0.05) / (mu - lambda), 7);
      expect(sojournExceedance(0.3, queue)).toBeCloseTo(Math.exp(-(mu - lambda) * 0.3), 12);
    }
  });

  test('has the textbook mean: 1 / (mu - lambda) for M/M/1, C / (c mu - lambda) + 1 / mu for M/M/c', () => {
    const mm1 = { servers: 1, serviceRate: 10, arrivalRate: 6 };
    expect(meanFromExceedance(mm1, 10)).toBeCloseTo(1 / 4, 6);
    const mm3 = { servers: 3, serviceRate: 2, arrivalRate: 5 };
    expect(meanFromExceedance(mm3, 40)).toBeCloseTo(erlangC(3, 2.5) / (6 - 5) + 1 / 2, 6);
  });

  test('is the service alone with no load: p95 = -ln(0.05) / mu', () => {
    expect(sojournPercentile({ servers: 4, serviceRate: 5, arrivalRate: 0 })).toBeCloseTo(-Math.log(0.05) / 5, 7);
  });

  test('is exact where the waiting rate equals the service rate: (1 - C) e^-t + C (1 + t) e^-t', () => {
    // c = 2, mu = 1, lambda = 1: c mu - lambda = 1 = mu, where the general formula divides by zero.
    const queue = { servers: 2, serviceRate: 1, arrivalRate: 1 };
    for (const t of [0, 0.5, 2, 7]) {
      expect(sojournExceedance(t, queue)).toBeCloseTo((2 / 3) * Math.exp(-t) + (1 / 3) * (1 + t) * Math.exp(-t), 12);
    }
    const p95 = sojournPercentile(queue);
    expect(sojournExceedance(p95, queue)).toBeCloseTo(0.05, 8);
  });

  test('has no p95 when the queue is unstable', () => {
    expect(sojournPercentile({ servers: 2, serviceRate: 1, arrivalRate: 2 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('a replica from its measurements', () => {
  test('keeps the saturation throughput and is never faster than measured', () => {
    for (const [imagesPerSecond, serviceSeconds] of [
      [23.5, 0.058],
      [18.8, 0.0814],
      [20, 0.1],
      [5, 0.05],
      [120, 0.3],
    ] as const) {
      const r = replicaFromMeasurements({ imagesPerSecond, serviceSeconds });
      expect(r.slots / r.slotServiceSeconds).toBeCloseTo(imagesPerSecond, 9);
      // In every state n the model serves at min(n, c) / slot time; the replica at min(n / s, mu_r).
      for (let n = 1; n <= 2 * r.slots + 2; n++) {
        expect(Math.min(n, r.slots) / r.slotServiceSeconds).toBeLessThanOrEqual(Math.min(n / serviceSeconds, imagesPerSecond) + 1e-9);
      }
    }
    // A product that is whole on paper stays whole: 20 x 0.1 = 2 slots of 100 ms.
    expect(replicaFromMeasurements({ imagesPerSecond: 20, serviceSeconds: 0.1 }).slots).toBe(2);
  });
});

describe('the workload', () => {
  test('spreads a million 4-image exams over 2,500 hours and triples the peak hour', () => {
    const rates = workloadRates({ examsPerYear: 1_000_000, imagesPerExam: 4, hoursPerYear: 2_500, peakFactor: 3 });
    expect(rates.imagesPerYear).toBe(4_000_000);
    expect(rates.meanPerSecondOpen).toBeCloseTo(4_000_000 / 9_000_000, 12);
    expect(rates.peakPerSecond).toBeCloseTo(4 / 3, 12);
    expect(rates.meanPerSecondYear).toBeCloseTo(4_000_000 / 31_536_000, 12);
  });
});

describe('the replica count', () => {
  const replica = replicaFromMeasurements({ imagesPerSecond: 23.5, serviceSeconds: 0.058 });

  test('lowers the p95 and the utilisation with every replica added', () => {
    let previous = deploymentAtLoad(replica, 60, 3);
    for (let n = 4; n <= 20; n++) {
      const at = deploymentAtLoad(replica, 60, n);
      expect(at.percentileSeconds).toBeLessThan(previous.percentileSeconds);
      expect(at.utilisation).toBeLessThan(previous.utilisation);
      previous = at;
    }
  });

  test('is the smallest count within both the HPA target and the p95 objective', () => {
    const meets = (n: number, arrivalRate: number, hpaTarget: number, objective: number) => {
      const at = deploymentAtLoad(replica, arrivalRate, n);
      return at.utilisation <= hpaTarget + 1e-12 && at.percentileSeconds <= objective;
    };
    let latencyBound = 0;
    for (const arrivalRate of [0.5, 1.333, 14.1, 40, 100, 333])
      for (const hpaTarget of [0.5, 0.6, 0.8])
        for (const objective of [0.27, 0.3, 0.4, 1]) {
          const n = smallestReplicas(replica, { arrivalRate, hpaTarget, p95ObjectiveSeconds: objective });
          expect(meets(n, arrivalRate, hpaTarget, objective)).toBe(true);
          if (n > 1) expect(meets(n - 1, arrivalRate, hpaTarget, objective)).toBe(false);
          if (deploymentAtLoad(replica, arrivalRate, n - 1).utilisation <= hpaTarget) latencyBound += 1;
        }
    // Some of those answers were set by the latency objective, not by the utilisation.
    expect(latencyBound).toBeGreaterThan(0);
  });

  test('is refused when even an idle replica misses the objective', () => {
    const idle = replicaAtLoad(replica, 0).percentileSeconds;
    expect(() => smallestReplicas(replica, { arrivalRate: 1, hpaTarget: 0.6, p95ObjectiveSeconds: idle })).toThrow(RangeError);
  });
});

describe('sizing.mjs', () => {
  test("defaults to deploy/kubernetes/hpa.yaml's target and replica range", async () => {
    const hpa = parse(await readFile(hpaPath, 'utf8')) as {
      spec: { minReplicas: number; maxReplicas: number; metrics: Array<{ resource: { target: { averageUtilization: number } } }> };
    };
    expect(DEFAULTS.hpaTarget).toBe((hpa.spec.metrics[0]?.resource.target.averageUtilization ?? Number.NaN) / 100);
    expect(DEFAULTS.minReplicas).toBe(hpa.spec.minReplicas);
    expect(DEFAULTS.maxReplicas).toBe(hpa.spec.maxReplicas);
    const { stdout } = await sizing(['--images-per-second-per-replica', '20', '--service-ms', '80']);
    expect(stdout).toContain(
      `the HPA's target is ${(DEFAULTS.hpaTarget * 100).toFixed(1)}%, its range ${hpa.spec.minReplicas} to ${hpa.spec.maxReplicas} replicas`,
    );
  });

  test("docs/deploy.md's block is exactly what the script prints for its marker line's arguments", async () => {
    const { args, block } = docsBlock(await readFile(docsPath, 'utf8'));
    const { code, stdout } = await sizing(args);
    expect(code).toBe(0);
    expect(block).toBe(stdout);
  });

  test('--write-docs rewrites the block and the marker line with new figures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sizing-'));
    try {
      const copy = join(dir, 'deploy.md');
      await copyFile(docsPath, copy);
      const args = ['--images-per-second-per-replica', '12', '--service-ms', '90', '--exams-per-year', '20000000'];
      const { code, stdout } = await sizing([...args, '--write-docs', '--docs', copy]);
      expect(code).toBe(0);
      const written = docsBlock(await readFile(copy, 'utf8'));
      expect(written.args).toEqual(args);
      expect(written.block).toBe(stdout);
      expect(stdout).toContain('**Answer: ');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('refuses a bad argument with a message and exit code 2', async () => {
    const good = ['--images-per-second-per-replica', '23.5', '--service-ms', '58'];
    const cases: Array<[string[], RegExp]> = [
      [
        ['--images-per-second-per-replica', 'fast', '--service-ms', '58'],
        /--images-per-second-per-replica must be a number above 0, got 'fast'/,
      ],
      [['--service-ms', '58'], /--images-per-second-per-replica is required/],
      [[...good, '--hpa-target', '60'], /--hpa-target must be a fraction above 0 and at most 1/],
      [[...good, '--images-per-exam', '2.5'], /--images-per-exam must be a whole number/],
      [[...good, '--hours-per-year', '9000'], /--hours-per-year must be a number of hours above 0 and at most 8760/],
      [[...good, '--service-ms', ''], /--service-ms must be a number above 0, got ''/],
      [[...good, '--peek-factor', '3'], /Unknown option '--peek-factor'/],
      [[...good, '--p95-objective-ms', '100'], /no replica count meets a p95 of 100 ms/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await sizing(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(message);
      expect(stdout).toBe('');
    }
  });
});

// The cores a process may use, from cgroup quota files written here (v2's cpu.max, v1's
// cfs_quota_us and cfs_period_us): a container limited to 2 CPUs counts 2, whatever the host has.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cgroupQuota, inferencePlan, usableCores } from '../src/usable-cores.js';

const dir = mkdtempSync(join(tmpdir(), 'bcd-cgroup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cgroup files holding the given contents; a file given undefined does not exist. */
function files(contents: { v2?: string; v1Quota?: string; v1Period?: string }) {
  const at = (name: keyof typeof contents) => {
    const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}`);
    if (contents[name] !== undefined) writeFileSync(path, `${contents[name]}\n`);
    return path;
  };
  return { v2: at('v2'), v1Quota: at('v1Quota'), v1Period: at('v1Period') };
}

describe('cgroupQuota', () => {
  test('reads a cgroup v2 quota as CPUs', () => {
    expect(cgroupQuota(files({ v2: '200000 100000' }))).toBe(2);
    expect(cgroupQuota(files({ v2: '50000 100000' }))).toBe(0.5);
  });

  test('has no quota when cgroup v2 says max, even if v1 files exist', () => {
    expect(cgroupQuota(files({ v2: 'max 100000', v1Quota: '100000', v1Period: '100000' }))).toBeUndefined();
  });

  test('falls back to cgroup v1, where -1 means no quota', () => {
    expect(cgroupQuota(files({ v1Quota: '300000', v1Period: '100000' }))).toBe(3);
    expect(cgroupQuota(files({ v1Quota: '-1', v1Period: '100000' }))).toBeUndefined();
  });

  test('has no quota when no file can be read', () => {
    expect(cgroupQuota(files({}))).toBeUndefined();
  });
});

describe('usableCores', () => {
  test('is capped by the quota, rounded up, and never below one', () => {
    const cpus = availableParallelism();
    expect(usableCores(files({ v2: '100000 100000' }))).toBe(1);
    expect(usableCores(files({ v2: '150000 100000' }))).toBe(Math.min(cpus, 2));
    expect(usableCores(files({ v2: '10000 100000' }))).toBe(1);
  });

  test('is the CPUs the process may run on when there is no quota', () => {
    expect(usableCores(files({ v2: 'max 100000' }))).toBe(availableParallelism());
    expect(usableCores(files({ v2: '6400000 100000' }))).toBe(availableParallelism());
  });
});

describe('inferencePlan', () => {
  test('gives 2 workers of 1 thread on 2 cores, as measured, and one of one on a single core', () => {
    expect(inferencePlan(2)).toEqual({ workers: 2, threads: 1, soloThreads: 2 });
    expect(inferencePlan(1)).toEqual({ workers: 1, threads: 1, soloThreads: 1 });
  });

  test('lets a pass that runs alone use every core, up to 8, and never fewer threads than any pass', () => {
    for (let cores = 1; cores <= 128; cores++) {
      const { threads, soloThreads } = inferencePlan(cores);
      expect(soloThreads).toBe(Math.max(threads, Math.min(cores, 8)));
      expect(soloThreads).toBeLessThanOrEqual(cores);
    }
    expect(inferencePlan(4).soloThreads).toBe(4);
    expect(inferencePlan(64).soloThreads).toBe(8);
  });

  test('never starts more engine threads than there are cores, and uses at least half of them', () => {
    for (let cores = 1; cores <= 128; cores++) {
      const { workers, threads } = inferencePlan(cores);
      expect(workers * threads).toBeLessThanOrEqual(cores);
      expect(2 * workers * threads).toBeGreaterThan(cores);
      expect(workers).toBeLessThanOrEqual(8);
      expect(threads).toBeGreaterThanOrEqual(1);
    }
    expect(inferencePlan(64)).toEqual({ workers: 8, threads: 8, soloThreads: 8 });
  });
});

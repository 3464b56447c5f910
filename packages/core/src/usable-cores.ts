import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * The cores this process may really use: the CPUs it is allowed to run on (affinity,
 * `os.availableParallelism()`), capped by a cgroup CPU quota where one is set, rounded up. A
 * container limited to 2 CPUs on a 64-core host gets 2, not 64, so that thread pools sized
 * from it do not oversubscribe the quota. Node 20's libuv reads affinity but no cgroup quota.
 *
 * @example
 * const workers = Math.min(usableCores(), 4);
 */
export function usableCores(files: CgroupFiles = SYSTEM_FILES): number {
  const cpus = Math.max(1, availableParallelism());
  const quota = cgroupQuota(files);
  return quota === undefined ? cpus : Math.max(1, Math.min(cpus, Math.ceil(quota)));
}

/** Where the cgroup quota is read from; tests point it at their own files. */
export interface CgroupFiles {
  /** cgroup v2: "max 100000" or "<quota> <period>". */
  v2: string;
  /** cgroup v1: microseconds per period, -1 for none. */
  v1Quota: string;
  v1Period: string;
}

const SYSTEM_FILES: CgroupFiles = {
  v2: '/sys/fs/cgroup/cpu.max',
  v1Quota: '/sys/fs/cgroup/cpu/cpu.cfs_quota_us',
  v1Period: '/sys/fs/cgroup/cpu/cpu.cfs_period_us',
};

/** The quota in CPUs, or undefined when there is none (or no cgroup file can be read). */
export function cgroupQuota(files: CgroupFiles = SYSTEM_FILES): number | undefined {
  const v2 = read(files.v2);
  if (v2 !== undefined) {
    const [quota, period] = v2.split(/\s+/);
    return quota === 'max' ? undefined : ratio(quota, period);
  }
  return ratio(read(files.v1Quota), read(files.v1Period));
}

function ratio(quota: string | undefined, period: string | undefined): number | undefined {
  const q = Number(quota);
  const p = Number(period);
  return Number.isFinite(q) && Number.isFinite(p) && q > 0 && p > 0 ? q / p : undefined;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** How many inference workers to start, and how many engine threads each may use. */
export interface InferencePlan {
  workers: number;
  threads: number;
  /**
   * Threads a worker may use for a pass that runs alone (no other pass running or waiting):
   * the cores the other workers leave idle then. Equal to `threads` when there is nothing to gain.
   */
  soloThreads: number;
}

/**
 * Default inference workers and threads for `cores` usable cores: a worker per core up to 8
 * (each holds a copy of the model), and threads that share out the rest, never more engine
 * threads in all than cores, never one thread per host CPU in a 2-CPU container. On 2 cores
 * with the default model v2, 2 workers of 1 thread served 12-17% more images/s at concurrency 8
 * than 2 workers of 2 threads (BENCHMARKS.md, issue 24): the extra threads only contended with
 * libvips and each other. A pass that runs alone has the machine to itself, so it may use every
 * core (up to 8): on 2 cores one image's inference then took 24 ms against 34 ms on one thread.
 *
 * @example
 * inferencePlan(2);  // { workers: 2, threads: 1, soloThreads: 2 }
 * inferencePlan(64); // { workers: 8, threads: 8, soloThreads: 8 }
 */
export function inferencePlan(cores: number = usableCores()): InferencePlan {
  const workers = Math.max(1, Math.min(cores, MAX_DEFAULT_WORKERS));
  const threads = Math.max(1, Math.floor(cores / workers));
  return { workers, threads, soloThreads: Math.max(threads, Math.min(cores, MAX_SOLO_THREADS)) };
}

/** Each worker holds its own copy of the model and its engine's memory. */
const MAX_DEFAULT_WORKERS = 8;
/** Each worker keeps its solo threads, idle between lone passes; only 2 cores have been measured. */
const MAX_SOLO_THREADS = 8;

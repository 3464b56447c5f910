// Types for sizing-model.mjs, so that TypeScript tests can import it (the bench folder is plain
// JavaScript, not compiled). Keep in step with the JSDoc there.

/** The defaults of sizing.mjs; the HPA's figures are deploy/kubernetes/hpa.yaml's. */
export declare const DEFAULTS: Readonly<{
  examsPerYear: number;
  imagesPerExam: number;
  hoursPerYear: number;
  peakFactor: number;
  hpaTarget: number;
  minReplicas: number;
  maxReplicas: number;
  p95ObjectiveMs: number;
  coresPerReplica: number;
}>;

/** Hours in a 365-day year: the figure for 24/7 operation. */
export declare const HOURS_PER_YEAR_24_7: number;

/** An M/M/c queue: c servers of rate mu each, Poisson arrivals at lambda. */
export interface Queue {
  servers: number;
  serviceRate: number;
  arrivalRate: number;
}

/** The year's exams and when they are read. */
export interface Workload {
  examsPerYear: number;
  imagesPerExam: number;
  hoursPerYear: number;
  peakFactor: number;
}

/** One replica as the model sees it. */
export interface Replica {
  saturationRate: number;
  serviceSeconds: number;
  parallelism: number;
  slots: number;
  slotServiceSeconds: number;
}

/** A replica's figures at an arrival rate of its own. */
export interface ReplicaLoad {
  arrivalRate: number;
  utilisation: number;
  waitProbability: number;
  percentileSeconds: number;
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue; 1 when unstable. */
export declare function erlangC(servers: number, offeredLoad: number): number;

/** P(T > t) for the sojourn time of an arrival to an M/M/c queue, first come first served. */
export declare function sojournExceedance(t: number, queue: Queue): number;

/** The p-quantile (0.95 unless given) of an M/M/c queue's sojourn time, in seconds; Infinity when unstable. */
export declare function sojournPercentile(queue: Queue, p?: number): number;

/** A workload's arrival rates, images/s: over the year, over its opening hours, in the peak hour. */
export declare function workloadRates(workload: Workload): {
  imagesPerYear: number;
  meanPerSecondYear: number;
  meanPerSecondOpen: number;
  peakPerSecond: number;
};

/** One replica from `pnpm bench`'s images/s at concurrency 8 and p50 at concurrency 1. */
export declare function replicaFromMeasurements(measured: { imagesPerSecond: number; serviceSeconds: number }): Replica;

/** A replica's queue and figures at an arrival rate of its own. */
export declare function replicaAtLoad(replica: Replica, arrivalRate: number, p?: number): ReplicaLoad;

/** N replicas sharing an arrival rate equally, each its own queue. */
export declare function deploymentAtLoad(replica: Replica, arrivalRate: number, replicas: number): ReplicaLoad & { replicas: number };

/** The smallest replica count meeting the HPA's target and the p95 objective at an arrival rate. */
export declare function smallestReplicas(
  replica: Replica,
  goal: { arrivalRate: number; hpaTarget: number; p95ObjectiveSeconds: number },
): number;

// Sizing from measurements (issue 24): a queueing model of the Deployment, fed with the two figures
// `pnpm bench` measures on one replica, and the workload of a screening service. Pure functions;
// sizing.mjs prints them as Markdown for docs/deploy.md, test/sizing.test.ts holds them to
// textbook values. Times are in seconds, rates in images per second.
//
// The model, and why:
// - A replica is an M/M/c queue of its own. The Service (kube-proxy) sends each connection to a
//   replica at random and each replica queues at its own work gate, so there is no shared queue
//   across replicas; a random split of Poisson arrivals is Poisson, lambda / N per replica. (A
//   shared queue, as HAProxy's leastconn nearly makes, would only wait less.)
// - c and the rate per slot come from the two measurements: a replica serves a lone image in s
//   (p50 at concurrency 1) and saturates at mu_r images/s (concurrency 8), so it behaves like
//   m = mu_r * s images served in parallel, m not a whole number. The model takes
//   c = ceil(m) slots of rate mu_r / c each: it keeps the measured saturation throughput exactly
//   (c * mu_r / c = mu_r), and in every state its service rate min(n, c) * mu_r / c is at most the
//   measured replica's min(n / s, mu_r), so it is never faster than what was measured.
// - Service times are exponential: a conservative stand-in (measured p95 at concurrency 1 is about
//   1.2x the p50; an exponential's is 3x its mean), which makes the p95 and the waiting larger.

/** The defaults of sizing.mjs; the HPA's figures are deploy/kubernetes/hpa.yaml's (the test checks). */
export const DEFAULTS = Object.freeze({
  examsPerYear: 1_000_000,
  imagesPerExam: 4,
  /** Clinic hours: 250 days x 10 h. */
  hoursPerYear: 2_500,
  peakFactor: 3,
  /** hpa.yaml's averageUtilization, as a fraction. */
  hpaTarget: 0.6,
  /** hpa.yaml's minReplicas and maxReplicas. */
  minReplicas: 2,
  maxReplicas: 10,
  p95ObjectiveMs: 1_000,
  coresPerReplica: 2,
});

/** Hours in a 365-day year: the figure for 24/7 operation. */
export const HOURS_PER_YEAR_24_7 = 8_760;

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with `servers` servers and
 * offered load `offeredLoad` = lambda / mu (in Erlangs). 1 when the queue is unstable (a >= c).
 * Computed through the Erlang B recursion, which neither overflows nor loses precision for large c.
 * @param {number} servers c, a whole number >= 1
 * @param {number} offeredLoad a = lambda / mu, >= 0
 * @returns {number}
 */
export function erlangC(servers, offeredLoad) {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number >= 1, got ${servers}`);
  if (!(offeredLoad >= 0)) throw new RangeError(`offeredLoad must be >= 0, got ${offeredLoad}`);
  if (offeredLoad >= servers) return 1;
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (offeredLoad * erlangB) / (k + offeredLoad * erlangB);
  return (servers * erlangB) / (servers - offeredLoad * (1 - erlangB));
}

/**
 * @typedef {object} Queue an M/M/c queue
 * @property {number} servers c
 * @property {number} serviceRate mu, per server
 * @property {number} arrivalRate lambda
 */

/**
 * P(T > t) for the sojourn time T (wait + service) of an arrival to a stable M/M/c queue, first
 * come first served: with probability 1 - C no wait, T ~ Exp(mu); with probability C (Erlang C) a
 * wait ~ Exp(c mu - lambda) and then the service, a sum of two exponentials.
 * @param {number} t seconds, >= 0
 * @param {Queue} queue
 * @returns {number}
 */
export function sojournExceedance(t, { servers, serviceRate, arrivalRate }) {
  const waitProbability = erlangC(servers, arrivalRate / serviceRate);
  const drainRate = servers * serviceRate - arrivalRate;
  if (!(drainRate > 0)) return 1;
  const service = Math.exp(-serviceRate * t);
  // P(Exp(theta) + Exp(mu) > t) = e^(-mu t) + mu (e^(-theta t) - e^(-mu t)) / (mu - theta),
  // written with expm1 so that it stays exact as theta approaches mu (limit: (1 + mu t) e^(-mu t)).
  const x = (serviceRate - drainRate) * t;
  const ratio = x === 0 ? 1 : -Math.expm1(-x) / x;
  const waitThenService = service + serviceRate * t * Math.exp(-drainRate * t) * ratio;
  return (1 - waitProbability) * service + waitProbability * waitThenService;
}

/**
 * The p-quantile of the sojourn time of an M/M/c queue, by bisection on its distribution
 * (exact to 1e-9 s); Infinity when the queue is unstable.
 * @param {Queue} queue
 * @param {number} [p] the quantile, 0 < p < 1; 0.95 unless given
 * @returns {number} seconds
 */
export function sojournPercentile(queue, p = 0.95) {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be between 0 and 1, got ${p}`);
  if (!(queue.servers * queue.serviceRate > queue.arrivalRate)) return Number.POSITIVE_INFINITY;
  let low = 0;
  let high = -Math.log(1 - p) / queue.serviceRate;
  while (sojournExceedance(high, queue) > 1 - p) high *= 2;
  while (high - low > 1e-9) {
    const mid = (low + high) / 2;
    if (sojournExceedance(mid, queue) > 1 - p) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * @typedef {object} Workload
 * @property {number} examsPerYear
 * @property {number} imagesPerExam
 * @property {number} hoursPerYear the hours in which the year's exams are read
 * @property {number} peakFactor the peak hour's load over the mean of those hours
 */

/**
 * The arrival rates of a workload: the year's images spread over the whole year, over the hours in
 * which they are read, and in the peak hour.
 * @param {Workload} workload
 * @returns {{ imagesPerYear: number, meanPerSecondYear: number, meanPerSecondOpen: number, peakPerSecond: number }}
 */
export function workloadRates({ examsPerYear, imagesPerExam, hoursPerYear, peakFactor }) {
  const imagesPerYear = examsPerYear * imagesPerExam;
  const meanPerSecondOpen = imagesPerYear / (hoursPerYear * 3600);
  return {
    imagesPerYear,
    meanPerSecondYear: imagesPerYear / (HOURS_PER_YEAR_24_7 * 3600),
    meanPerSecondOpen,
    peakPerSecond: meanPerSecondOpen * peakFactor,
  };
}

/**
 * @typedef {object} Replica one replica as the model sees it
 * @property {number} saturationRate mu_r, images/s at saturation (measured)
 * @property {number} serviceSeconds s, one image alone (measured)
 * @property {number} parallelism m = mu_r * s
 * @property {number} slots c = ceil(m)
 * @property {number} slotServiceSeconds the mean service time of a slot, c / mu_r (>= s)
 */

/**
 * One replica from its two measurements: `pnpm bench`'s images/s at concurrency 8 and its p50 at
 * concurrency 1.
 * @param {{ imagesPerSecond: number, serviceSeconds: number }} measured
 * @returns {Replica}
 */
export function replicaFromMeasurements({ imagesPerSecond, serviceSeconds }) {
  if (!(imagesPerSecond > 0 && serviceSeconds > 0)) throw new RangeError('the measurements must be positive');
  const parallelism = imagesPerSecond * serviceSeconds;
  // The tolerance keeps a product that is whole on paper (2.0000000000000004) at 2 slots.
  const slots = Math.max(1, Math.ceil(parallelism - 1e-9));
  return { saturationRate: imagesPerSecond, serviceSeconds, parallelism, slots, slotServiceSeconds: slots / imagesPerSecond };
}

/**
 * A replica's queue and figures at an arrival rate of its own.
 * @param {Replica} replica
 * @param {number} arrivalRate images/s reaching this replica
 * @param {number} [p] the quantile of the response time; 0.95 unless given
 * @returns {{ arrivalRate: number, utilisation: number, waitProbability: number, percentileSeconds: number }}
 */
export function replicaAtLoad(replica, arrivalRate, p = 0.95) {
  const queue = { servers: replica.slots, serviceRate: 1 / replica.slotServiceSeconds, arrivalRate };
  return {
    arrivalRate,
    utilisation: arrivalRate / replica.saturationRate,
    waitProbability: erlangC(queue.servers, arrivalRate * replica.slotServiceSeconds),
    percentileSeconds: sojournPercentile(queue, p),
  };
}

/**
 * N replicas sharing an arrival rate equally (a random split: each one its own queue).
 * @param {Replica} replica
 * @param {number} arrivalRate images/s for the whole Deployment
 * @param {number} replicas N
 */
export function deploymentAtLoad(replica, arrivalRate, replicas) {
  return { replicas, ...replicaAtLoad(replica, arrivalRate / replicas) };
}

/**
 * The smallest replica count whose utilisation at `arrivalRate` is at most the HPA's target and
 * whose p95 is at most the objective. Utilisation is the fraction of the saturation throughput,
 * taken as the HPA's CPU utilisation (CPU time per image constant, saturation counted as 100%).
 * Throws a RangeError when no count can meet the objective: even an idle replica's p95 (the
 * service alone) is not below it.
 * @param {Replica} replica
 * @param {{ arrivalRate: number, hpaTarget: number, p95ObjectiveSeconds: number }} goal
 * @returns {number}
 */
export function smallestReplicas(replica, { arrivalRate, hpaTarget, p95ObjectiveSeconds }) {
  const idle = replicaAtLoad(replica, 0).percentileSeconds;
  // At equality the p95 would only approach the objective as replicas are added, never reach it.
  if (idle >= p95ObjectiveSeconds) {
    throw new RangeError(
      `no replica count meets a p95 of ${p95ObjectiveSeconds * 1000} ms: the model's service alone has a p95 of ${(idle * 1000).toFixed(0)} ms`,
    );
  }
  // Both figures only fall as replicas are added, so the first count that meets them is the answer.
  let replicas = Math.max(1, Math.ceil(arrivalRate / (hpaTarget * replica.saturationRate) - 1e-9));
  for (;;) {
    const at = deploymentAtLoad(replica, arrivalRate, replicas);
    if (at.utilisation <= hpaTarget + 1e-12 && at.percentileSeconds <= p95ObjectiveSeconds) return replicas;
    replicas += 1;
  }
}

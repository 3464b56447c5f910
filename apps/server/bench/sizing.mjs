// Sizing on paper, from measurements (issue 24): how many replicas and cores a screening service
// needs, from one replica's figures measured by `pnpm bench`, through the queueing model of
// sizing-model.mjs. Prints a Markdown section; docs/deploy.md holds its output for the figures in
// its marker line, and test/sizing.test.ts fails when the two differ.
//
//   node apps/server/bench/sizing.mjs --images-per-second-per-replica 36.4 --service-ms 46.2
//   options: --exams-per-year 1000000 --images-per-exam 4 --peak-factor 3 --hours-per-year 2500
//            --hpa-target 0.6 --min-replicas 2 --max-replicas 10 --p95-objective-ms 1000
//            --cores-per-replica 2
//   --write-docs   also rewrites docs/deploy.md's block (and its marker line) with this output;
//                  --docs PATH names another file (the test's copy)
//
// A bad argument prints what is wrong and exits 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULTS,
  deploymentAtLoad,
  HOURS_PER_YEAR_24_7,
  replicaAtLoad,
  replicaFromMeasurements,
  smallestReplicas,
  workloadRates,
} from './sizing-model.mjs';

const DOCS = fileURLToPath(new URL('../../../docs/deploy.md', import.meta.url));
const BEGIN = '<!-- sizing.mjs output: begin';
const END = '<!-- sizing.mjs output: end -->';

/** Each numeric option: its default (none: required) and what a valid value is. */
const NUMBERS = {
  'images-per-second-per-replica': { check: 'positive' },
  'service-ms': { check: 'positive' },
  'exams-per-year': { default: DEFAULTS.examsPerYear, check: 'positive' },
  'images-per-exam': { default: DEFAULTS.imagesPerExam, check: 'whole' },
  'peak-factor': { default: DEFAULTS.peakFactor, check: 'at least 1' },
  'hours-per-year': { default: DEFAULTS.hoursPerYear, check: 'hours' },
  'hpa-target': { default: DEFAULTS.hpaTarget, check: 'fraction' },
  'min-replicas': { default: DEFAULTS.minReplicas, check: 'whole' },
  'max-replicas': { default: DEFAULTS.maxReplicas, check: 'whole' },
  'p95-objective-ms': { default: DEFAULTS.p95ObjectiveMs, check: 'positive' },
  'cores-per-replica': { default: DEFAULTS.coresPerReplica, check: 'positive' },
};
const VALID = {
  positive: [(x) => x > 0, 'a number above 0'],
  whole: [(x) => Number.isInteger(x) && x >= 1, 'a whole number, at least 1'],
  'at least 1': [(x) => x >= 1, 'a number, at least 1'],
  hours: [(x) => x > 0 && x <= HOURS_PER_YEAR_24_7, `a number of hours above 0 and at most ${HOURS_PER_YEAR_24_7}`],
  fraction: [(x) => x > 0 && x <= 1, 'a fraction above 0 and at most 1 (0.6 for 60%)'],
};

class UsageError extends Error {
  name = 'UsageError';
}

/** The options from argv, checked; a UsageError names the first bad one. */
function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(NUMBERS).map((name) => [name, { type: 'string' }])),
        'write-docs': { type: 'boolean', default: false },
        docs: { type: 'string', default: DOCS },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options = {};
  for (const [name, spec] of Object.entries(NUMBERS)) {
    const text = parsed.values[name];
    if (text === undefined && spec.default === undefined) throw new UsageError(`--${name} is required`);
    const value = text === undefined ? spec.default : Number(text);
    const [valid, what] = VALID[spec.check];
    if (text !== undefined && (text.trim() === '' || !Number.isFinite(value) || !valid(value))) {
      throw new UsageError(`--${name} must be ${what}, got '${text}'`);
    }
    options[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  if (options.minReplicas > options.maxReplicas) throw new UsageError('--min-replicas must not be above --max-replicas');
  return { ...options, writeDocs: parsed.values['write-docs'], docs: parsed.values.docs };
}

/** A number with thousands separators and a fixed number of decimals, the same on every machine. */
function fmt(x, decimals = 0) {
  const [whole, fraction] = x.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
const pct = (x, decimals = 1) => `${fmt(x * 100, decimals)}%`;
const ms = (seconds) => (Number.isFinite(seconds) ? `${fmt(seconds * 1000)} ms` : 'unbounded');

/** The Markdown section for these options. */
function render(o, args) {
  const replica = replicaFromMeasurements({ imagesPerSecond: o.imagesPerSecondPerReplica, serviceSeconds: o.serviceMs / 1000 });
  const workload = { examsPerYear: o.examsPerYear, imagesPerExam: o.imagesPerExam, hoursPerYear: o.hoursPerYear, peakFactor: o.peakFactor };
  const rates = workloadRates(workload);
  const goal = { hpaTarget: o.hpaTarget, p95ObjectiveSeconds: o.p95ObjectiveMs / 1000 };
  const size = (peak) => {
    const needed = smallestReplicas(replica, { arrivalRate: peak, ...goal });
    const deployed = Math.max(needed, o.minReplicas);
    return { needed, deployed, at: deploymentAtLoad(replica, peak, deployed) };
  };
  const answer = size(rates.peakPerSecond);
  const atTarget = replicaAtLoad(replica, o.hpaTarget * replica.saturationRate);
  const days = o.hoursPerYear === DEFAULTS.hoursPerYear ? ' (250 days x 10 h)' : '';
  const lines = [
    `Generated by \`node apps/server/bench/sizing.mjs ${args.join(' ')}\`.`,
    '',
    '**Assumptions**',
    '',
    `- One replica saturates at **${fmt(o.imagesPerSecondPerReplica, 1)} images/s** (\`pnpm bench\`, \`/predict\` at concurrency 8) and serves a lone image in **${fmt(o.serviceMs)} ms** (p50 at concurrency 1), on images like the ones it will serve.`,
    `- ${fmt(o.examsPerYear)} exams a year x ${o.imagesPerExam} images = ${fmt(rates.imagesPerYear)} images a year, all read within ${fmt(o.hoursPerYear)} opening hours a year${days}.`,
    `- The peak hour carries ${fmt(o.peakFactor, 1)}x the mean opening hour; within it, images arrive one by one as a Poisson process (an exam's ${o.imagesPerExam} images as ${o.imagesPerExam} independent arrivals, not one batch).`,
    '- The Service spreads images evenly and at random over the replicas, and each replica queues its own (no shared queue).',
    `- A replica is ${replica.slots} ${replica.slots === 1 ? 'slot' : 'slots'} (${fmt(o.imagesPerSecondPerReplica, 1)} x ${fmt(o.serviceMs / 1000, 3)} s = ${fmt(replica.parallelism, 3)} images in parallel, rounded up), each serving one image in ${fmt(replica.slotServiceSeconds * 1000, 1)} ms on average (${replica.slots} / ${fmt(o.imagesPerSecondPerReplica, 1)} images/s, not less than the measured ${fmt(o.serviceMs)} ms), exponentially distributed.`,
    `- CPU utilisation is the fraction of the saturation throughput a replica carries (CPU time per image constant, saturation counted as 100% of the request); the HPA's target is ${pct(o.hpaTarget)}, its range ${o.minReplicas} to ${o.maxReplicas} replicas.`,
    `- The objective: p95 of one image's time in the server (wait + service, not the network) at most ${fmt(o.p95ObjectiveMs)} ms at the peak; ${fmt(o.coresPerReplica)} cores requested per replica.`,
    '',
    '**Load**',
    '',
    '| | images/s |',
    '|---|---|',
    `| mean over the whole year (${fmt(HOURS_PER_YEAR_24_7)} h) | ${fmt(rates.meanPerSecondYear, 3)} |`,
    `| mean over the opening hours (${fmt(o.hoursPerYear)} h) | ${fmt(rates.meanPerSecondOpen, 3)} |`,
    `| peak hour (x ${fmt(o.peakFactor, 1)}) | ${fmt(rates.peakPerSecond, 3)} |`,
    '',
    `**Replicas at the peak (${fmt(rates.peakPerSecond, 3)} images/s)**`,
    '',
    '| replicas | images/s each | utilisation | P(wait) | p95 | within the HPA target | within the objective |',
    '|---|---|---|---|---|---|---|',
  ];
  const last = Math.max(answer.deployed, o.minReplicas) + 2;
  for (let n = 1; n <= last; n++) {
    const at = deploymentAtLoad(replica, rates.peakPerSecond, n);
    const yes = (ok) => (ok ? 'yes' : 'no');
    lines.push(
      `| ${n} | ${fmt(at.arrivalRate, 3)} | ${pct(at.utilisation)} | ${pct(at.waitProbability, 2)} | ${ms(at.percentileSeconds)} | ${yes(at.utilisation <= o.hpaTarget + 1e-12)} | ${yes(at.percentileSeconds <= goal.p95ObjectiveSeconds)} |`,
    );
  }
  const why =
    answer.deployed > answer.needed
      ? `the load needs ${answer.needed}; the HPA's minimum of ${o.minReplicas} keeps a replica serving while another restarts`
      : `the smallest count within both the HPA target and the objective`;
  lines.push(
    '',
    `**Answer: ${answer.deployed} replicas, ${fmt(answer.deployed * o.coresPerReplica)} cores requested** (${why}), at the peak ${pct(answer.at.utilisation)} utilisation each and a p95 of **${ms(answer.at.percentileSeconds)}**.`,
  );
  if (answer.deployed > o.maxReplicas) lines.push('', `That is above the HPA's maxReplicas (${o.maxReplicas}): raise it.`);
  // An exam sent as one request instead: its images start together, and the last one finishes after
  // one exponential phase per image, at the rate of the slots still busy (memoryless service).
  let examSeconds = 0;
  for (let k = 1; k <= o.imagesPerExam; k++) examSeconds += replica.slotServiceSeconds / Math.min(k, replica.slots);
  const carried = o.maxReplicas * o.hpaTarget * replica.saturationRate;
  lines.push(
    '',
    `**An exam as one request** of ${o.imagesPerExam} images, to an idle replica: the last image done after ${ms(examSeconds)} on average (one image alone: ${ms(replica.slotServiceSeconds)}); batches raise the waiting too, which this model leaves out.`,
    '',
    `**The HPA's target in images/s**: ${pct(o.hpaTarget)} of ${fmt(o.imagesPerSecondPerReplica, 1)} = ${fmt(atTarget.arrivalRate, 1)} images/s per replica, where the p95 is ${ms(atTarget.percentileSeconds)} (P(wait) ${pct(atTarget.waitProbability)}). At that target, ${o.maxReplicas} replicas carry ${fmt(carried, 1)} images/s, ${fmt(carried / rates.peakPerSecond, 1)}x this peak.`,
    '',
    '**Sensitivity: clinic hours or 24/7**',
    '',
    '| reading hours | hours a year | peak images/s | replicas the load needs | replicas | p95 at the peak |',
    '|---|---|---|---|---|---|',
  );
  const hours = [...new Set([o.hoursPerYear, DEFAULTS.hoursPerYear, HOURS_PER_YEAR_24_7])];
  for (const h of hours) {
    const peak = workloadRates({ ...workload, hoursPerYear: h }).peakPerSecond;
    const s = size(peak);
    const label = h === HOURS_PER_YEAR_24_7 ? '24/7' : h === DEFAULTS.hoursPerYear ? 'clinic (250 days x 10 h)' : 'as given';
    lines.push(`| ${label} | ${fmt(h)} | ${fmt(peak, 3)} | ${s.needed} | ${s.deployed} | ${ms(s.at.percentileSeconds)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Replaces the block in docs/deploy.md (or the file at `path`) and its marker line's arguments. */
function writeDocs(path, output, args) {
  const text = readFileSync(path, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new UsageError(`${path}: no block between '${BEGIN} ... -->' and '${END}'`);
  const marker = `${BEGIN} ${args.join(' ')} -->\n`;
  writeFileSync(path, `${text.slice(0, begin)}${marker}${output}${text.slice(end)}`);
}

const argv = process.argv.slice(2);
try {
  const options = readOptions(argv);
  // The marker line keeps the figures, not where this run wrote them.
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--docs') i++;
    else if (argv[i] !== '--write-docs' && !argv[i].startsWith('--docs=')) args.push(argv[i]);
  }
  const output = render(options, args);
  process.stdout.write(output);
  if (options.writeDocs) {
    writeDocs(options.docs, output, args);
    console.error(`sizing.mjs: rewrote the block in ${options.docs}`);
  }
} catch (error) {
  if (!(error instanceof UsageError || error instanceof RangeError)) throw error;
  console.error(`sizing.mjs: ${error.message}`);
  process.exitCode = 2;
}

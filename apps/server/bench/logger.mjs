// The server's logger against pino, writing the same request lines to stdout: lines per
// second, the median of interleaved rounds. Redirect stdout; the figures go to stderr. A
// script, not a test. The server's logger is read from @bcd-api/http's build (dist/).
//
//   pnpm --filter @bcd-api/http build && node apps/server/bench/logger.mjs > /dev/null
//   options: --lines N (per round, default 200000)  --rounds N (default 5)
import { parseArgs } from 'node:util';
import { createLogger } from '@bcd-api/http';
import pino from 'pino';

const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const lines = Number(args.lines);
const rounds = Number(args.rounds);
if (process.stdout.isTTY) {
  process.stderr.write('Redirect stdout (e.g. > /dev/null): the benchmark writes every line there.\n');
  process.exit(2);
}

// What the server writes per request: at info the request line, at debug with its headers.
const requestFields = (i) => ({
  requestId: `7f1c2a9e-1b2c-4d5e-8f90-${String(i).padStart(12, '0')}`,
  method: 'POST',
  route: '/predict',
  path: '/predict',
  status: 200,
  ms: 12.3,
  images: 1,
});
const headers = {
  host: '127.0.0.1:7860',
  'user-agent': 'node',
  accept: '*/*',
  'content-type': 'multipart/form-data; boundary=----formdata-undici-0123456789',
  'content-length': '1374',
  authorization: 'Bearer secret-token-123',
  'x-api-key': 'another-secret-456',
};

// pino set up to write the server's format: ISO time, the level's name, `msg`, no pid or hostname.
const pinoOptions = {
  base: undefined,
  messageKey: 'msg',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: { paths: ['headers.authorization', 'headers["x-api-key"]', 'headers.cookie'], censor: '[redacted]' },
};

const scenarios = {
  'request line (info)': {
    present: (log, i) => log.info('request', requestFields(i)),
    pino: (log, i) => log.info(requestFields(i), 'request'),
  },
  'request line with redacted headers (debug)': {
    present: (log, i) => log.info('request', { ...requestFields(i), headers }),
    pino: (log, i) => log.info({ ...requestFields(i), headers }, 'request'),
  },
};
// pino's default destination writes asynchronously (sonic-boom, sync: false); the server's
// logger writes synchronously, as pino.destination({ sync: true }) does. A round's time runs
// until pino has flushed every line.
const loggers = {
  'server logger (sync)': { make: () => createLogger('info'), kind: 'present' },
  'pino 10, same format, sync': { make: () => pino(pinoOptions, pino.destination({ dest: 1, sync: true })), kind: 'pino' },
  'pino 10, same format, async (its default)': { make: () => pino(pinoOptions), kind: 'pino' },
};

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [scenario, write] of Object.entries(scenarios)) {
  const rates = Object.fromEntries(Object.keys(loggers).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, { make, kind }] of Object.entries(loggers)) {
      const log = make();
      const started = performance.now();
      for (let i = 0; i < lines; i++) write[kind](log, i);
      if (kind === 'pino') await new Promise((resolve, reject) => log.flush((error) => (error ? reject(error) : resolve())));
      rates[name].push(lines / ((performance.now() - started) / 1000));
    }
  }
  process.stderr.write(`\n${scenario}: ${lines} lines x ${rounds} rounds, median lines/s\n`);
  for (const [name, values] of Object.entries(rates)) {
    process.stderr.write(`  ${name.padEnd(42)} ${Math.round(median(values)).toLocaleString('en')}\n`);
  }
}

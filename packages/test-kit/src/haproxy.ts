// Debian's HAProxy (2.6 on Debian 12) for tests of replicas behind a load balancer: a config file
// run in the foreground, its addresses from the environment, its log kept for the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { requireInCi } from './require-in-ci.js';

const HAPROXY = '/usr/sbin/haproxy';
const READY_LIMIT_MS = 10_000;
const STOP_LIMIT_MS = 5_000;

/** A running HAProxy of a test. */
export interface HaproxyInstance {
  child: ChildProcess;
  /** Every line HAProxy wrote so far (stdout and stderr): with `log stdout`, one a request. */
  log: string[];
  /** Stops it (SIGTERM, SIGKILL after 5 s) and waits for its exit. */
  stop(): Promise<void>;
}

/** What {@link startHaproxy} runs. */
export interface HaproxyOptions {
  /** The configuration file. */
  config: string;
  /** Environment variables the file reads (`"${NAME}"`), e.g. its bind address and servers. */
  env: Record<string, string>;
  /** The loopback port it listens on: startup is done once it accepts a connection there. */
  port: number;
}

/** Whether Debian's HAProxy is installed. */
export function hasHaproxy(): boolean {
  return existsSync(HAPROXY);
}

/** For tests of replicas behind HAProxy: it must be there in CI; elsewhere they skip loudly. Returns whether it is there. */
export function requireHaproxy(what: string): boolean {
  return requireInCi(hasHaproxy(), `HAProxy for ${what}`, 'apt-get install haproxy');
}

/**
 * Runs HAProxy in the foreground (`-db`) with a config file and waits until its port accepts a
 * connection (at most 10 s; the error then carries its output). The caller stops it in
 * `afterAll`; a process left behind by a crashed test file is killed when its Node process exits.
 */
export async function startHaproxy(options: HaproxyOptions): Promise<HaproxyInstance> {
  // -db: foreground, no daemon; -W would fork a master, whose child a kill by id would miss.
  const child = spawn(HAPROXY, ['-db', '-f', options.config], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const log: string[] = [];
  let pending = '';
  const collect = (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    log.push(...lines);
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  child.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const instance: HaproxyInstance = {
    child,
    log,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    if (await accepts(options.port)) return instance;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await instance.stop();
  throw new Error(`HAProxy did not listen on port ${options.port} within ${READY_LIMIT_MS} ms; its output:\n${log.join('\n')}`);
}

/** Whether a TCP connection to the loopback port succeeds (within 1 s). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

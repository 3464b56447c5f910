import { type ChildProcess, spawn } from 'node:child_process';
import { tinyModelDir } from './fixtures.js';

/** A log line of the server, parsed. */
export interface ServerLogLine {
  msg: string;
  level?: string;
  [key: string]: unknown;
}

/** The built server running as a child process, as `pnpm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far, parsed. */
  log: ServerLogLine[];
  /** Resolves when the log has a line with this `msg`; rejects if the process exits first. */
  logged(msg: string): Promise<void>;
  /** The exit code, once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Spawns the server's entry point (`main`: the path of its built `dist/main.js`) on a free
 * loopback port with the tiny model (unless `env` says otherwise) and the inherited
 * environment; resolves once it listens and its model has loaded, rejects when the model
 * fails to load or the process exits first.
 */
export async function spawnServerProcess(main: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MODEL_DIR: tinyModelDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const log: ServerLogLine[] = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  let pending = '';
  // The log is read to the end, or a full pipe would stall the server.
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const entry = JSON.parse(line) as ServerLogLine;
      log.push(entry);
      for (const waiter of waiters.filter((w) => w.msg === entry.msg)) waiter.resolve();
    }
  });
  const logged = (msg: string) =>
    log.some((l) => l.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ msg, resolve });
          void exited.then((code) => reject(new Error(`the server exited (${code}) before logging "${msg}"`)));
        });
  const failed = logged('model failed to load').then(() => {
    child.kill();
    const reason = log.find((l) => l.msg === 'model failed to load')?.reason;
    throw new Error(`the server's model failed to load: ${String(reason)}`);
  });
  try {
    await Promise.race([Promise.all([logged('listening'), logged('model loaded')]), failed]);
  } finally {
    // Whichever way it went, the loser must not surface as an unhandled rejection.
    failed.catch(() => undefined);
  }
  const url = log.find((l) => l.msg === 'listening')?.url;
  if (typeof url !== 'string') throw new Error('the server did not log its URL');
  return { url, child, log, logged, exited };
}

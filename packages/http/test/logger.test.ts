import { describe, expect, test } from 'vitest';
import { createLogger, redactHeaders } from '../src/logger.js';

/** A logger at `level` that keeps the raw lines it writes. */
function capture(level: Parameters<typeof createLogger>[0]) {
  const raw: string[] = [];
  const logger = createLogger(level, (line) => raw.push(line));
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the logger', () => {
  test('writes one JSON line per call, with the time, level and message before the fields', () => {
    const log = capture('info');
    log.logger.info('listening', { url: 'http://127.0.0.1:7860' });
    expect(log.raw).toHaveLength(1);
    expect(log.raw[0]).toMatch(/^\{"time":"\d{4}-\d\d-\d\dT[^"]+","level":"info","msg":"listening","url":"http:\/\/127.0.0.1:7860"\}\n$/);
  });

  test('skips the levels below its own, and writes nothing when silent', () => {
    const warn = capture('warn');
    warn.logger.debug('a');
    warn.logger.info('b');
    warn.logger.warn('c');
    warn.logger.error('d');
    expect(warn.lines().map((l) => l.msg)).toEqual(['c', 'd']);
    const silent = capture('silent');
    silent.logger.error('e');
    expect(silent.raw).toEqual([]);
  });

  test('redactHeaders replaces credential headers in any case, and keeps the others', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer a',
        'X-API-KEY': 'b',
        cookie: 'c',
        'Set-Cookie': ['d'],
        'Proxy-Authorization': 'e',
        accept: 'application/json',
      }),
    ).toEqual({
      Authorization: '[redacted]',
      'X-API-KEY': '[redacted]',
      cookie: '[redacted]',
      'Set-Cookie': '[redacted]',
      'Proxy-Authorization': '[redacted]',
      accept: 'application/json',
    });
  });

  test('redacts a headers field whoever logs it', () => {
    const secret = 'secret-token-123';
    const log = capture('info');
    log.logger.info('anything', { headers: { authorization: `Bearer ${secret}` } });
    expect(log.raw.join('')).not.toContain(secret);
    expect(log.lines()[0]?.headers).toEqual({ authorization: '[redacted]' });
  });
});

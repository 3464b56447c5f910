// The memory budget, against the real server: upload bytes held at once are bounded, chunked
// bodies are counted, and a request past its deadline lets go of its slot.
import { type ClientRequest, request } from 'node:http';
import { call, fixture, form } from '@bcd-api/test-kit';
import { createServerKit } from '@bcd-api/test-kit/server';
import { describe, expect, test } from 'vitest';
import { loadConfig, startServer } from '../src/index.js';

const { startForTest } = createServerKit({ loadConfig, startServer });

const BOUNDARY = 'memory-budget-test';
/** A multipart body carrying `bytes` as the file `a.png` in `field`. */
function multipart(bytes: Buffer, field = 'file'): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

interface RawUpload {
  req: ClientRequest;
  /** Resolves once the server has taken the request (it answered 100 Continue). */
  accepted: Promise<void>;
  response: Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>;
}

/** Starts a POST whose body the test writes itself; `length` undefined sends it chunked. */
function rawUpload(url: string, length: number | undefined): RawUpload {
  const req = request(`${url}/predict`, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
      Expect: '100-continue',
      ...(length === undefined ? {} : { 'Content-Length': length }),
    },
  });
  // Writes after the server has answered and closed may fail; the answer is what is tested.
  req.on('error', () => {});
  const accepted = new Promise<void>((resolve) => req.once('continue', resolve));
  const response = new Promise<Awaited<RawUpload['response']>>((resolve) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
  });
  req.flushHeaders();
  return { req, accepted, response };
}

describe('MAX_BUFFERED_BYTES', () => {
  const image = fixture('breast-grey.png');
  const body = multipart(Buffer.concat([image, Buffer.alloc(40_000 - image.length)]));

  test('a request that finds the budget full waits, and gets 503 OVERLOADED with Retry-After when no room comes', async () => {
    const server = await startForTest({ MAX_BUFFERED_BYTES: String(body.length + 1000), MAX_REQUEST_BYTES: String(body.length + 1000) });
    const holding = rawUpload(server.url, body.length);
    await holding.accepted;
    holding.req.write(body.subarray(0, 1000));
    const refused = await call(server.url, 'POST', '/predict', { body: form('file', [['b.png', image]]) });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('OVERLOADED');
    expect(refused.body.detail).toMatch(/memory budget/);
    expect(refused.headers.get('retry-after')).toBe('1');
    holding.req.end(body.subarray(1000));
    expect((await holding.response).status).toBe(200);
  });

  test('a waiting request goes ahead once the upload before it is done', async () => {
    const server = await startForTest({ MAX_BUFFERED_BYTES: String(body.length + 1000), MAX_REQUEST_BYTES: String(body.length + 1000) });
    const holding = rawUpload(server.url, body.length);
    await holding.accepted;
    const waiting = call(server.url, 'POST', '/predict', { body: form('file', [['b.png', image]]) });
    holding.req.end(body);
    expect((await holding.response).status).toBe(200);
    expect((await waiting).status).toBe(200);
  });
});

describe('a chunked upload (no Content-Length)', () => {
  test('is refused with 413 once it passes MAX_REQUEST_BYTES, without reading the rest', async () => {
    const server = await startForTest({ MAX_REQUEST_BYTES: '65536', MAX_FILE_BYTES: String(8 * 1024 * 1024) });
    const upload = rawUpload(server.url, undefined);
    await upload.accepted;
    const head = multipart(Buffer.alloc(0)).subarray(0, 150);
    upload.req.write(head);
    // Far more than the limit would be sent; the answer comes after the first 64 KiB.
    let sent = head.length;
    const answer = await Promise.race([
      upload.response,
      (async () => {
        while (sent < 4 * 1024 * 1024) {
          await new Promise<void>((resolve) => upload.req.write(Buffer.alloc(16 * 1024), () => resolve()));
          sent += 16 * 1024;
        }
        return undefined;
      })(),
    ]);
    expect(answer).toBeDefined();
    expect(answer!.status).toBe(413);
    expect(answer!.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: expect.stringMatching(/limit is 65536 bytes per request/) });
    expect(answer!.headers.connection).toBe('close');
    upload.req.destroy();
  });

  test('within the limit is read and classified', async () => {
    const server = await startForTest({ MAX_REQUEST_BYTES: '65536' });
    const upload = rawUpload(server.url, undefined);
    await upload.accepted;
    upload.req.end(multipart(fixture('breast-grey.png')));
    const answer = await upload.response;
    expect(answer.status).toBe(200);
    expect(answer.body.image_info.filename).toBe('a.png');
  });
});

describe('REQUEST_TIMEOUT_MS', () => {
  test('a stalled upload gets 503 TIMEOUT, and its slot is free for the next request', async () => {
    const server = await startForTest({ REQUEST_TIMEOUT_MS: '300', MAX_PENDING_REQUESTS: '1' });
    const image = multipart(fixture('breast-grey.png'));
    const stalled = rawUpload(server.url, image.length);
    await stalled.accepted;
    stalled.req.write(image.subarray(0, 100));
    const timedOut = await stalled.response;
    expect(timedOut.status).toBe(503);
    expect(timedOut.body).toMatchObject({ code: 'TIMEOUT', detail: expect.stringMatching(/300 ms deadline/) });
    expect(timedOut.headers.connection).toBe('close');
    // With one slot, a request still holding it would make this one 503 OVERLOADED.
    expect(server.gate.inFlight).toBe(0);
    expect((await call(server.url, 'POST', '/predict', { body: form('file', [['b.png', fixture('breast-grey.png')]]) })).status).toBe(200);
    stalled.req.destroy();
  });
});

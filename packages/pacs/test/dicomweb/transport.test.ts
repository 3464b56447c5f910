// The client against real sockets without a PACS: a port nobody listens on, a server that
// stalls, and one that answers HTTP errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDicomWebClient, type DicomWebError, isDicomWebError } from '../../src/index.js';

async function failure(promise: Promise<unknown>): Promise<DicomWebError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDicomWebError(error)) throw new Error(`expected a DicomWebError, got ${String(error)}`);
  return error;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('the client over real sockets', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '';
      if (path.startsWith('/dicom-web/studies/1.500/')) response.writeHead(500).end('{"Message":"boom"}');
      else if (path.startsWith('/dicom-web/studies/1.400')) response.writeHead(400).end();
      else if (path.startsWith('/dicom-web/studies/1.half/')) {
        // Headers and the start of a part, then nothing: the deadline covers the body too.
        response.writeHead(200, { 'content-type': 'multipart/related; type="application/dicom"; boundary=q' });
        response.write('--q\r\nContent-Type: application/dicom\r\n\r\nDICM');
      }
      // Anything else: the server never answers.
    });
    url = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  test('a server that never answers is DICOMWEB_TIMEOUT after timeoutMs, transient', async () => {
    const client = createDicomWebClient({ url, timeoutMs: 200 });
    const started = performance.now();
    const error = await failure(client.searchStudies());
    expect(error).toMatchObject({
      code: 'DICOMWEB_TIMEOUT',
      transient: true,
      message: 'QIDO-RS search of studies: no answer within 200 ms',
    });
    expect(error.status).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('a server that stalls in the middle of a body is DICOMWEB_TIMEOUT as well', async () => {
    const client = createDicomWebClient({ url, timeoutMs: 300 });
    expect(await failure(client.retrieveInstance('1.half', '2', '3'))).toMatchObject({ code: 'DICOMWEB_TIMEOUT', transient: true });
  });

  test('a 500 is DICOMWEB_REFUSED and transient, a 400 is not transient', async () => {
    const client = createDicomWebClient({ url, timeoutMs: 5000 });
    expect(await failure(client.retrieveInstance('1.500', '2', '3'))).toMatchObject({
      code: 'DICOMWEB_REFUSED',
      status: 500,
      transient: true,
    });
    expect(await failure(client.searchSeries('1.500'))).toMatchObject({ code: 'DICOMWEB_REFUSED', status: 500, transient: true });
    expect(await failure(client.store('1.400', [new Uint8Array(4)]))).toMatchObject({
      code: 'DICOMWEB_REFUSED',
      status: 400,
      transient: false,
    });
  });

  test('a port nobody listens on is DICOMWEB_UNREACHABLE, transient, with the system error', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await close(closed);
    const error = await failure(createDicomWebClient({ url: closedUrl, timeoutMs: 5000 }).searchStudies());
    expect(error).toMatchObject({ code: 'DICOMWEB_UNREACHABLE', transient: true });
    expect(error.message).toContain('ECONNREFUSED');
  });
});

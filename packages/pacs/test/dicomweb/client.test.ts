// The client against an injected fetch: what it sends, and how it reads each kind of answer.
import { describe, expect, test } from 'vitest';
import { createDicomWebClient, type DicomWebError, isDicomWebError } from '../../src/index.js';

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array | undefined;
  signal: AbortSignal | undefined;
}

/** A client whose fetch records each request and answers with `answer`. */
function clientAnswering(answer: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body instanceof Uint8Array ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    sent.push(request);
    return answer(request);
  };
  const client = createDicomWebClient({ url: 'http://pacs.test/dicom-web/', headers: { authorization: 'Bearer t0ken' }, fetch });
  return { client, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/dicom+json' } });

async function failure(promise: Promise<unknown>): Promise<DicomWebError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDicomWebError(error)) throw new Error(`expected a DicomWebError, got ${String(error)}`);
  return error;
}

describe('QIDO-RS', () => {
  test('sends the query, the caller headers and Accept: application/dicom+json, under the root without a double slash', async () => {
    const { client, sent } = clientAnswering(() => json([{ '0020000D': { vr: 'UI', Value: ['1.2.3'] } }]));
    const studies = await client.searchStudies({
      ModalitiesInStudy: 'MG',
      limit: '10',
      offset: '20',
      includefield: '00080061,00081030',
      'Patient Name': 'A&B=C?',
    });
    expect(studies).toEqual([{ '0020000D': { vr: 'UI', Value: ['1.2.3'] } }]);
    expect(sent[0]?.url).toBe(
      'http://pacs.test/dicom-web/studies?ModalitiesInStudy=MG&limit=10&offset=20&includefield=00080061,00081030&Patient%20Name=A%26B%3DC%3F',
    );
    expect(sent[0]?.headers.get('accept')).toBe('application/dicom+json');
    expect(sent[0]?.headers.get('authorization')).toBe('Bearer t0ken');
  });

  test('reads 204 No Content and an empty 200 as no match', async () => {
    expect(await clientAnswering(() => new Response(null, { status: 204 })).client.searchStudies()).toEqual([]);
    expect(await clientAnswering(() => new Response('', { status: 200 })).client.searchSeries('1.2.3')).toEqual([]);
  });

  test('reads a 404 on a study as no match, but a 404 on /studies as a wrong service root', async () => {
    const { client, sent } = clientAnswering(() => new Response('not found', { status: 404 }));
    expect(await client.searchSeries('1.2.3', { Modality: 'MG' })).toEqual([]);
    expect(await client.searchInstances('1.2.3')).toEqual([]);
    expect(sent.map((request) => request.url)).toEqual([
      'http://pacs.test/dicom-web/studies/1.2.3/series?Modality=MG',
      'http://pacs.test/dicom-web/studies/1.2.3/instances',
    ]);
    expect(await failure(client.searchStudies())).toMatchObject({ code: 'DICOMWEB_REFUSED', status: 404, transient: false });
  });

  test('says an answer that is not JSON, or not an array of data sets, is a bad response', async () => {
    expect(await failure(clientAnswering(() => new Response('<html>')).client.searchStudies())).toMatchObject({
      code: 'DICOMWEB_BAD_RESPONSE',
      status: 200,
    });
    expect(await failure(clientAnswering(() => json({ a: 1 })).client.searchStudies())).toMatchObject({ code: 'DICOMWEB_BAD_RESPONSE' });
    expect(await failure(clientAnswering(() => json([1])).client.searchStudies())).toMatchObject({ code: 'DICOMWEB_BAD_RESPONSE' });
  });

  test('keeps query values, which can be a patient name or ID, out of its messages', async () => {
    const { client } = clientAnswering(() => new Response('PatientName=Quokkafeld', { status: 500 }));
    const error = await failure(client.searchStudies({ PatientName: 'Quokkafeld', PatientID: 'PID-Q7Z3K9' }));
    expect(error).toMatchObject({ name: 'DicomWebError', code: 'DICOMWEB_REFUSED', status: 500, transient: true });
    expect(error.message).not.toMatch(/Quokkafeld|PID-Q7Z3K9/);
  });

  test.each([
    [408, true],
    [429, true],
    [503, true],
    [400, false],
    [401, false],
  ])('marks HTTP %i as transient: %s', async (status, transient) => {
    const error = await failure(clientAnswering(() => new Response('', { status })).client.searchStudies());
    expect(error).toMatchObject({ code: 'DICOMWEB_REFUSED', status, transient });
  });

  test('reads a fetch that rejects as unreachable, and transient', async () => {
    const { client } = clientAnswering(() =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })),
    );
    const error = await failure(client.searchStudies());
    expect(error).toMatchObject({ code: 'DICOMWEB_UNREACHABLE', transient: true });
    expect(error.message).toContain('ECONNRESET');
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

describe('WADO-RS', () => {
  const part = new Uint8Array([1, 2, 3, 13, 10, 4]);
  const multipart = (boundary: string, parts: Uint8Array[]) =>
    Buffer.concat([
      ...parts.flatMap((p) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), p, Buffer.from('\r\n')]),
      Buffer.from(`--${boundary}--`),
    ]);

  test('asks for the file as stored and returns the first part alone', async () => {
    const { client, sent } = clientAnswering(
      () =>
        new Response(multipart('q', [part]), { headers: { 'content-type': 'multipart/related; type="application/dicom"; boundary=q' } }),
    );
    const file = await client.retrieveInstance('1.2', '1.2.1', '1.2.1.1');
    expect([...file]).toEqual([...part]);
    expect(file.byteOffset).toBe(0);
    expect(file.buffer.byteLength).toBe(part.byteLength);
    expect(sent[0]?.url).toBe('http://pacs.test/dicom-web/studies/1.2/series/1.2.1/instances/1.2.1.1');
    expect(sent[0]?.headers.get('accept')).toBe('multipart/related; type="application/dicom"; transfer-syntax=*');
  });

  test('returns a bare application/dicom answer as it is', async () => {
    const { client } = clientAnswering(() => new Response(part, { headers: { 'content-type': 'application/dicom' } }));
    expect([...(await client.retrieveInstance('1', '2', '3'))]).toEqual([...part]);
  });

  test.each([
    ['a JSON answer', () => json([])],
    ['multipart without a part', () => new Response('--q--', { headers: { 'content-type': 'multipart/related; boundary=q' } })],
    ['a cut multipart', () => new Response('--q\r\n\r\nabc', { headers: { 'content-type': 'multipart/related; boundary=q' } })],
  ])('says %s is a bad response', async (_, answer) => {
    expect(await failure(clientAnswering(answer).client.retrieveInstance('1', '2', '3'))).toMatchObject({ code: 'DICOMWEB_BAD_RESPONSE' });
  });

  test('throws the caller abort reason as it is, not as a DicomWebError', async () => {
    // As the real fetch does: no answer until the signal aborts, then its reason.
    const { client } = clientAnswering(
      (sent) => new Promise<Response>((_, reject) => sent.signal?.addEventListener('abort', () => reject(sent.signal?.reason))),
    );
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const pending = client.retrieveInstance('1', '2', '3', { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('STOW-RS', () => {
  const files = [new Uint8Array([1, 1]), new Uint8Array([2, 2]), new Uint8Array([3, 3])];
  const item = (uid: string, extra: Record<string, unknown> = {}) => ({ '00081155': { vr: 'UI', Value: [uid] }, ...extra });
  const answer = (stored: string[], failed: Array<[string, number | undefined]>) => ({
    '00081199': { vr: 'SQ', ...(stored.length ? { Value: stored.map((uid) => item(uid)) } : {}) },
    '00081198': {
      vr: 'SQ',
      ...(failed.length
        ? { Value: failed.map(([uid, reason]) => item(uid, reason === undefined ? {} : { '00081197': { vr: 'US', Value: [reason] } })) }
        : {}),
    },
  });

  test('posts every file as one multipart/related body to the study, asking for DICOM JSON', async () => {
    const { client, sent } = clientAnswering(() => json(answer(['a', 'b', 'c'], [])));
    expect(await client.store('1.2.3', files)).toEqual({ stored: ['a', 'b', 'c'], failed: [] });
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://pacs.test/dicom-web/studies/1.2.3' });
    expect(sent[0]?.headers.get('content-type')).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    expect(sent[0]?.headers.get('accept')).toBe('application/dicom+json');
    expect(
      Buffer.from(sent[0]?.body ?? [])
        .toString('latin1')
        .match(/Content-Type: application\/dicom\r\n/g),
    ).toHaveLength(3);
  });

  test('returns the failed instances with their reasons, whatever the status (Orthanc: 409 when all fail)', async () => {
    const { client } = clientAnswering(() =>
      json(
        answer(
          ['a'],
          [
            ['b', 0x0110],
            ['c', undefined],
          ],
        ),
        409,
      ),
    );
    expect(await client.store('1.2.3', files)).toEqual({
      stored: ['a'],
      failed: [
        { sopInstanceUid: 'b', reason: 'processing failure (0x0110)' },
        { sopInstanceUid: 'c', reason: 'no failure reason given' },
      ],
    });
    const coded = clientAnswering(() =>
      json(
        answer(
          [],
          [
            ['a', 0xa7ff],
            ['b', 0xc001],
            ['c', 0xb000],
          ],
        ),
        409,
      ),
    );
    expect((await coded.client.store('1', files)).failed.map((f) => f.reason)).toEqual([
      'out of resources (0xA7FF)',
      'cannot understand (0xC001)',
      '0xB000',
    ]);
  });

  test('throws DICOMWEB_STORE_FAILED when the answer leaves files unaccounted for', async () => {
    // Orthanc's answer when one part is not DICOM at all: 400, the readable ones listed.
    const { client } = clientAnswering(() => json(answer(['a', 'b'], []), 400));
    const error = await failure(client.store('1.2.3', files));
    expect(error).toMatchObject({ code: 'DICOMWEB_STORE_FAILED', status: 400, transient: false });
    expect(error.message).toContain('2 stored, 0 failed, 1 not accounted for');
  });

  test('throws DICOMWEB_REFUSED for an error without a STOW answer, and DICOMWEB_BAD_RESPONSE for a success without one', async () => {
    expect(await failure(clientAnswering(() => new Response('oops', { status: 503 })).client.store('1', files))).toMatchObject({
      code: 'DICOMWEB_REFUSED',
      status: 503,
      transient: true,
    });
    expect(await failure(clientAnswering(() => json({ '00080005': { vr: 'CS' } })).client.store('1', files))).toMatchObject({
      code: 'DICOMWEB_BAD_RESPONSE',
      status: 200,
    });
  });
});

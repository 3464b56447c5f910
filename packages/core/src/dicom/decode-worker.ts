// Decodes DICOM files off the main thread: the codecs are WebAssembly and JavaScript that run
// on the thread that calls them, up to 2 s for a 16-bit JPEG 2000 mammogram, and on the
// server's main thread that would stall every other request and the health probes.
import { parentPort } from 'node:worker_threads';
import { isCoreError } from '../errors.js';
import { decodeDicomFile } from './decode-dicom.js';
import type { DicomWorkerReply, DicomWorkerRequest } from './decode-pool.js';

if (!parentPort) throw new Error('the DICOM decode worker must run in a worker thread');
const port = parentPort;

port.on('message', async ({ id, bytes, options }: DicomWorkerRequest) => {
  let reply: DicomWorkerReply;
  try {
    const image = await decodeDicomFile(bytes, options);
    reply = { id, image };
    port.postMessage(reply, [image.pixels.buffer as ArrayBuffer]);
    return;
  } catch (error) {
    // Only a CoreError's code and message cross back: they are the user's sentence, and hold no tag values.
    reply = isCoreError(error)
      ? { id, error: { code: error.code, message: error.message } }
      : { id, error: { message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(reply);
});

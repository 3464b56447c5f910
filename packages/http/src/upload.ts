import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { castToError } from '@bcd-api/contract';
import multer from '@koa/multer';
import type { Context } from 'koa';
import type { ByteBudget, Reservation } from './byte-budget.js';
import { ApiError } from './errors/api-error.js';
import { sanitiseForMessage } from './errors/sanitise-for-message.js';
import { toApiError } from './errors/to-api-error.js';
import { sanitiseFilename } from './file-name.js';

/** A file received from the client, held in memory. */
export interface Upload {
  /** Sanitised client file name, safe to echo. */
  filename: string;
  bytes: Buffer;
}

/** Options for {@link createUploadReader}. */
export interface UploadOptions {
  /** The multipart field that carries the images (`file` or `files`). */
  field: string;
  maxFiles: number;
  maxFileBytes: number;
  /** Largest request body: checked from Content-Length before anything is read, and counted as a chunked body arrives. */
  maxRequestBytes: number;
  /** The memory budget every upload's bytes are held under until the request is done. */
  budget: ByteBudget;
  /** Text fields the route takes besides the files (each may be repeated); any other is refused. */
  textFields?: readonly string[];
}

/** The files of one request, its text fields, and the budget they hold: call `release` once they are no longer used. */
export interface Uploads {
  files: Upload[];
  /** Each allowed text field the client sent, its values in the order sent. */
  fields: Record<string, string[]>;
  release(): void;
}

/**
 * Builds a reader for a route's multipart body. It insists on multipart/form-data, takes
 * images only from `field`, and refuses anything else the client sent (other file fields,
 * text fields) rather than ignoring it. Bytes are held under the memory budget: a body with
 * a Content-Length reserves it before reading (waiting briefly for room), a chunked body
 * grows its reservation as it arrives. The signal abandons the read (a request past its
 * deadline).
 */
export function createUploadReader(options: UploadOptions): (ctx: Context, signal: AbortSignal) => Promise<Uploads> {
  const limits = { maxFileBytes: options.maxFileBytes, maxFiles: options.maxFiles, field: options.field };

  return async (ctx, signal) => {
    if (!ctx.is('multipart/form-data')) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the request as multipart/form-data with the image${options.maxFiles > 1 ? 's' : ''} in the field '${options.field}'.`,
      );
    }
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > options.maxRequestBytes) {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `Request too large: ${declared} bytes; the limit is ${options.maxRequestBytes} bytes per request.`,
      );
    }
    const reservation = await options.budget.reserve(declared, signal);
    let files: MulterFile[];
    try {
      files = await readMultipart(ctx, options, reservation, declared === 0, signal);
    } catch (error) {
      throw toApiError(error, limits);
    }
    // For the request's log line.
    ctx.state.images = files.length;
    let fields: Record<string, string[]>;
    try {
      fields = checkParts(ctx, files, options);
    } catch (error) {
      reservation.release();
      throw error;
    }
    return {
      files: files.map((f) => ({ filename: sanitiseFilename(f.originalname), bytes: f.buffer })),
      fields,
      release: () => reservation.release(),
    };
  };
}

/** A file as multer's memory storage holds it. */
type MulterFile = multer.File;

/** Refuses text fields the route does not take, files in other fields, and a body with no file; returns the text fields. */
function checkParts(ctx: Context, files: MulterFile[], options: UploadOptions): Record<string, string[]> {
  // multer puts the text fields it read on the request's `body`: a string, or an array when repeated.
  const body: unknown = 'body' in ctx.request ? ctx.request.body : undefined;
  const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const allowed = options.textFields ?? [];
  const fields: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(sent)) {
    if (name === options.field) {
      throw new ApiError('MISSING_FILE', `The field '${options.field}' must be a file upload, not a text value.`);
    }
    if (!allowed.includes(name)) {
      const expected = [options.field, ...allowed].map((f) => `'${f}'`).join(', ');
      throw new ApiError('UNEXPECTED_FIELD', `Unexpected form field '${sanitiseForMessage(name)}'; send only ${expected}.`);
    }
    fields[name] = (Array.isArray(value) ? value : [value]).map(String);
  }
  const stray = files.find((f) => f.fieldname !== options.field);
  if (stray) {
    throw new ApiError(
      'UNEXPECTED_FIELD',
      `Unexpected file field '${sanitiseForMessage(stray.fieldname)}'; send the image${options.maxFiles > 1 ? 's' : ''} in the field '${options.field}'.`,
    );
  }
  if (files.length === 0) {
    throw new ApiError(
      'MISSING_FILE',
      options.maxFiles > 1
        ? `No files uploaded: send 1 to ${options.maxFiles} images, each in a multipart field named '${options.field}'.`
        : `No file uploaded: send the image in the multipart field '${options.field}'.`,
    );
  }
  return fields;
}

/**
 * Runs multer over the request, counting every byte that arrives. Fails at once, without
 * waiting for the body, when it passes `maxRequestBytes` or (chunked) outgrows the budget:
 * then the connection is marked to close after the answer, as the rest is not worth reading.
 * On any failure the reservation is released once multer has let go of what it buffered.
 */
async function readMultipart(
  ctx: Context,
  options: UploadOptions,
  reservation: Reservation,
  chunked: boolean,
  signal: AbortSignal,
): Promise<MulterFile[]> {
  let busboy: Writable | undefined;
  let fail!: (error: unknown) => void;
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      busboy?.destroy(castToError(error));
      reject(error);
    };
  });
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    try {
      if (received > options.maxRequestBytes) {
        throw new ApiError(
          'PAYLOAD_TOO_LARGE',
          `Request too large: more than ${options.maxRequestBytes} bytes; the limit is ${options.maxRequestBytes} bytes per request.`,
        );
      }
      if (chunked) reservation.grow(chunk.length);
    } catch (error) {
      ctx.req.off('data', count);
      ctx.state.closeConnection = true;
      fail(error);
    }
  };
  // Two options the types lack: multer's `defParamCharset` and @koa/multer's own `streamHandler`.
  const settings: multer.Options & { defParamCharset: string; streamHandler: (req: IncomingMessage, parser: Writable) => void } = {
    storage: multer.memoryStorage(),
    // Part header parameters (file names) are UTF-8 in every current browser and client.
    defParamCharset: 'utf8',
    limits: {
      fileSize: options.maxFileBytes,
      files: options.maxFiles,
      fields: 10,
      fieldSize: 64 * 1024,
      fieldNameSize: 200,
      parts: options.maxFiles + 10,
      headerPairs: 100,
    },
    streamHandler: (req: IncomingMessage, parser: Writable) => {
      busboy = parser;
      req.on('data', count);
      req.pipe(parser);
    },
  };
  const upload = multer(settings).any();
  const onAbort = () => fail(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const reading = upload(ctx, async () => {});
  try {
    await Promise.race([reading, failed]);
    // `.any()` leaves a list (never the by-field record that `.fields()` makes).
    return Array.isArray(ctx.files) ? ctx.files : [];
  } catch (error) {
    // multer settles once the body has ended or the connection closed; only then are its buffers gone.
    void reading.catch(() => {}).finally(() => reservation.release());
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    ctx.req.off('data', count);
    failed.catch(() => {});
  }
}

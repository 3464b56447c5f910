import multer from '@koa/multer';
import type { Context } from 'koa';
import { ApiError, sanitiseForMessage, toApiError } from './errors.js';
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
  /**
   * Largest request body, checked from Content-Length before anything is read. A chunked
   * body has no length; it stays bounded by maxFiles x maxFileBytes plus the small field limits.
   */
  maxRequestBytes: number;
}

/**
 * Builds a reader for a route's multipart body. It insists on multipart/form-data, takes
 * images only from `field`, and refuses anything else the client sent (other file fields,
 * text fields) rather than ignoring it.
 */
export function createUploadReader(options: UploadOptions): (ctx: Context) => Promise<Upload[]> {
  const upload = multer({
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
  } as multer.Options).any();
  const limits = { maxFileBytes: options.maxFileBytes, maxFiles: options.maxFiles, field: options.field };

  return async (ctx) => {
    if (!ctx.is('multipart/form-data')) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the request as multipart/form-data with the image${options.maxFiles > 1 ? 's' : ''} in the field '${options.field}'.`,
      );
    }
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > options.maxRequestBytes) {
      throw new ApiError('PAYLOAD_TOO_LARGE', `Request too large: ${declared} bytes; the limit is ${options.maxRequestBytes} bytes per request.`);
    }
    try {
      await upload(ctx, async () => {});
    } catch (error) {
      throw toApiError(error, limits);
    }
    const files = (ctx.files ?? []) as unknown as Array<{ fieldname: string; originalname: string; buffer: Buffer }>;
    const fields = (ctx.request as { body?: Record<string, unknown> }).body ?? {};
    for (const name of Object.keys(fields)) {
      if (name === options.field) {
        throw new ApiError('MISSING_FILE', `The field '${options.field}' must be a file upload, not a text value.`);
      }
      throw new ApiError('UNEXPECTED_FIELD', `Unexpected form field '${sanitiseForMessage(name)}'; send only '${options.field}'.`);
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
    return files.map((f) => ({ filename: sanitiseFilename(f.originalname), bytes: f.buffer }));
  };
}

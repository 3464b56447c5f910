import type { Laterality } from '@bcd-api/contract';
import { InputError } from './errors.js';

/** Bytes the SDK can upload in any runtime: a `File` (its name is kept), a `Blob`, a `Uint8Array` (a Node `Buffer` is one), an `ArrayBuffer` or a web `ReadableStream`. */
export type BinaryInput = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

/** Bytes with the file name the server should see (and echo in `image_info.filename`). */
export interface NamedInput<T = BinaryInput> {
  data: T;
  filename: string;
}

/** One image to upload, as the caller has it. Node adds paths and `fs.ReadStream` through `@bcd-api/client/node`. */
export type FileInput = BinaryInput | NamedInput;

/**
 * One image of a study: the file alone (a DICOM file whose tags give its side and view), or
 * the file with its `laterality` and `view` (needed for PNG, JPEG, WebP and TIFF).
 */
export type StudyFile<F> = F | { file: F; laterality?: Laterality; view?: string };

/** An upload ready for `FormData`. */
export interface NamedBlob {
  blob: Blob;
  filename: string;
}

/** Turns one input into something `FormData` takes; `fallbackName` is used when the input has no name. */
export type FileResolver<F> = (input: F, fallbackName: string) => Promise<NamedBlob>;

function isFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File;
}

function isBlob(value: unknown): value is Blob {
  return (
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    // Blobs from another realm (an iframe) or another copy of undici.
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Blob).arrayBuffer === 'function' &&
      typeof (value as Blob).size === 'number' &&
      typeof (value as Blob).type === 'string')
  );
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

function isNamed(value: unknown): value is NamedInput<unknown> {
  return typeof value === 'object' && value !== null && 'data' in value && typeof (value as NamedInput).filename === 'string';
}

/** Reads a browser-safe input into a `Blob` with a file name. */
export const resolveBinaryInput: FileResolver<FileInput> = async (input, fallbackName) => {
  if (isNamed(input)) {
    const { blob } = await resolveBinaryInput(input.data, input.filename);
    return { blob, filename: input.filename };
  }
  if (isFile(input)) return { blob: input, filename: input.name || fallbackName };
  if (isBlob(input)) {
    const name = (input as Partial<File>).name;
    return { blob: input, filename: typeof name === 'string' && name !== '' ? name : fallbackName };
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    return { blob: new Blob([input as BlobPart]), filename: fallbackName };
  }
  if (isReadableStream(input)) {
    try {
      return { blob: await new Response(input).blob(), filename: fallbackName };
    } catch (cause) {
      throw new InputError(`Could not read the stream for ${fallbackName}.`, { cause });
    }
  }
  throw new InputError(
    `Unsupported file input (${Object.prototype.toString.call(input)}): pass a File, Blob, Uint8Array, ArrayBuffer or ReadableStream.`,
  );
};

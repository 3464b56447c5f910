// Node-only entry: everything from the main entry, plus files given as a path, a `file:` URL
// or an `fs.ReadStream`. Kept apart so that the main entry bundles for browsers.

import type { ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { castToError, systemErrorCode } from '@bcd-api/contract';
import { buildClient, type Client } from './client.js';
import { InputError } from './errors.js';
import { type FileInput, type FileResolver, type NamedBlob, type NamedInput, resolveBinaryInput } from './file-input.js';
import type { ClientOptions } from './options.js';

export * from './index.js';

/** A local file: its path, a `file:` URL, or an open `fs.ReadStream`. */
export type LocalFile = string | URL | ReadStream;

/** One image to upload from Node: anything the main entry takes, or a local file (optionally renamed). */
export type NodeFileInput = FileInput | LocalFile | NamedInput<LocalFile>;

function isReadStream(value: unknown): value is ReadStream {
  return typeof value === 'object' && value !== null && typeof (value as ReadStream).pipe === 'function' && Symbol.asyncIterator in value;
}

async function readLocal(input: LocalFile): Promise<NamedBlob> {
  if (isReadStream(input)) {
    const name = basename(String(input.path));
    try {
      const parts: Uint8Array[] = [];
      for await (const part of input as AsyncIterable<Uint8Array | string>)
        parts.push(typeof part === 'string' ? new TextEncoder().encode(part) : part);
      return { blob: new Blob(parts as BlobPart[]), filename: name };
    } catch (cause) {
      throw new InputError(`Could not read ${name}: ${castToError(cause).message}`, { cause });
    }
  }
  const path = input instanceof URL ? fileURLToPath(input) : input;
  try {
    return { blob: new Blob([await readFile(path)]), filename: basename(path) };
  } catch (cause) {
    throw new InputError(
      systemErrorCode(cause) === 'ENOENT' ? `${path}: no such file.` : `Could not read ${path}: ${castToError(cause).message}`,
      { cause },
    );
  }
}

/** Reads a Node file input into a `Blob` with its file name (the path's base name unless renamed). */
export const resolveNodeInput: FileResolver<NodeFileInput> = async (input, fallbackName) => {
  if (typeof input === 'string' || input instanceof URL || isReadStream(input)) return readLocal(input);
  if (typeof input === 'object' && input !== null && 'data' in input && 'filename' in input) {
    const { data, filename } = input;
    if (typeof data === 'string' || data instanceof URL || isReadStream(data)) return { blob: (await readLocal(data)).blob, filename };
  }
  return resolveBinaryInput(input as FileInput, fallbackName);
};

/**
 * Creates a client for Node that also takes paths, `file:` URLs and `fs.ReadStream`s.
 * ⚠️ For education and research only, not for medical diagnosis.
 *
 * @example
 * import { createClient } from '@bcd-api/client/node';
 * const client = createClient({ baseUrl: 'http://localhost:7860' });
 * const { data } = await client.batchPredict(['left.png', 'right.png']);
 */
export function createClient(options: ClientOptions): Client<NodeFileInput> {
  return buildClient(options, resolveNodeInput);
}

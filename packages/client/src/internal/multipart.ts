import { castToError, type Laterality } from '@bcd-api/contract';
import { type ClientError, InputError, isClientError } from '../errors.js';
import type { FileResolver, NamedBlob } from '../file-input.js';

/** One image of a study as the multipart body carries it: the upload, and its side and view when given. */
export interface StudyPart {
  upload: NamedBlob;
  laterality?: Laterality | undefined;
  view?: string | undefined;
}

/** The error of a file that could not be read: the resolver's own, or an {@link InputError} saying why. */
export function readError(cause: unknown, what: string): ClientError {
  return isClientError(cause) ? cause : new InputError(`Could not read ${what}: ${castToError(cause).message}`, { cause });
}

/**
 * Reads `files` with `resolve`, each unnamed one called `image-<n>` counting from
 * `firstNumber`; the first failure is returned as a {@link ClientError}, nothing is thrown.
 */
export async function readUploads<F>(
  resolve: FileResolver<F>,
  files: readonly F[],
  firstNumber: number,
): Promise<NamedBlob[] | { error: ClientError }> {
  try {
    return await Promise.all(files.map((file, i) => resolve(file, `image-${firstNumber + i}`)));
  } catch (cause) {
    return { error: readError(cause, 'a file') };
  }
}

/**
 * The multipart body of `POST /predict`, `/explain` (`file`) or `/batch-predict` (`files`):
 * built here rather than by openapi-fetch so that each part keeps its file name.
 */
export function uploadsBody(field: 'file' | 'files', uploads: readonly NamedBlob[]): FormData {
  const form = new FormData();
  for (const upload of uploads) form.append(field, upload.blob, upload.filename);
  return form;
}

/**
 * The multipart body of `POST /predict-study`: the `files`, then `laterality` and `view` sent
 * once per file, in order, when any file has one (empty means "from its DICOM tags").
 */
export function studyBody(parts: readonly StudyPart[]): FormData {
  const form = uploadsBody(
    'files',
    parts.map((p) => p.upload),
  );
  for (const name of ['laterality', 'view'] as const) {
    if (parts.some((p) => p[name] !== undefined)) for (const p of parts) form.append(name, p[name] ?? '');
  }
  return form;
}

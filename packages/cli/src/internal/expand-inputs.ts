import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Image extensions picked from a folder given as an argument. */
const IMAGE_GLOB = '*.{png,jpg,jpeg,webp,tif,tiff,dcm,dicom}';

/** The files to classify, and the arguments that named none (each with its reason). */
export interface ExpandedInputs {
  files: string[];
  missing: Array<{ file: string; reason: string }>;
}

/**
 * Expands the CLI's arguments: a glob (quoted, so the shell left it alone), a folder (its
 * images) or a file. Each file appears once, in argument order, globs sorted by name.
 */
export async function expandInputs(args: readonly string[], cwd: string = process.cwd()): Promise<ExpandedInputs> {
  const files: string[] = [];
  const seen = new Set<string>();
  const missing: ExpandedInputs['missing'] = [];
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isFile()) {
      add(arg);
    } else if (info?.isDirectory()) {
      const found = await glob(IMAGE_GLOB, { cwd: arg, onlyFiles: true, caseSensitiveMatch: false, expandDirectories: false });
      if (found.length === 0) missing.push({ file: arg, reason: 'the folder holds no PNG, JPEG, WebP, TIFF or DICOM (.dcm) file.' });
      for (const name of found.sort(byName)) add(`${arg.replace(/\/+$/, '')}/${name}`);
    } else if (isDynamicPattern(arg)) {
      // An absolute pattern gives absolute paths, a relative one paths relative to `cwd`, as a shell would.
      const found = await glob(arg, { cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
      if (found.length === 0) missing.push({ file: arg, reason: 'no file matches this pattern.' });
      for (const name of found.sort(byName)) add(name);
    } else {
      missing.push({ file: arg, reason: 'no such file.' });
    }
  }
  return { files, missing };
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

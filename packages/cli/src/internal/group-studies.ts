import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { StudyFile } from '@bcd-api/client';
import { LATERALITIES } from '@bcd-api/contract';
import dicomParser from 'dicom-parser';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff']);
/** `L-CC.png`, `right_mlo.jpg`, `case7 R MLO.tif`: a side and a view in the file name. */
const SIDE_VIEW = /(?:^|[^a-z])(l|r|left|right)[-_ .]*(cc|mlo|ml|lm|xccl|xccm)(?:[^a-z]|$)/i;

/** A file the CLI could not place in a study, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

/** Files grouped into studies: DICOM by StudyInstanceUID (kept here, never printed or sent), other images together. */
export interface StudyGroups {
  studies: Array<{ label: string; files: Array<StudyFile<string>> }>;
  skipped: Skipped[];
}

/**
 * Reads the arguments (folders: their files, not recursing; or files) and groups them: DICOM
 * files by their StudyInstanceUID, read locally (the UID itself is neither printed nor sent),
 * PNG, JPEG, WebP and TIFF images into one study, their side and view from their names.
 */
export async function groupStudies(args: readonly string[]): Promise<StudyGroups> {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(arg, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      if (names.length === 0) skipped.push({ file: arg, reason: 'the folder holds no file.' });
      for (const name of names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) files.push(join(arg, name));
    } else if (info?.isFile()) files.push(arg);
    else skipped.push({ file: arg, reason: 'no such file or folder.' });
  }

  const byUid = new Map<string, string[]>();
  const images: Array<StudyFile<string>> = [];
  for (const file of files) {
    const bytes = await readFile(file);
    if (hasDicomMarker(bytes) || extname(file).toLowerCase() === '.dcm') {
      const uid = studyUid(bytes);
      if (uid === undefined) {
        skipped.push({ file, reason: 'a DICOM file without a readable StudyInstanceUID: it cannot be grouped into a study.' });
        continue;
      }
      byUid.set(uid, [...(byUid.get(uid) ?? []), file]);
    } else if (IMAGE_EXTENSIONS.has(extname(file).toLowerCase())) {
      const match = SIDE_VIEW.exec(basename(file, extname(file)));
      // `l`, `left`: the contract's `L`; `r`, `right`: `R`.
      const laterality = LATERALITIES.find((side) => match?.[1]?.toUpperCase().startsWith(side));
      images.push(
        match && laterality
          ? { file, laterality, view: (match[2] ?? '').toUpperCase() }
          : // The server names the file when nothing tells its side.
            file,
      );
    } else {
      skipped.push({ file, reason: 'neither DICOM nor a PNG, JPEG, WebP or TIFF image.' });
    }
  }
  const studies = [...byUid.values()].map((group, i) => ({ label: `DICOM study ${i + 1}`, files: group as Array<StudyFile<string>> }));
  if (images.length) studies.push({ label: 'images by file name', files: images });
  return { studies, skipped };
}

function hasDicomMarker(bytes: Uint8Array): boolean {
  return bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** The StudyInstanceUID of a Part 10 file, or of a `.dcm` file without preamble (read as Explicit, then Implicit VR Little Endian). */
function studyUid(bytes: Uint8Array): string | undefined {
  const attempts: Array<{ TransferSyntaxUID?: string }> = hasDicomMarker(bytes)
    ? [{}]
    : [{ TransferSyntaxUID: '1.2.840.10008.1.2.1' }, { TransferSyntaxUID: '1.2.840.10008.1.2' }];
  for (const options of attempts) {
    try {
      // Up to the pixel data: the tags are all before it.
      const uid = dicomParser.parseDicom(bytes, { ...options, untilTag: 'x7fe00010' }).string('x0020000d');
      if (uid) return uid;
    } catch {
      // Not this encoding: the next, or no UID.
    }
  }
  return undefined;
}

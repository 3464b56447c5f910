import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { MAX_STUDY_IMAGES, type StudyFile } from '@bcd-api/client';
import type { createClient } from '@bcd-api/client/node';
import { castToError, type StudyImageSuccess, type StudyResponse } from '@bcd-api/contract';
import dicomParser from 'dicom-parser';
import { csvCell, type OutputFormat, REFUSED_CODE, renderTable } from './format.js';

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
      const side = match?.[1]?.toUpperCase();
      images.push(
        match && side
          ? { file, laterality: side.startsWith('L') ? 'L' : 'R', view: (match[2] ?? '').toUpperCase() }
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

/** The outcome of one study: the server's answer or the error, for {@link formatStudies}. */
export type StudyOutcome = { label: string; files: string[] } & ({ data: StudyResponse } | { error: { code: string; message: string } });

/** Sends each group as one `POST /predict-study`; a group over the limit is refused here. */
export async function runStudies(client: ReturnType<typeof createClient>, groups: StudyGroups['studies']): Promise<StudyOutcome[]> {
  const outcomes: StudyOutcome[] = [];
  for (const { label, files } of groups) {
    const names = files.map((f) => (typeof f === 'string' ? f : f.file));
    if (files.length > MAX_STUDY_IMAGES) {
      outcomes.push({
        label,
        files: names,
        error: { code: 'TOO_MANY_FILES', message: `${files.length} images; a study takes at most ${MAX_STUDY_IMAGES}.` },
      });
      continue;
    }
    const { data, error } = await client.predictStudy(files);
    outcomes.push(
      data ? { label, files: names, data } : { label, files: names, error: { code: error.code, message: castToError(error).message } },
    );
  }
  return outcomes;
}

/** An image given its verdict with an input-check warning (the server set to INPUT_CHECK=warn). */
function isWarned(result: StudyResponse['results'][number]): result is StudyImageSuccess {
  return 'input_check' in result && result.input_check.status === 'warning';
}

/**
 * Renders the outcomes: per study, its images, its breasts and the study, then what is missing.
 * An image refused as not a mammogram is `REFUSED`; when any verdict came with an input-check
 * warning, an `INPUT CHECK` column marks it `WARNING`, and the breast and the study whose
 * results it entered.
 */
export function formatStudies(outcomes: readonly StudyOutcome[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(outcomes, null, 2)}\n`;
  const warned = outcomes.some((o) => 'data' in o && o.data.results.some(isWarned));
  const check = (cell: string): string[] => (warned ? [cell] : []);
  const rows: string[][] = [];
  for (const o of outcomes) {
    if ('error' in o) {
      rows.push([o.label, o.files.join(' '), '', '', 'FAILED', '', o.error.code, ...check('')]);
      continue;
    }
    const warnedSides = new Set(o.data.results.flatMap((r) => (isWarned(r) ? [r.laterality] : [])));
    o.data.results.forEach((r, i) => {
      const file = o.files[i] ?? r.filename;
      rows.push(
        'error' in r
          ? [o.label, file, '', '', r.code === REFUSED_CODE ? 'REFUSED' : 'FAILED', '', r.code, ...check('')]
          : [
              o.label,
              file,
              r.laterality,
              r.view ?? '',
              r.prediction,
              r.probabilities.malignant.toFixed(2),
              r.risk_assessment.level,
              ...check(isWarned(r) ? 'WARNING' : ''),
            ],
      );
    });
    for (const [name, result, warnedIn] of [
      ['left breast', o.data.breasts.left, warnedSides.has('L')],
      ['right breast', o.data.breasts.right, warnedSides.has('R')],
      ['STUDY', o.data.study, warnedSides.size > 0],
    ] as const) {
      rows.push(
        result
          ? [
              o.label,
              `(${name})`,
              '',
              '',
              result.prediction,
              result.probabilities.malignant.toFixed(2),
              result.risk_assessment.level,
              ...check(warnedIn ? 'WARNING' : ''),
            ]
          : [o.label, `(${name})`, '', '', '-', '-', 'no image', ...check('')],
      );
    }
  }
  const header = ['STUDY', 'FILE', 'SIDE', 'VIEW', 'PREDICTION', 'MALIGNANT %', 'RISK', ...check('INPUT CHECK')];
  if (format === 'csv')
    return `${[header.map((h) => h.toLowerCase().replace(/ %$/, '_percent')), ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  return renderTable(header, rows);
}

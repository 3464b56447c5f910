// Readers of the DICOM JSON model (PS3.18 F.2), as QIDO-RS and STOW-RS answer it.

/** One DICOM JSON data set (PS3.18 F.2): tag "GGGGEEEE" → { vr, Value? }. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string; BulkDataURI?: string }>;

/**
 * The first value of `tag` as a string (a PN as its Alphabetic form, a number as its decimal
 * text); undefined when the element, its value or the Alphabetic group is absent.
 */
export function jsonString(data: DicomJson, tag: string): string | undefined {
  const value = data[tag.toUpperCase()]?.Value?.[0];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // PN: { Alphabetic, Ideographic, Phonetic } (PS3.18 F.2.2).
  if (typeof value === 'object' && value !== null && 'Alphabetic' in value && typeof value.Alphabetic === 'string') return value.Alphabetic;
  return undefined;
}

/**
 * The first value of `tag` as a number; undefined when absent or not numeric. IS and DS come as
 * JSON numbers from Orthanc but PS3.18 F.2.3 lets a server send them as strings: both are read.
 */
export function jsonNumber(data: DicomJson, tag: string): number | undefined {
  const value = data[tag.toUpperCase()]?.Value?.[0];
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

/** The items of a sequence (SQ) element: data sets; [] when absent or empty. */
export function jsonSequence(data: DicomJson, tag: string): DicomJson[] {
  const items = data[tag.toUpperCase()]?.Value ?? [];
  return items.filter((item): item is DicomJson => typeof item === 'object' && item !== null && !Array.isArray(item));
}

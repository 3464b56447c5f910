/**
 * Makes a client's file name safe to echo: the last path segment only, no control or
 * bidi-override characters, at most 255 characters; `upload` when nothing is left. The
 * name is never used as a path.
 */
export function sanitiseFilename(name: string | undefined): string {
  const lastSegment = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control and bidi characters is the point.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}

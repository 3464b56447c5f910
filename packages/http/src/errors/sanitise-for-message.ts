/** Makes a client-supplied string safe to echo in a message: printable, short. */
export function sanitiseForMessage(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
}

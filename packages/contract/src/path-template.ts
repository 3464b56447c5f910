/**
 * Whether a request path matches an OpenAPI path template: the same segments, with each
 * `{param}` matching one non-empty segment.
 *
 * @example
 * pathTemplateMatches('/docs/{asset}', '/docs/redoc.standalone.js'); // true
 */
export function pathTemplateMatches(template: string, path: string): boolean {
  const a = template.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((part, i) => (part.startsWith('{') && part.endsWith('}') ? b[i] !== '' : part === b[i]));
}

import { OPEN_PATHS, pathTemplateMatches } from '@bcd-api/contract';

/**
 * Whether a path is open without an API key: the spec's operations that declare no `security`
 * (the probes, the docs, which need the spec to render, and the demo page with its assets: the
 * page asks for a key when the API wants one), and `/metrics` unless METRICS_REQUIRE_KEY says
 * otherwise (scrapers usually run inside the cluster, without a key).
 */
export function isOpenPath(path: string, options: { metricsRequireKey: boolean }): boolean {
  if (OPEN_PATHS.some((template) => pathTemplateMatches(template, path))) return true;
  // `/demo/` is the page's base in its build and redirects to `/demo`: as open as the page.
  if (path === '/demo/') return true;
  return !options.metricsRequireKey && (path === '/metrics' || path === '/metrics/');
}

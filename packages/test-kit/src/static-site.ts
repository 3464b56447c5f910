import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One file a {@link serveStaticSite} site serves: its content type and bytes. */
export interface StaticFile {
  type: string;
  body: string | Uint8Array;
}

/** A running static site: its base URL (no trailing slash) and how to stop it. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves fixed files by path (`/`, `/dist/main.js`; 404 for anything else) on a free loopback
 * port, as a downstream web app would be served. The URL names `localhost` while test servers
 * name `127.0.0.1`, so a page from here calls the API from another origin, and CORS is exercised.
 *
 * @example
 * const site = await serveStaticSite({ '/': { type: 'text/html', body: html } });
 * await page.goto(site.url);
 */
export async function serveStaticSite(files: Record<string, StaticFile>): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = Object.hasOwn(files, path) ? files[path] : undefined;
    if (file) res.writeHead(200, { 'content-type': file.type }).end(file.body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

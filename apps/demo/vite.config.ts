import { defineConfig } from 'vite';

/** The API that `vite` (the dev server) forwards the page's calls to. */
const API = process.env.BCD_API_URL ?? 'http://localhost:7860';
const API_PATHS = ['/health', '/model', '/predict', '/explain', '/batch-predict', '/openapi.json'];

export default defineConfig({
  // Served by the API server at /demo (see @bcd-api/http's src/routes/demo.ts).
  base: '/demo/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // The server's CSP allows no inline script or style: no preload polyfill, nothing inlined
    // as a data: URL, every file under dist/assets with a content hash in its name.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: API, changeOrigin: true }])),
  },
});

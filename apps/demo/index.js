import { fileURLToPath } from 'node:url';

/** Absolute path of the built demo page (`vite build` writes it): `index.html` and the hashed files under `assets/`. */
export const demoDir = fileURLToPath(new URL('./dist/', import.meta.url));

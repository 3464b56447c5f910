/** Absolute path of the built demo page (`vite build` writes it): `index.html` and the hashed files under `assets/`. */
export declare const demoDir: string;

/** Replaced at build time by Vite's `define` with package.json's version. */
declare const __STUDIO_VERSION__: string | undefined;

/** Version of Distill Studio (package.json), or `dev` when not built by Vite. */
export const STUDIO_VERSION: string = typeof __STUDIO_VERSION__ === 'string' ? __STUDIO_VERSION__ : 'dev';

import type { Plugin } from 'vite';

/**
 * The production Content-Security-Policy. Every source is the page's own origin; nothing third-party:
 * - `default-src 'self'`: anything not listed below comes from the studio's own origin only;
 * - `script-src 'self' 'wasm-unsafe-eval'`: the bundled scripts, plus compiling the WASM backend's module
 *   (WebAssembly.instantiate needs 'wasm-unsafe-eval'; JavaScript eval stays forbidden: no 'unsafe-eval');
 * - `worker-src 'self'`: the training worker is a bundled module file, never a blob;
 * - `connect-src 'self'`: fetching the shipped datasets and the .wasm binaries;
 * - `img-src 'self' data: blob:`: gallery thumbnails are drawn to data/blob URLs;
 * - `style-src 'self'`: the bundled stylesheet; React sets inline styles through the CSSOM, which CSP allows;
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`: no plugins, no base-URL or form hijacking.
 * `frame-ancestors 'none'` (no framing) is only honoured as a header, so the meta tag leaves it out.
 */
export const CSP_DIRECTIONS: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'connect-src': "'self'",
  'img-src': "'self' data: blob:",
  'style-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

/** The policy as a header value (with `frame-ancestors`, which meta tags cannot carry). */
export const CSP_HEADER = [...Object.entries(CSP_DIRECTIONS).map(([k, v]) => `${k} ${v}`), "frame-ancestors 'none'"].join('; ');

/** The policy as a meta tag value. */
export const CSP_META = Object.entries(CSP_DIRECTIONS)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Injects the CSP meta tag into every HTML page of the production build (the dev server needs inline HMR code). */
export function cspPlugin(): Plugin {
  return {
    name: 'distill-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
    },
  };
}

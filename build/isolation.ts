/**
 * Cross-origin isolation: with these two headers on the page and its worker scripts, the browser grants
 * SharedArrayBuffer, which the threaded WASM backend needs to train on every core. Everything the studio loads is
 * same-origin, so `require-corp` blocks nothing. Self-hosters set the same headers (see docs/deploy.md and
 * `public/_headers`); without them the studio still works, single-threaded, and says so.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

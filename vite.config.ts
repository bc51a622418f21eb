import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_HEADER, cspPlugin } from './build/csp';
import { ISOLATION_HEADERS } from './build/isolation';
import { wasmThreadsPlugin } from './build/wasmThreadsPlugin';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Distill Studio: a static single-page app; training runs in a module worker.
export default defineConfig({
  plugins: [react(), cspPlugin(), wasmThreadsPlugin()],
  // The studio's version, recorded in every student download's report.json.
  define: { __STUDIO_VERSION__: JSON.stringify(version) },
  // Workers are bundled separately: the training, bench and parity workers load the threaded WASM backend.
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The studio; test and bench builds (VITE_TEST_HOOKS=1: the e2e web server, `npm run bench`) add the throughput
    // bench page and the kernel parity page, which the production bundle does not ship.
    rollupOptions: {
      input: process.env.VITE_TEST_HOOKS === '1' ? { main: 'index.html', bench: 'bench.html', parity: 'parity.html' } : { main: 'index.html' },
    },
  },
  // The production build is served with the same policy as a header, so worker scripts get it too.
  // Cross-origin isolation (COOP + COEP) on every server, so SharedArrayBuffer exists and WASM trains on all cores.
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { port: 4173, strictPort: true, headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': CSP_HEADER } },
});

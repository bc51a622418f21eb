import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_HEADER, cspPlugin } from './csp';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Distill Studio: a static single-page app; training runs in a module worker.
export default defineConfig({
  plugins: [react(), cspPlugin()],
  // The studio's version, recorded in every student download's report.json.
  define: { __STUDIO_VERSION__: JSON.stringify(version) },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The studio, plus the benchmark page that `npm run bench` drives.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html', parity: 'parity.html' } },
  },
  // The production build is served with the same policy as a header, so worker scripts get it too.
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CSP_HEADER } },
});

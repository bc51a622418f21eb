import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Distill Studio: a static single-page app; training runs in a module worker.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // The studio, plus the benchmark page that `npm run bench` drives.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html', parity: 'parity.html' } },
  },
  preview: { port: 4173, strictPort: true },
});

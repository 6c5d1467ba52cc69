// Builds the page (web/) into build/site: plain static files for any host.
// Generated assets (the shipped default model, the embedded dataset, the
// manifest) come from build/public, made by build-scripts/build-web.sh.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: '../build/public',
  build: {
    outDir: '../build/site',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});

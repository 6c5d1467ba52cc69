// Builds the page (web/) into build/site: plain static files for any host.
// Generated assets (the shipped default model, the embedded dataset, the
// manifest) come from build/public, made by build-scripts/build-web.sh.
//
// Two builds into one folder: the page (`vite build`), then the 2-D view
// (`vite build --mode plane`). Apart, neither shares a chunk with the other,
// so the page's first view is one module, whatever the 2-D view imports.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name) => fileURLToPath(new URL(`./web/${name}`, import.meta.url));

export default defineConfig(({ mode }) => ({
  root: 'web',
  base: './',
  publicDir: '../build/public',
  build: {
    outDir: '../build/site',
    emptyOutDir: mode !== 'plane', // the second build adds to the first
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
    rollupOptions: { input: mode === 'plane' ? page('plane.html') : page('index.html') },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));

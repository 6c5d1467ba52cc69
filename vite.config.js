// Builds the page (web/) into build/site: plain static files for any host.
// Generated assets (the shipped default model, the embedded dataset, the
// manifest) come from build/public, made by build-scripts/build-web.sh.
//
// Three builds into one folder: the page (`vite build`), then the 2-D view
// (`--mode plane`) and the class view (`--mode class`). Apart, none shares a
// chunk with another, so the page's first view is what the page imports.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The build's version in hand-in files: the package's, and the day it was built. */
const BUILD = `${JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url))).version}+${new Date().toISOString().slice(0, 10)}`;

const page = (name) => fileURLToPath(new URL(`./web/${name}`, import.meta.url));

export default defineConfig(({ mode }) => ({
  root: 'web',
  define: { __AP_BUILD__: JSON.stringify(BUILD) },
  base: './',
  publicDir: '../build/public',
  build: {
    outDir: '../build/site',
    emptyOutDir: mode === 'production', // the later builds add to the first
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
    rollupOptions: { input: page({ plane: 'plane.html', class: 'class.html' }[mode] ?? 'index.html') },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}));

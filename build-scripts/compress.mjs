#!/usr/bin/env node
// Writes a .br and a .gz next to every compressible file of the built site, as
// static hosts serve them (GitHub Pages compresses on the fly; build-scripts/
// serve.py serves these precompressed copies).
//   node build-scripts/compress.mjs [SITE_DIR]   (default build/site)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const site = path.resolve(process.argv[2] ?? 'build/site');
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.apw', '.svg', '.txt', '.ttf', '.woff']);
let before = 0;
let after = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (COMPRESSIBLE.has(path.extname(p)) && fs.statSync(p).size > 512) {
      const bytes = fs.readFileSync(p);
      const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
      fs.writeFileSync(`${p}.br`, br);
      fs.writeFileSync(`${p}.gz`, zlib.gzipSync(bytes, { level: 9 }));
      before += bytes.length;
      after += br.length;
    }
  }
})(site);
console.log(`compress: ${(before / 1024).toFixed(0)} KiB -> ${(after / 1024).toFixed(0)} KiB (brotli)`);

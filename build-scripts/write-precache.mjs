#!/usr/bin/env node
// Writes SITE/precache.json for the service worker, and a version that changes
// with the files: what a visit needs offline — the page, the app, woff2 fonts
// only (every browser that runs the page reads woff2), the embedded MNIST data —
// never Fashion-MNIST, never the .br/.gz copies (the server negotiates those),
// and each engine build in its own list, so the worker caches only the one its
// browser runs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const site = path.resolve(process.argv[2] ?? 'build/site');
const files = [];
const hash = crypto.createHash('sha256');
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const rel = path.relative(site, p).split(path.sep).join('/');
    if (e.isDirectory()) walk(p);
    else if (!rel.startsWith('data/fashion/') && rel !== 'precache.json' && rel !== 'sw.js' && !/\.(br|woff|ttf)$/.test(rel) && !(/\.gz$/.test(rel) && fs.existsSync(p.slice(0, -3)))) {
      files.push(`./${rel}`);
      hash.update(rel).update(fs.readFileSync(p));
    }
  }
})(site);
files.sort();
files.unshift('./');
const version = hash.digest('hex').slice(0, 16);
const engine = (kind) => files.filter((f) => f.includes(`/engine-${kind}-`));
const common = files.filter((f) => !/\/engine-(simd|scalar)-/.test(f));
fs.writeFileSync(path.join(site, 'precache.json'), `${JSON.stringify({ version, files: common, engines: { simd: engine('simd'), scalar: engine('scalar') } }, null, 1)}\n`);
console.log(`precache: ${common.length} files + one engine build of 2, version ${version}`);

#!/usr/bin/env node
// Writes SITE/precache.json for the service worker: every file of the built
// site except the large Fashion-MNIST data, and a version that changes with them.
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
    else if (!rel.startsWith('data/fashion/') && rel !== 'precache.json' && rel !== 'sw.js') {
      files.push(`./${rel}`);
      hash.update(rel).update(fs.readFileSync(p));
    }
  }
})(site);
files.sort();
files.unshift('./');
const version = hash.digest('hex').slice(0, 16);
fs.writeFileSync(path.join(site, 'precache.json'), `${JSON.stringify({ version, files }, null, 1)}\n`);
console.log(`precache: ${files.length} files, version ${version}`);

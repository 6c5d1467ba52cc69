// The first view's code (build/site, from build-scripts/build-web.sh): the
// page's entry module and what it imports statically are the drawing pad, its
// answer and the status line. The charts, the lessons and the other
// panels are chunks of their own, loaded after it (app.js), so evaluating the
// entry stays a short task and a phone fetches the first view's code first.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';

const site = path.join(root, 'build/site');
const read = (rel) => fs.readFileSync(path.join(site, rel), 'utf8');

/** The entry module and its static imports, by path relative to the site. */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const src = read(rel);
    // Static imports only (`import x from"./a.js"`, `import"./a.js"`); import("...") is dynamic.
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.\/[^"'`]+\.js)["'`]/g)) visit(path.posix.join(path.posix.dirname(rel), m[1]));
  };
  visit(entry);
  return [...seen];
}

/** Every module the page can load: its entry's static and dynamic imports, followed (the 2-D view's are its own). */
function pageModules(entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const m of read(rel).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`](\.\/[^"'`]+\.js)["'`]/g)) visit(path.posix.join(path.posix.dirname(rel), m[1]));
  };
  visit(entry);
  return [...seen];
}

const html = read('index.html');
const entry = html.match(/<script type="module"[^>]*src="\.\/([^"]+)"/)?.[1];

test('the entry module is the first view: no charts, no lessons, no other panel', () => {
  assert.ok(entry, 'index.html loads one entry module');
  const first = staticClosure(entry);
  const code = first.map(read).join('\n');
  // The charts by their legend's class; the lessons by their texts; panels by their element ids.
  assert.doesNotMatch(code, /chart-legend/, `the charts are not in ${first.join(', ')}`);
  assert.doesNotMatch(code, /Dying ReLU|lesson-run/i, 'the lessons are not in the first view');
  for (const id of ['chart-loss', 'compare-results', 'weight-grid', 'copy-embed']) assert.ok(!code.includes(`'${id}'`) && !code.includes(`"${id}"`) && !code.includes(`\`${id}\``), id);
  // The pad is.
  assert.match(code, /first-prediction/);
  // No modulepreload pulls a later chunk into the first view (the entry's own static imports may be preloaded).
  for (const m of html.matchAll(/rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)) assert.ok(first.includes(m[1]), `${m[1]} is preloaded but not in the first view`);
});

test('the later panels are chunks of their own, and the charts are in one of them', () => {
  const assets = fs.readdirSync(path.join(site, 'assets'));
  for (const name of ['controls', 'activation', 'training', 'compare', 'diagnostics', 'lessons', 'share']) {
    assert.ok(assets.some((f) => f.startsWith(`${name}-`) && f.endsWith('.js')), name);
  }
  const mine = pageModules(entry);
  const withCharts = mine.filter((f) => read(f).includes('chart-legend'));
  assert.equal(withCharts.length, 1, withCharts.join(', '));
  assert.ok(!staticClosure(entry).includes(withCharts[0]));
  // The page loads nothing of the 2-D view.
  assert.ok(!mine.some((f) => /outputGrid|dataset_multigauss|plane-boundary/.test(read(f))), mine.join(', '));
});

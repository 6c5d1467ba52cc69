// The shape of web/src: a folder per role, imports pointing down the layers
// only, no file over 400 lines and no function over 80 (data tables aside), so
// a new view is new files rather than edits all over. The layers, bottom up,
// are the README's Architecture picture.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';

const SRC = path.join(root, 'web/src');
/** Layer of each folder (app.js and testapi.js, at the top, are the shell). */
const LAYERS = { i18n: 0, state: 0, engine: 1, worker: 2, runs: 3, lessons: 4, ui: 5, panels: 6, '.': 7 };

function sources(dir = SRC) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : sources(full); // the engine build: generated
    return e.name.endsWith('.js') ? [full] : [];
  });
}
const layerOf = (file) => LAYERS[path.relative(SRC, path.dirname(file)).split(path.sep)[0] || '.'];

test('every web/src folder is a known layer', () => {
  for (const f of sources()) assert.notEqual(layerOf(f), undefined, path.relative(SRC, f));
});

test('imports point down the layers only', () => {
  const upward = [];
  for (const file of sources()) {
    const src = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+\.js)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      if (target.includes(`${path.sep}wasm${path.sep}`)) continue;
      assert.ok(fs.existsSync(target), `${path.relative(SRC, file)} imports a missing ${m[1]}`);
      if (layerOf(target) > layerOf(file)) upward.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
    }
  }
  assert.deepEqual(upward, []);
});

test('no web/src file over 400 lines', () => {
  const long = sources().map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length]).filter(([, n]) => n > 400);
  assert.deepEqual(long, []);
});

/**
 * The functions of a source and their lengths in lines: a line that opens a
 * function (declaration, method, or arrow with a block) to the line where its
 * braces close. Strings and comments are blanked first, so their braces do not count.
 */
export function functionLengths(src) {
  const code = src
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (c) => c.replace(/[{}]/g, ' '));
  const lines = code.split('\n');
  const opens = /(\bfunction\b[^(]*\([^)]*\)\s*\{|=>\s*\{|^\s*(?:async\s+)?(?:static\s+)?[\w$[\].]+\s*\([^)]*\)\s*\{)/;
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(opens);
    if (!m) continue;
    let depth = 0;
    for (let j = i; j < lines.length; j++) {
      const from = j === i ? m.index + m[0].length - 1 : 0;
      for (const ch of lines[j].slice(from)) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth <= 0) {
        out.push({ line: i + 1, lines: j - i + 1 });
        break;
      }
    }
  }
  return out;
}

test('no function over 80 lines', () => {
  const long = [];
  for (const file of sources()) {
    for (const f of functionLengths(fs.readFileSync(file, 'utf8'))) if (f.lines > 80) long.push(`${path.relative(SRC, file)}:${f.line} (${f.lines} lines)`);
  }
  assert.deepEqual(long, []);
});

test('the function measure finds a long function (the check can fail)', () => {
  const body = Array.from({ length: 90 }, (_, i) => `  const a${i} = { x: '}' };`).join('\n');
  assert.deepEqual(functionLengths(`export function big() {\n${body}\n}\nconst f = () => {\n  return 1;\n};\n`).map((f) => f.lines), [92, 3]);
});

#!/usr/bin/env node
// Renders every activation's formula and derivative (from the engine's own
// table) with KaTeX at build time, into PUBLIC_DIR/formulas.json, as MathML: the
// browser typesets it natively, so the first view loads neither the KaTeX
// runtime nor its stylesheet nor any font file.
//   node build-scripts/render-formulas.mjs [PUBLIC_DIR]   (default build/public)
import fs from 'node:fs';
import path from 'node:path';
import katex from 'katex';

import { loadEngine } from '../web/src/engine/engine.js';

const pub = path.resolve(process.argv[2] ?? 'build/public');
const engine = await loadEngine();
const render = (tex) => katex.renderToString(tex, { throwOnError: true, displayMode: true, output: 'mathml' });
const formulas = Object.fromEntries(engine.activations().map((a) => [a.id, { formula: render(a.formula), derivative: render(a.derivative) }]));
fs.mkdirSync(pub, { recursive: true });
fs.writeFileSync(path.join(pub, 'formulas.json'), JSON.stringify(formulas));
console.log(`formulas: ${Object.keys(formulas).length} activations rendered to ${path.relative(process.cwd(), path.join(pub, 'formulas.json'))}`);

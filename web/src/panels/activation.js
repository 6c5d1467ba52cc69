// Panel "activation": the chosen activation's formula and derivative, f and f'
// drawn from the engine, and the study note's claim about it. The formulas come
// rendered to MathML at build time (formulas.json); the KaTeX runtime is loaded
// only for one that is not there (it renders MathML too: no fonts, no CSS).

import { CurveChart } from '../ui/charts.js';
import { formulaTex } from '../ui/formula-tex.js';
import { formatFixed } from '../i18n/format.js';
import { activationNote, t } from '../i18n/index.js';
import { curveParams } from '../runs/spec.js';

const CURVE_XS = Float32Array.from({ length: 201 }, (_, i) => -5 + i * 0.05);

export function mount(root, { store, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const chart = new CurveChart($('chart-curve'));
  let request = 0;

  async function show(s) {
    const info = s.table.find((a) => a.id === s.settings.activation);
    if (!info) return;
    $('activation-name').textContent = info.name;
    const pre = s.formulas?.[info.id];
    if (info.id === 'custom') {
      // The learner's formula and the derivative the engine found, typeset here.
      const { default: katex } = await import('katex');
      const opts = { throwOnError: false, displayMode: true, output: 'mathml' };
      katex.render(`f(x) = ${formulaTex(s.settings.formula)}`, $('formula'), opts);
      const d = s.formulaCheck?.ok ? s.formulaCheck.derivative : null;
      katex.render(d ? `f'(x) = ${formulaTex(d)}` : "f'(x) = \\ldots", $('derivative'), opts);
      if (s.formulaCheck && !s.formulaCheck.ok) return; // nothing to draw: the controls say why
    } else if (pre) {
      $('formula').innerHTML = pre.formula;
      $('derivative').innerHTML = pre.derivative;
    } else if (s.formulas !== null) {
      // Not rendered at build time (or formulas.json is missing): typeset here.
      const { default: katex } = await import('katex');
      const opts = { throwOnError: false, displayMode: true, output: 'mathml' };
      katex.render(info.formula, $('formula'), opts);
      katex.render(info.derivative, $('derivative'), opts);
    }
    $('activation-note').textContent = activationNote(info);
    const id = ++request;
    const params = curveParams(s.settings, s.table, info.id);
    try {
      const c = await gateway.curve(info.id, params, CURVE_XS);
      // Drawn in a task of its own, not in the one that delivered the worker's reply
      // (the first drawing makes the chart: some 20 ms).
      setTimeout(() => id === request && chart.update(CURVE_XS, c.y, c.dy, info.id, info.name), 0);
      // What it costs per element, measured now by the engine against ReLU.
      const cost = await gateway.cost(info.id, params);
      if (id === request) {
        $('activation-cost').textContent = t('costPerElement', { x: formatFixed(cost.relativeToRelu, 1), f: formatFixed(cost.forwardNs, 2), b: formatFixed(cost.backwardNs, 2) });
        $('activation-cost').dataset.value = String(cost.relativeToRelu);
      }
    } catch {
      // the engine refused the parameters: the controls panel has said why
    }
  }

  show(store.get());
  const unsubscribe = store.subscribe((s, prev) => {
    const a = s.settings?.activation;
    const changed = a !== prev.settings?.activation || s.settings?.params[a] !== prev.settings?.params[a] || s.lang !== prev.lang || s.table !== prev.table || s.formulas !== prev.formulas ||
      (a === 'custom' && (s.settings.formula !== prev.settings?.formula || s.formulaCheck !== prev.formulaCheck));
    if (changed) show(s);
  });
  return unsubscribe;
}

// Panel "network" of the 2-D view: the input features (each a toggle and its
// own small heatmap), the hidden layers (add or remove layers and neurons, an
// activation per layer with its parameters, or the learner's own formula), a
// heatmap thumbnail on every neuron, live while training (a dead neuron is
// marked), and the links between them, by weight. Hovering or focusing a
// neuron shows its heatmap large on the output (store.planeHover).
import { t } from '../i18n/index.js';
import { GRID } from '../runs/plane.js';
import { FEATURES, gridPoints } from '../runs/points.js';
import { layerActivation, PLANE_FEATURES, PLANE_MAX_LAYERS, PLANE_MAX_NEURONS } from '../state/plane-schema.js';
import { setSettings } from '../state/store.js';
import { formulaField } from '../ui/formula-field.js';
import { paintHeatmap } from '../ui/heatmap.js';
import { paramFields } from '../ui/param-fields.js';
import { layoutLinks, paintLinks } from '../ui/plane-links.js';

const THUMB = 48;
const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);

/** Each feature over the grid, scaled into [−1, 1] (for its heatmap). */
const FEATURE_MAPS = (() => {
  const grid = gridPoints(GRID);
  return Object.fromEntries(PLANE_FEATURES.map((id) => {
    const values = Float32Array.from(grid, (p) => FEATURES[id](p.x, p.y));
    const most = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    return [id, { values, scale: 1 / most }];
  }));
})();

/** The features column: a checkbox and a heatmap per feature (at least one stays on). */
function features(ui, s) {
  const rows = PLANE_FEATURES.map((id) => {
    const on = s.settings.features.includes(id);
    const box = el('input', { type: 'checkbox', checked: on, value: id });
    box.setAttribute('aria-label', t('featureN', { name: id }));
    box.addEventListener('change', () => {
      const next = PLANE_FEATURES.filter((f) => (f === id ? box.checked : ui.store.get().settings.features.includes(f)));
      if (!next.length) return ui.store.set({ alert: { key: 'needFeature' } }), (box.checked = true);
      setSettings(ui.store, { features: next });
    });
    const canvas = el('canvas', { width: THUMB, height: THUMB, className: on ? 'unit on' : 'unit' });
    paintHeatmap(canvas, FEATURE_MAPS[id].values, GRID, { scale: FEATURE_MAPS[id].scale });
    const label = el('label', { className: 'feature' });
    label.append(box, canvas, el('span', { textContent: id }));
    return label;
  });
  ui.$('plane-features').replaceChildren(el('h3', { textContent: t('features') }), ...rows);
}

/** One hidden layer's column: its tools, activation, parameters and neurons. */
function layerColumn(ui, s, i) {
  const { store } = ui;
  const units = s.settings.neurons[i];
  const activation = layerActivation(s.settings, i);
  const resize = (d) => setSettings(store, { neurons: s.settings.neurons.map((n, k) => (k === i ? Math.max(1, Math.min(PLANE_MAX_NEURONS, n + d)) : n)) });
  const add = el('button', { type: 'button', textContent: '+', onclick: () => resize(1), disabled: units >= PLANE_MAX_NEURONS });
  const remove = el('button', { type: 'button', textContent: '−', onclick: () => resize(-1), disabled: units <= 1 });
  add.setAttribute('aria-label', `${t('addNeuron')} (${t('layerN', { n: i + 1 })})`);
  remove.setAttribute('aria-label', `${t('removeNeuron')} (${t('layerN', { n: i + 1 })})`);
  const select = el('select', { name: `plane-act-${i}` });
  select.setAttribute('aria-label', `${t('activation')} (${t('layerN', { n: i + 1 })})`);
  select.append(...s.table.map((a) => new Option(a.name, a.id, false, a.id === activation)));
  select.addEventListener('change', () => setSettings(store, { acts: s.settings.neurons.map((_, k) => (k === i ? select.value : layerActivation(s.settings, k))) }));
  const params = el('div', { className: 'params' });
  params.append(...paramFields(store, activation, ui.refuse, `plane-param-${i}`));
  const neurons = Array.from({ length: units }, (_, j) => {
    const c = el('canvas', { width: THUMB, height: THUMB, tabIndex: 0, className: 'unit neuron' });
    Object.assign(c.dataset, { testid: 'neuron', layer: String(i), unit: String(j), dead: 'false' });
    c.setAttribute('data-testid', 'neuron');
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', t('neuronN', { layer: i + 1, unit: j + 1 }));
    const hover = (on) => store.set({ planeHover: on ? { layer: i, unit: j } : null });
    c.addEventListener('mouseenter', () => hover(true));
    c.addEventListener('focus', () => hover(true));
    c.addEventListener('mouseleave', () => hover(false));
    c.addEventListener('blur', () => hover(false));
    return c;
  });
  const column = el('div', { className: 'column layer' });
  column.dataset.layer = String(i);
  const head = el('div', { className: 'layer-head' });
  head.append(el('span', { textContent: t('layerN', { n: i + 1 }) }), add, remove);
  column.append(head, select, params, ...neurons);
  return column;
}

/** The whole structure, rebuilt when the layers, features, table or language change. */
function build(ui, s) {
  features(ui, s);
  const n = s.settings.neurons.length;
  ui.$('plane-layers').replaceChildren(...s.settings.neurons.map((_, i) => layerColumn(ui, s, i)), Object.assign(el('div', { className: 'column output-anchor' }), { id: 'plane-output-anchor' }));
  ui.$('plane-layer-count').textContent = t('layerCount', { n });
  ui.$('plane-add-layer').disabled = n >= PLANE_MAX_LAYERS;
  ui.$('plane-remove-layer').disabled = n === 0;
  relink(ui, s);
}

/** The links' geometry (after a rebuild or a resize), then their weights. */
function relink(ui, s) {
  const features = [...ui.$('plane-features').querySelectorAll('label.feature')].filter((l) => l.querySelector('input').checked).map((l) => l.querySelector('canvas'));
  const layers = [...ui.$('plane-layers').querySelectorAll('.layer')].map((col) => [...col.querySelectorAll('canvas.neuron')]);
  layoutLinks(ui.$('plane-links'), [features, ...layers], ui.$('plane-output-anchor'));
  paint(ui, s);
}

/** A neuron thumbnail's spoken text: which neuron, its output's range over the plane, the share above 0, dead or not. */
export function neuronLabel(grid, offset, size, { layer, unit, dead }) {
  let lo = Infinity, hi = -Infinity, positive = 0;
  for (let k = offset; k < offset + size; k++) {
    const v = grid[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v > 0) positive++;
  }
  const num = (v) => (Number.isFinite(v) ? String(Number(v.toFixed(2))) : '–');
  const text = t('neuronValues', { name: t('neuronN', { layer, unit }), lo: num(lo), hi: num(hi), pos: Math.round((100 * positive) / size) });
  return dead ? `${text} ${t('deadNeuron')}` : text;
}

/** Thumbnails, dead marks and links from the last frame. */
function paint(ui, s) {
  const p = s.plane;
  if (!p?.grid) return;
  const size = GRID * GRID;
  const canvases = ui.$('plane-layers').querySelectorAll('canvas.neuron');
  if (canvases.length !== p.neurons) return; // the structure is being rebuilt
  canvases.forEach((c, unit) => {
    paintHeatmap(c, p.grid, GRID, { offset: unit * size });
    const dead = !!p.dead?.[unit];
    c.dataset.dead = String(dead);
    c.title = dead ? t('deadNeuron') : '';
    // Its values spoken: the range of its output over the plane and the share above 0.
    const label = neuronLabel(p.grid, unit * size, size, { layer: Number(c.dataset.layer) + 1, unit: Number(c.dataset.unit) + 1, dead });
    if (c.getAttribute('aria-label') !== label) c.setAttribute('aria-label', label);
  });
  paintLinks(ui.$('plane-links'), p.weights, [...s.settings.neurons, 1]);
}

/** Add and remove layers (a new layer takes 2 neurons and the last layer's activation). */
function bindLayers(ui) {
  const { $, store } = ui;
  $('plane-add-layer').addEventListener('click', () => {
    const st = store.get().settings;
    if (st.neurons.length >= PLANE_MAX_LAYERS) return;
    const acts = st.neurons.map((_, k) => layerActivation(st, k));
    setSettings(store, { neurons: [...st.neurons, 2], acts: [...acts, acts.at(-1) ?? 'tanh'] });
  });
  $('plane-remove-layer').addEventListener('click', () => {
    const st = store.get().settings;
    setSettings(store, { neurons: st.neurons.slice(0, -1), acts: st.neurons.slice(0, -1).map((_, k) => layerActivation(st, k)) });
  });
}

export function mount(root, { store, gateway }) {
  const $ = (id) => root.ownerDocument.getElementById(id);
  const ui = { $, store, refuse: (message) => store.set({ alert: { key: 'settingsError', vars: { message } } }) };
  const usesCustom = (s) => s.settings.neurons.some((_, i) => layerActivation(s.settings, i) === 'custom');
  const formula = formulaField({ row: $('plane-formula-row'), input: $('plane-formula'), error: $('plane-formula-error') }, store, gateway, usesCustom);
  bindLayers(ui);
  build(ui, store.get());
  formula.show(store.get());
  if (usesCustom(store.get())) formula.check(store.get().settings.formula);
  const structure = ['neurons', 'acts', 'features', 'params'];
  const onResize = () => relink(ui, store.get());
  window.addEventListener('resize', onResize);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.table !== prev.table || s.lang !== prev.lang || structure.some((k) => s.settings[k] !== prev.settings?.[k])) build(ui, s);
    else if (s.plane !== prev.plane) paint(ui, s);
    if (usesCustom(s) && !usesCustom(prev)) formula.check(s.settings.formula);
    if (s.formulaCheck !== prev.formulaCheck || s.settings !== prev.settings) formula.show(s);
  });
  return () => {
    unsubscribe();
    formula.unbind();
    window.removeEventListener('resize', onResize);
  };
}

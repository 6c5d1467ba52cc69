// Panel "output" of the 2-D view: the network's output over the plane as a
// heatmap with the points on it (the test points on request, the sign only
// when discretized), or a hovered neuron's heatmap; clicks add or erase the
// learner's own points; the losses as numbers and a chart per epoch.
import { PALETTE } from '../runs/curves.js';
import { formatFixed } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import { GRID, planePoints } from '../runs/plane.js';
import { setSettings } from '../state/store.js';
import { RunChart } from '../ui/charts.js';
import { paintHeatmap, paintPoints, planeAt } from '../ui/heatmap.js';

/** The hovered neuron's index among the hidden units (layer order), or null. */
function hoveredUnit(s) {
  const h = s.planeHover;
  if (!h) return null;
  return s.settings.neurons.slice(0, h.layer).reduce((a, n) => a + n, 0) + h.unit;
}

/** The big picture: the output (or the hovered neuron) and the points. */
function draw(ui, s) {
  const { $ } = ui;
  const p = s.plane;
  const canvas = $('plane-boundary');
  const unit = hoveredUnit(s);
  $('plane-showing').textContent = unit == null ? '' : t('showingNeuron', { layer: s.planeHover.layer + 1, unit: s.planeHover.unit + 1 });
  if (p?.grid) {
    const offset = (unit ?? p.neurons) * GRID * GRID;
    paintHeatmap(canvas, p.grid, GRID, { offset, discretize: s.settings.discretize && unit == null });
  } else {
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
  }
  const split = p?.split ?? planePoints(s.settings, s.ownPoints);
  paintPoints(canvas, split.train);
  if (s.settings.showTest) paintPoints(canvas, split.test, { test: true });
  if (document.activeElement === canvas) paintCursor(canvas, ui.cursor);
}

/** The keyboard's cursor: a cross at its place. */
function paintCursor(canvas, { x, y }) {
  const ctx = canvas.getContext('2d');
  const px = ((x + 6) / 12) * canvas.width, py = ((6 - y) / 12) * canvas.height;
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(px - 8, py);
  ctx.lineTo(px + 8, py);
  ctx.moveTo(px, py - 8);
  ctx.lineTo(px, py + 8);
  ctx.stroke();
}

/** Losses and the epoch as plain numbers (what the tests read), and the chart. */
function numbers({ $, chart }, s) {
  const p = s.plane;
  $('plane-train-loss').textContent = p?.train == null ? '–' : formatFixed(p.train, 4);
  $('plane-test-loss').textContent = p?.test == null ? '–' : formatFixed(p.test, 4);
  $('plane-epoch').textContent = String(p?.epoch ?? 0);
  const history = p?.history ?? [];
  chart.update(history.length < 2 ? [] : [{
    label: t('loss'), color: PALETTE[0], current: true,
    lines: [{ name: 'test', points: history.map(([e, , test]) => [e, test]) }, { name: 'train', points: history.map(([e, train]) => [e, train]), dash: [5, 4] }],
  }]);
}

/** A click on the plane adds a point of the chosen class, or erases the nearest one. */
function click(ui, event) {
  place(ui, planeAt(ui.$('plane-boundary'), event));
}

/**
 * The keyboard's way: on the focused plane, arrows move a cursor (half a unit
 * a press), Enter or Space places a point there (or erases one), as a click would.
 */
function key(ui, event) {
  const step = { ArrowLeft: [-0.5, 0], ArrowRight: [0.5, 0], ArrowUp: [0, 0.5], ArrowDown: [0, -0.5] }[event.key];
  if (step) {
    ui.cursor = { x: Math.max(-5.5, Math.min(5.5, ui.cursor.x + step[0])), y: Math.max(-5.5, Math.min(5.5, ui.cursor.y + step[1])) };
    draw(ui, ui.store.get());
  } else if (event.key === 'Enter' || event.key === ' ') {
    place(ui, ui.cursor);
  } else {
    return;
  }
  event.preventDefault();
}

/** Adds a point of the chosen class at `at`, or erases the nearest one within 0.4. */
function place(ui, at) {
  const { store, root } = ui;
  const s = store.get();
  const own = s.ownPoints ?? [...planePoints(s.settings, null).train, ...planePoints(s.settings, null).test];
  const choice = root.ownerDocument.querySelector('[name=plane-class]:checked')?.value ?? '1';
  if (choice === 'erase') {
    const near = own.findIndex((p) => Math.hypot(p.x - at.x, p.y - at.y) < 0.4);
    if (near >= 0) store.set({ ownPoints: own.filter((_, i) => i !== near) });
    return;
  }
  store.set({ ownPoints: [...own, { x: at.x, y: at.y, label: Number(choice) }] });
}

export function mount(root, { store }) {
  const $ = (id) => root.ownerDocument.getElementById(id);
  const chart = new RunChart($('plane-loss-chart'), { xLabel: 'epoch', yLabel: 'loss', height: 180 });
  const ui = { $, store, root, chart, cursor: { x: 0, y: 0 } };
  $('plane-boundary').addEventListener('click', (e) => click(ui, e));
  $('plane-boundary').addEventListener('keydown', (e) => key(ui, e));
  for (const type of ['focus', 'blur']) $('plane-boundary').addEventListener(type, () => draw(ui, store.get()));
  $('plane-show-test').addEventListener('change', () => setSettings(store, { showTest: $('plane-show-test').checked }));
  $('plane-discretize').addEventListener('change', () => setSettings(store, { discretize: $('plane-discretize').checked }));
  const sync = (s) => {
    $('plane-show-test').checked = s.settings.showTest;
    $('plane-discretize').checked = s.settings.discretize;
  };
  sync(store.get());
  draw(ui, store.get());
  numbers(ui, store.get());
  return store.subscribe((s, prev) => {
    if (s.settings !== prev.settings) sync(s);
    if (s.plane !== prev.plane || s.planeHover !== prev.planeHover || s.settings !== prev.settings || s.ownPoints !== prev.ownPoints) draw(ui, s);
    if (s.plane !== prev.plane || s.lang !== prev.lang) numbers(ui, s);
  });
}

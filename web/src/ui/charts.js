// Line charts on a canvas, with an HTML legend that shows the values under the
// pointer. A RunChart overlays several training runs: the current run in full
// colour, earlier runs faded but labelled, so switching the activation and
// training again leaves the comparison on screen. A CurveChart draws f and f'.
//
// Small on purpose: a chart here holds a few series of at most some thousand
// points, and the first one drawn must cost a few milliseconds of the page's
// loading (a charting library's start-up cost more than 50 ms on a phone).
//
// Every chart has text behind it: a summary sentence (what is plotted, the last
// values, the best series) read by screen readers, and a "Show data" table of
// its series, built only while it is open.
import { PALETTE } from '../runs/curves.js';
import { t } from '../i18n/index.js';
import { axisName, chartSummary, curveSentence, dataTable } from './chart-text.js';
import { chartTheme, darkQuery, themed } from './chart-theme.js';

export { chartRows, chartSummary } from './chart-text.js';
export { CHART_THEMES, chartTheme, themed } from './chart-theme.js';

/** Tick spacings for a whole-number axis (epochs): never 0.5 or 1.05. */
export const WHOLE_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

const FONT = '11px system-ui, sans-serif';

/**
 * Tick values covering [min, max], `count` or so of them, at steps of 1, 2 or 5
 * times a power of ten (whole: WHOLE_INCRS only, so every tick is an integer).
 */
export function niceTicks(min, max, count = 5, whole = false) {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return [];
  const raw = (max - min) / Math.max(1, count);
  let step;
  if (whole) step = WHOLE_INCRS.find((s) => s >= raw) ?? Math.ceil(raw / 1000) * 1000;
  else {
    const pow = 10 ** Math.floor(Math.log10(raw));
    step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw * (1 - 1e-9));
  }
  const ticks = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The range an axis shows for these values: padded a little, never empty. */
export function axisRange(values, { pad = 0.05, whole = false } = {}) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  if (hi === lo) return whole ? [lo - 1, hi + 1] : [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const p = whole ? 0 : (hi - lo) * pad;
  return [lo - p, hi + p];
}

function fade(hex, alpha) {
  if (alpha == null || alpha >= 1) return hex;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`;
}

const label = (v) => String(Number(v.toPrecision(6)));
// Charts whose sentence is rewritten when the page's language changes, and that
// are redrawn in the other palette when the system's theme changes.
const charts = new Set();
/** The charts still on the page (one taken off it, as a rebuilt lesson card's, is forgotten). */
function liveCharts() {
  for (const c of charts) if (!c.el.isConnected) charts.delete(c);
  return [...charts];
}
if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
  new MutationObserver(() => liveCharts().forEach((c) => c.describe())).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
darkQuery?.addEventListener?.('change', () => liveCharts().forEach((c) => c.series && c.set(c.series)));

/** A series' colour as drawn: its run colour in the current theme, faded by its alpha. */
const paint = (s) => fade(themed(s.color), s.alpha);

/** The point of a series (sorted by x) nearest to x, or null. */
function nearest(points, x) {
  if (!points.length) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] < x) lo = mid;
    else hi = mid;
  }
  return Math.abs(points[lo][0] - x) <= Math.abs(points[hi][0] - x) ? points[lo] : points[hi];
}

/**
 * One line chart in a container element: a canvas and a legend below it.
 * series: [{label, color, width, dash, points: [[x, y], ...] sorted by x, showPoints}]
 * opts: {xLabel, yLabel, height, yRange: [min, max] | null, wholeX, left (px for the y axis)}
 */
class LineChart {
  constructor(el, opts) {
    this.el = el;
    this.opts = opts;
    this.series = null;
    this.ticks = [];
    this.canvas = null;
    this.legend = null;
    this.legendSignature = '';
    this.drawnWidth = 0;
    this.ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => this.series && this.width() !== this.drawnWidth && this.draw()) : null;
    this.ro?.observe(el);
  }

  width() {
    return Math.max(200, Math.floor(this.el.clientWidth || 300));
  }

  /** Creates the canvas and the legend on the first drawing (nothing is made before there is data). */
  build() {
    this.el.classList.add('line-chart');
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true'); // the sentence and the table below say what it shows
    this.legend = document.createElement('div');
    this.legend.className = 'chart-legend';
    this.summary = document.createElement('p');
    this.summary.className = 'sr-only chart-summary';
    this.details = document.createElement('details');
    this.details.className = 'chart-data';
    const toggle = document.createElement('summary');
    this.details.append(toggle);
    this.details.addEventListener('toggle', () => this.details.open && this.renderTable());
    this.el.replaceChildren(this.canvas, this.legend, this.summary, this.details);
    charts.add(this);
    const at = (ev) => {
      const r = this.canvas.getBoundingClientRect();
      const { left, plotWidth, x0, x1 } = this.frame;
      const fx = (ev.clientX - r.left - left) / plotWidth;
      return fx >= 0 && fx <= 1 ? x0 + fx * (x1 - x0) : null;
    };
    this.canvas.addEventListener('pointermove', (ev) => this.showValues(at(ev)));
    this.canvas.addEventListener('pointerleave', () => this.showValues(null));
  }

  set(series) {
    this.series = series;
    if (!this.canvas) this.build();
    // The legend is rebuilt only when the series change, not on every redraw of new points.
    const signature = JSON.stringify([chartTheme().bg, series.map((s) => [s.label, s.color, s.alpha, s.width, s.dash])]);
    if (signature !== this.legendSignature) {
      this.legendSignature = signature;
      this.renderLegend();
    }
    this.draw();
    this.describe();
    if (this.details.open && !this.tableTimer) {
      // An open table follows the data, rebuilt at most once a second.
      this.tableTimer = setTimeout(() => {
        this.tableTimer = null;
        if (this.details.open) this.renderTable();
      }, 1000);
    }
  }

  /** The chart's title: opts.title, its figure's caption, the heading of its section, else its y axis. */
  title() {
    const section = this.el.closest('[aria-labelledby]');
    return (
      this.opts.title ??
      this.el.closest('figure')?.querySelector('figcaption')?.textContent ??
      (section && document.getElementById(section.getAttribute('aria-labelledby'))?.textContent) ??
      axisName(this.opts.yLabel)
    );
  }

  /** The summary sentence and the toggle's text, in the current language. */
  describe() {
    if (!this.series) return;
    const text = this.opts.describe ? this.opts.describe(this.series) : chartSummary(this.title(), this.series, this.opts);
    if (this.summary.textContent !== text) this.summary.textContent = text;
    const show = t('showData');
    if (this.details.firstChild.textContent !== show) {
      this.details.firstChild.textContent = show;
      if (this.details.open) this.renderTable();
    }
  }

  /** The data table of the series (built while the toggle is open). */
  renderTable() {
    this.details.replaceChildren(this.details.firstChild, dataTable(this.title(), this.series, this.opts));
  }


  renderLegend() {
    const items = this.series.map((s) => {
      const item = document.createElement('span');
      item.className = 'item';
      const swatch = document.createElement('i');
      swatch.style.borderTop = `${Math.max(2, s.width ?? 2)}px ${s.dash ? 'dashed' : 'solid'} ${paint(s)}`;
      const name = document.createElement('span');
      name.textContent = s.label;
      const value = document.createElement('span');
      value.className = 'value';
      item.append(swatch, name, value);
      return item;
    });
    this.legend.replaceChildren(...items);
  }

  /** The values of every series at x (or none) in the legend. */
  showValues(x) {
    if (!this.series) return;
    this.series.forEach((s, i) => {
      const p = x == null ? null : nearest(s.points, x);
      this.legend.children[i].querySelector('.value').textContent = p && Number.isFinite(p[1]) ? ` ${p[1].toFixed(this.opts.digits ?? 4)}` : '';
    });
  }

  draw() {
    const { height = 200, yRange, wholeX, xLabel } = this.opts;
    const width = this.width();
    this.drawnWidth = width;
    const ctx = this.clear(width, height);
    const left = this.opts.left ?? 56;
    const top = 8;
    const plotWidth = width - left - 12;
    const plotHeight = height - top - (xLabel ? 38 : 22);
    const [x0, x1] = axisRange(this.series.flatMap((s) => s.points.map((p) => p[0])), { pad: 0, whole: wholeX });
    const [y0, y1] = yRange ?? axisRange(this.series.flatMap((s) => s.points.map((p) => p[1])));
    this.frame = { left, plotWidth, x0, x1 };
    const plot = {
      width, height, left, top, plotWidth, plotHeight,
      px: (x) => left + ((x - x0) / (x1 - x0)) * plotWidth,
      py: (y) => top + (1 - (y - y0) / (y1 - y0)) * plotHeight,
      xTicks: niceTicks(x0, x1, Math.max(2, Math.floor(plotWidth / 70)), wholeX),
      yTicks: niceTicks(y0, y1, Math.max(2, Math.floor(plotHeight / 40))),
    };
    this.ticks = plot.xTicks.map(label);
    this.drawAxes(ctx, plot);
    this.drawSeries(ctx, plot);
  }

  /** The canvas sized for the device's pixels, white, with its context. */
  clear(width, height) {
    const dpr = globalThis.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    c.style.width = `${width}px`;
    c.style.height = `${height}px`;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = chartTheme().bg;
    ctx.fillRect(0, 0, width, height);
    return ctx;
  }

  /** Grid, ticks, their labels, the frame and the axis labels. */
  drawAxes(ctx, { height, left, top, plotWidth, plotHeight, px, py, xTicks, yTicks }) {
    const { xLabel, yLabel } = this.opts;
    const { ink, grid } = chartTheme();
    ctx.font = FONT;
    ctx.fillStyle = ink;
    ctx.strokeStyle = grid;
    ctx.lineWidth = 1;
    const rule = (ax, ay, bx, by) => {
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      ctx.stroke();
    };
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xTicks) {
      const x = Math.round(px(v)) + 0.5;
      rule(x, top, x, top + plotHeight);
      ctx.fillText(label(v), x, top + plotHeight + 4);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yTicks) {
      const y = Math.round(py(v)) + 0.5;
      rule(left, y, left + plotWidth, y);
      ctx.fillText(label(v), left - 4, y);
    }
    ctx.strokeStyle = ink;
    ctx.strokeRect(left + 0.5, top + 0.5, plotWidth, plotHeight);
    if (xLabel) {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(xLabel, left + plotWidth / 2, height - 2);
    }
    if (yLabel) {
      ctx.save();
      ctx.translate(10, top + plotHeight / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(yLabel, 0, 0);
      ctx.restore();
    }
  }

  /** The series, clipped to the plot; a gap (a value that is not finite) is spanned. */
  drawSeries(ctx, { left, top, plotWidth, plotHeight, px, py }) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, plotWidth, plotHeight);
    ctx.clip();
    for (const s of this.series) {
      ctx.strokeStyle = paint(s);
      ctx.fillStyle = paint(s);
      ctx.lineWidth = s.width ?? 2;
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath();
      let started = false;
      for (const [x, y] of s.points) {
        if (!Number.isFinite(y)) continue;
        if (started) ctx.lineTo(px(x), py(y));
        else ctx.moveTo(px(x), py(y));
        started = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
      if (!s.showPoints) continue;
      for (const [x, y] of s.points) {
        if (!Number.isFinite(y)) continue;
        ctx.beginPath();
        ctx.arc(px(x), py(y), 2.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }
}

export class RunChart {
  /** opts: {xLabel, yLabel, height, yRange: [min, max] | null, wholeX: ticks only at whole numbers (epochs)} */
  constructor(el, opts = {}) {
    const better = { accuracy: 'higher', loss: 'lower' }[opts.yLabel];
    this.chart = new LineChart(el, { better, ...opts });
  }

  /** runs: [{label, color, current, lines: [{name, points, width?, dash?, faint?}]}] */
  update(runs) {
    this.chart.set(
      runs.flatMap((run) =>
        run.lines.map((line) => ({
          label: `${run.label}${line.name ? ` · ${line.name}` : ''}`,
          color: run.color,
          alpha: run.current ? (line.faint ? 0.35 : 1) : line.faint ? 0.15 : 0.45,
          width: line.width ?? (run.current ? 2 : 1.5),
          dash: line.dash,
          points: line.points,
          showPoints: line.points.length < 30 && !line.faint,
        })),
      ),
    );
  }

  /** The x-axis labels as drawn. */
  xTicks() {
    return [...this.chart.ticks];
  }

  /** Number of series drawn: for tests and checks. */
  seriesCount() {
    return this.chart.series?.length ?? 0;
  }
}

/** f and f' of an activation. */
export class CurveChart {
  constructor(el) {
    this.el = el;
    this.chart = new LineChart(el, { height: 200, left: 44, digits: 3, describe: () => this.sentence() });
    this.shown = null;
  }

  sentence() {
    const { xs, y, dy, displayName } = this.shown;
    return curveSentence(xs, y, dy, displayName);
  }

  /** f and f' over xs (x = -5..5), drawn and described. */
  update(xs, y, dy, name, displayName = name) {
    this.shown = { xs, y, dy, displayName };
    const pts = (ys) => Array.from(xs, (x, i) => [x, ys[i]]);
    this.chart.set([
      { label: 'f(x)', color: PALETTE[0], width: 2, points: pts(y) },
      { label: "f'(x)", color: PALETTE[1], width: 2, dash: [6, 4], points: pts(dy) },
    ]);
    this.el.dataset.activation = name;
  }
}

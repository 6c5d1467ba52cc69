// Charts with uPlot. A RunChart overlays several training runs: the current run
// in full colour, earlier runs faded but labelled, so switching the activation
// and training again leaves the comparison on screen.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Tick spacings for a whole-number axis (epochs): never 0.5 or 1.05. */
export const WHOLE_INCRS = [1, 2, 5, 10, 20, 50, 100];

export const PALETTE = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#b80672', '#5f6368'];

function fade(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/** Merges series of [x, y] points onto one sorted x axis (null where a series has no point). */
export function alignSeries(seriesPoints) {
  const xs = [...new Set(seriesPoints.flatMap((pts) => pts.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = seriesPoints.map((pts) => {
    const col = new Array(xs.length).fill(null);
    for (const [x, y] of pts) col[index.get(x)] = Number.isFinite(y) ? y : null;
    return col;
  });
  return [xs, ...ys];
}

export class RunChart {
  /** opts: {xLabel, yLabel, height, yRange: [min, max] | null, wholeX: ticks only at whole numbers (epochs)} */
  constructor(el, opts = {}) {
    this.el = el;
    this.opts = opts;
    this.plot = null;
    this.signature = '';
    this.runs = [];
    this.ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => this.resize()) : null;
    this.ro?.observe(el);
  }

  width() {
    return Math.max(200, Math.floor(this.el.clientWidth || 300));
  }

  resize() {
    if (this.plot) this.plot.setSize({ width: this.width(), height: this.opts.height ?? 200 });
  }

  /** runs: [{label, color, current, lines: [{name, points, width?, dash?, faint?}]}] */
  update(runs) {
    this.runs = runs;
    const lines = runs.flatMap((r) => r.lines.map((l) => ({ run: r, line: l })));
    const data = alignSeries(lines.map(({ line }) => line.points));
    const signature = JSON.stringify(lines.map(({ run, line }) => [run.label, run.color, run.current, line.name, line.dash, line.faint]));
    if (signature !== this.signature || !this.plot) {
      this.signature = signature;
      this.plot?.destroy();
      const series = [
        { label: this.opts.xLabel ?? 'x' },
        ...lines.map(({ run, line }) => ({
          label: `${run.label}${line.name ? ` · ${line.name}` : ''}`,
          stroke: run.current ? (line.faint ? fade(run.color, 0.35) : run.color) : fade(run.color, line.faint ? 0.15 : 0.45),
          width: line.width ?? (run.current ? 2 : 1.5),
          dash: line.dash,
          spanGaps: true,
          points: { show: line.points.length < 30 && !line.faint },
          value: (u, v) => (v == null ? '–' : v.toFixed(4)),
        })),
      ];
      this.plot = new uPlot(
        {
          width: this.width(),
          height: this.opts.height ?? 200,
          series,
          scales: { x: { time: false }, y: this.opts.yRange ? { range: this.opts.yRange } : {} },
          axes: [
            this.opts.wholeX
              ? { label: this.opts.xLabel, size: 40, incrs: WHOLE_INCRS, values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) }
              : { label: this.opts.xLabel, size: 40 },
            { label: this.opts.yLabel, size: 56 },
          ],
          legend: { show: true, live: false },
          cursor: { drag: { x: false, y: false } },
        },
        data,
        this.el,
      );
    } else {
      this.plot.setData(data);
    }
  }

  /** The x-axis labels as drawn (uPlot paints them on its canvas), empty ones left out. */
  xTicks() {
    return (this.plot?.axes[0]._values ?? []).map(String).filter((v) => v !== '');
  }

  /** Number of series drawn (without the x axis): for tests and checks. */
  seriesCount() {
    return this.plot ? this.plot.series.length - 1 : 0;
  }
}

/** f and f' of an activation. */
export class CurveChart {
  constructor(el) {
    this.el = el;
    this.plot = null;
    this.ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: 200 })) : null;
    this.ro?.observe(el);
  }

  width() {
    return Math.max(200, Math.floor(this.el.clientWidth || 300));
  }

  update(xs, y, dy, name) {
    const data = [Array.from(xs), Array.from(y), Array.from(dy)];
    if (!this.plot) {
      this.plot = new uPlot(
        {
          width: this.width(),
          height: 200,
          series: [
            { label: 'x' },
            { label: 'f(x)', stroke: PALETTE[0], width: 2, value: (u, v) => (v == null ? '–' : v.toFixed(3)) },
            { label: "f'(x)", stroke: PALETTE[1], width: 2, dash: [6, 4], value: (u, v) => (v == null ? '–' : v.toFixed(3)) },
          ],
          scales: { x: { time: false } },
          axes: [{ size: 30 }, { size: 44 }],
          cursor: { drag: { x: false, y: false } },
        },
        data,
        this.el,
      );
    } else {
      this.plot.setData(data);
    }
    this.el.dataset.activation = name;
  }
}

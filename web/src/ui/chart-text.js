// The text behind a chart: its summary sentence (what is plotted, the last
// values, the best series) and the rows of its "Show data" table.
import { t } from '../i18n/index.js';

export const spoken = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '–');
/** An axis name in the current language (the canvas draws the English one). */
export const axisName = (name) => (name ? (t(`axis_${name}`) === `axis_${name}` ? name : t(`axis_${name}`)) : '');
/** At most this many rows in a chart's data table (evenly spaced, the last one kept). */
export const TABLE_ROWS = 60;

function lastFinite(points) {
  for (let i = points.length - 1; i >= 0; i--) if (Number.isFinite(points[i][1])) return points[i];
  return null;
}

/**
 * A chart's summary sentence: its title, what is plotted against what, each
 * series' last value and, when opts.better says which way is better, the best one.
 */
export function chartSummary(title, series, { xLabel, yLabel, better } = {}) {
  const ends = series.map((s) => ({ label: s.label, end: lastFinite(s.points) })).filter((s) => s.end);
  if (!ends.length) return t('chartNoData', { title });
  const x = axisName(xLabel) || 'x';
  const parts = ends.map((s) => t('chartLast', { label: s.label, value: spoken(s.end[1]), x, at: spoken(s.end[0]) }));
  let text = t('chartSummary', { title, y: axisName(yLabel) || 'y', x, series: `${parts.join('; ')}.` });
  if (better && ends.length > 1) {
    const best = ends.reduce((a, b) => ((better === 'higher' ? b.end[1] > a.end[1] : b.end[1] < a.end[1]) ? b : a));
    text += ` ${t(better === 'higher' ? 'chartBestHigher' : 'chartBestLower', { label: best.label, value: spoken(best.end[1]) })}`;
  }
  return text;
}

/**
 * A chart's series as table rows: [x, y of each series ('–' where it has no point)],
 * over the union of the series' x, at most maxRows rows evenly spaced with the last kept.
 */
export function chartRows(series, maxRows = TABLE_ROWS) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const byX = series.map((s) => new Map(s.points.map((p) => [p[0], p[1]])));
  const n = Math.max(1, Math.ceil(xs.length / maxRows));
  const picked = xs.filter((_, i) => i % n === 0 || i === xs.length - 1);
  return { every: n, total: xs.length, rows: picked.map((x) => [spoken(x), ...byX.map((m) => (m.has(x) ? spoken(m.get(x)) : '–'))]) };
}

/** The data table of a chart's series, in a focusable scroll region with a caption. */
export function dataTable(title, series, opts) {
  const { every, total, rows } = chartRows(series);
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', t('chartDataLabel', { title }));
  const table = document.createElement('table');
  table.className = 'diag chart-table';
  table.createCaption().textContent = every > 1 ? `${title}. ${t('chartSampled', { n: every, total })}` : title;
  const head = table.createTHead().insertRow();
  for (const name of [axisName(opts.xLabel) || 'x', ...series.map((s) => s.label)]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((v, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) cell.scope = 'row';
      cell.textContent = v;
      tr.append(cell);
    });
  }
  wrap.append(table);
  return wrap;
}

/** An activation's curve in a sentence: its name, and f and f' read at x = -2, -1, 0, 1, 2 (the nearest xs). */
export function curveSentence(xs, y, dy, name) {
  const values = [-2, -1, 0, 1, 2].map((x) => {
    let i = 0;
    for (let j = 1; j < xs.length; j++) if (Math.abs(xs[j] - x) < Math.abs(xs[i] - x)) i = j;
    return t('curveValue', { x, f: spoken(y[i]), d: spoken(dy[i]) });
  });
  return t('curveSummary', { name, values: `${values.join('; ')}.` });
}

// The class view (class.html): many handed-in result files read in this
// browser (each one hostile: its size checked before it is read, its schema
// after, every text shown as text), a table sortable and filterable, the
// verdicts that hold counted, every run's curve overlaid (a colour per
// activation), Download CSV, and a row opens that run's link.
import { t } from '../i18n/index.js';
import { EXERCISES } from '../lessons/exercises.js';
import { readResult, RESULT_READ_MAX_BYTES } from '../lessons/result-file.js';
import { PALETTE } from '../runs/curves.js';
import { RunChart } from '../ui/charts.js';
import { download } from '../ui/download.js';

const LESSONS = EXERCISES.map((e) => e.n);
const COLUMNS = [
  { id: 'name', header: 'colName', value: (r) => r.name },
  { id: 'lesson', header: 'colLesson', value: (r) => r.lesson },
  { id: 'verdict', header: 'colVerdict', value: (r) => (r.holds ? 1 : 0), text: (r) => t(r.holds ? 'holdsYes' : 'holdsNo') },
  { id: 'observations', header: 'colObservations', value: (r) => observationsText(r) },
  { id: 'answer', header: 'colAnswer', value: (r) => r.answer },
];

/** "relu: deadFraction 1, valAccuracy 0.112; …" */
const observationsText = (r) => Object.entries(r.observations).map(([run, figs]) => `${run}: ${Object.entries(figs).map(([k, v]) => `${k} ${v == null ? '–' : Number(v.toPrecision(4))}`).join(', ')}`).join('; ');

/** Reads files one by one: the good ones as records, one line per refused one. */
export async function readFiles(files) {
  const records = [];
  const errors = [];
  for (const file of files) {
    try {
      if (file.size > RESULT_READ_MAX_BYTES) readResult('', file.size, LESSONS); // refuses from the size alone
      records.push({ ...readResult(await file.text(), file.size, LESSONS), file: file.name });
    } catch (e) {
      errors.push(`${file.name}: ${e.result ? e.message : 'could not be read'}`);
    }
  }
  return { records, errors };
}

/** A CSV field: quoted, and a leading = + - @ defused (spreadsheets run those). */
const csvField = (v) => `"${String(v ?? '').replace(/^[=+\-@]/, "'$&").replace(/"/g, '""')}"`;

/** The table as CSV: a header, then a line per result. */
export function classCsv(records) {
  const lines = [['name', 'lesson', 'holds', 'observations', 'answer', 'timestamp', 'link'].join(',')];
  for (const r of records) lines.push([r.name, r.lesson, r.holds, observationsText(r), r.answer, r.timestamp, r.link].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

/** The header (a sort button per column). */
function header(ui) {
  const row = ui.$('class-table').tHead.rows[0];
  row.replaceChildren(...COLUMNS.map((c) => {
    const th = Object.assign(document.createElement('th'), { scope: 'col' });
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: t(c.header) });
    b.addEventListener('click', () => {
      ui.sort = { id: c.id, dir: ui.sort.id === c.id ? -ui.sort.dir : 1 };
      render(ui);
    });
    th.setAttribute('aria-sort', ui.sort.id === c.id ? (ui.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    th.append(b);
    return th;
  }));
}

/** The rows shown: filtered, sorted. */
function shown(ui) {
  const q = ui.$('class-filter').value.trim().toLowerCase();
  const col = COLUMNS.find((c) => c.id === ui.sort.id);
  const rows = ui.records.filter((r) => !q || COLUMNS.some((c) => String(c.value(r)).toLowerCase().includes(q)));
  return rows.sort((a, b) => {
    const x = col.value(a), y = col.value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * ui.sort.dir;
  });
}

/** The table, the summary, the errors and the chart (text as text, always). */
function render(ui) {
  header(ui);
  const rows = shown(ui);
  ui.$('class-table').tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, { testid: 'class-row', lesson: String(r.lesson), holds: String(r.holds) });
    tr.setAttribute('data-testid', 'class-row');
    tr.tabIndex = 0;
    tr.title = t('openRun');
    for (const c of COLUMNS) tr.append(Object.assign(document.createElement('td'), { textContent: c.text ? c.text(r) : String(c.value(r)) }));
    const open = () => window.open(r.link, '_blank', 'noopener');
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    return tr;
  }));
  ui.$('class-summary').textContent = t('classSummary', { rows: ui.records.length, holds: ui.records.filter((r) => r.holds).length, errors: ui.errors.length });
  ui.$('class-errors').replaceChildren(...ui.errors.map((e) => Object.assign(document.createElement('li'), { textContent: e, className: 'error' })));
  for (const li of ui.$('class-errors').children) li.setAttribute('data-testid', 'class-errors');
  const runs = [...new Set(rows.flatMap((r) => Object.keys(r.curves)))];
  ui.chart.update(rows.flatMap((r) => Object.entries(r.curves).filter(([, p]) => p.length).map(([run, points]) => ({
    label: run, color: PALETTE[runs.indexOf(run) % PALETTE.length], current: true,
    lines: [{ name: r.name, points: points.map((p) => [p[0], p[1]]) }],
  }))));
}

export function mount(root, { store }) {
  const $ = (id) => root.ownerDocument.getElementById(id);
  const ui = { $, records: [], errors: [], sort: { id: 'name', dir: 1 }, chart: new RunChart($('class-chart'), { xLabel: 'epoch', yLabel: 'accuracy', height: 240, wholeX: true }) };
  const add = async (files) => {
    const { records, errors } = await readFiles([...files]);
    ui.records.push(...records);
    ui.errors.push(...errors);
    render(ui);
  };
  $('class-files').addEventListener('change', async (e) => {
    await add(e.target.files);
    e.target.value = '';
  });
  const drop = $('class-drop');
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    add(e.dataTransfer.files);
  });
  $('class-filter').addEventListener('input', () => render(ui));
  $('class-csv').addEventListener('click', () => download('class-results.csv', new Blob([classCsv(shown(ui))], { type: 'text/csv' })));
  render(ui);
  return store.subscribe((s, prev) => s.lang !== prev.lang && render(ui));
}

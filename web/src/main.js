// The page: wires the drawing pad, the controls, the charts and the activation
// panel to the training worker (see protocol.js). The main thread only draws.
import katex from 'katex';
import 'katex/dist/katex.min.css';

import { CurveChart, PALETTE, RunChart } from './charts.js';
import { addEpoch, addProgress, newCurves } from './curves.js';
import { drawHistogram, drawWeightGrid, renderConfusion, renderGallery, renderLayerTable } from './diagnostics.js';
import { DrawingPad, paintPreview } from './drawpad.js';
import { EXERCISES, exercise } from './exercises.js';
import { CompareLab } from './lab.js';
import { activationNote, applyTranslations, language, pickLanguage, setLanguage, t } from './i18n.js';
import { overBudget, tooLarge } from './budget.js';
import { preprocess } from './preprocess.js';
import { defaultState, parseState, serializeState, specOf } from './state.js';

const $ = (id) => document.getElementById(id);
const CURVE_XS = Float32Array.from({ length: 201 }, (_, i) => -5 + i * 0.05);

const app = {
  table: [],
  state: null,
  manifest: null,
  status: 'loading', // loading | idle | training | paused | done | diverged
  pretrained: false,
  specKey: '',
  dataName: null,
  runs: [],
  run: null,
  lastPixels: null,
  predictId: 0,
  curveId: 0,
  nextRunId: 0,
  lab: null,
  diag: null,
  alphaHistory: [],
};
const HIST_XS = Float32Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
window.playground = app; // handy for debugging and scripted checks (and the tests)

// ---- worker and its request/answer helper -----------------------------------------------
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const waiters = [];

function call(msg, okTypes, transfer) {
  return new Promise((resolve, reject) => {
    waiters.push({ okTypes, context: msg.type, resolve, reject });
    worker.postMessage(msg, transfer ?? []);
  });
}

worker.onmessage = (ev) => {
  const msg = ev.data;
  const i = waiters.findIndex((w) => w.okTypes.includes(msg.type) || (msg.type === 'error' && w.context === msg.context));
  if (i >= 0) {
    const [w] = waiters.splice(i, 1);
    if (msg.type === 'error') w.reject(new Error(msg.message));
    else w.resolve(msg);
    if (msg.type !== 'configured' && msg.type !== 'dataReady') handle(msg);
    return;
  }
  handle(msg);
};
worker.onerror = (e) => showAlert(`${t('errorPrefix')}: ${e.message ?? 'the worker failed to start'}`);

function handle(msg) {
  switch (msg.type) {
    case 'progress': return onProgress(msg);
    case 'epoch': return onEpoch(msg);
    case 'done':
      if (app.run && msg.run === app.run.id) {
        setStatus('done');
        say(t('done', { epochs: msg.epoch }));
      }
      return;
    case 'allDone':
      if (app.status === 'training') setStatus('done');
      return;
    case 'diag': return onDiag(msg);
    case 'firstLayerWeights': return onWeights(msg);
    case 'samples': return onSamples(msg);
    case 'weights': return onWeightsFile(msg);
    case 'paused':
      if (app.status === 'training') {
        setStatus('paused');
        say(t('paused'));
      }
      return;
    case 'diverged': return onDiverged(msg);
    case 'prediction': return onPrediction(msg);
    case 'curve': return msg.id === app.histCurveId ? onHistCurve(msg) : onCurve(msg);
    case 'dataProgress': return onDataProgress(msg);
    case 'error':
      if (app.status === 'training') setStatus('paused');
      showAlert(`${t('errorPrefix')}: ${msg.message}`);
      return;
    default:
  }
}

// ---- status line, alerts, buttons ---------------------------------------------------------
function say(text) {
  $('status').textContent = text;
}
function showAlert(text) {
  $('alert').textContent = text;
  $('alert').hidden = false;
}
function clearAlert() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}
function setStatus(s) {
  app.status = s;
  const busy = s === 'training';
  $('pause').disabled = !busy;
  $('step').disabled = busy || s === 'loading';
  $('train').disabled = busy || s === 'loading';
  $('reset').disabled = s === 'loading';
  document.body.dataset.status = s;
}

// ---- controls ------------------------------------------------------------------------------
function activationInfo(id = app.state.activation) {
  return app.table.find((a) => a.id === id);
}

function buildActivationSelect() {
  const sel = $('activation');
  sel.replaceChildren(
    ...app.table.map((a) => {
      const o = document.createElement('option');
      o.value = a.id;
      o.textContent = a.name;
      return o;
    }),
  );
}

function buildParamInputs() {
  const box = $('activation-params');
  box.replaceChildren();
  for (const p of activationInfo().params) {
    const id = `param-${p.id}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = p.name;
    label.title = p.help;
    const input = document.createElement('input');
    Object.assign(input, { id, name: p.id, type: 'number', min: p.min, max: p.max, step: p.integer ? 1 : 'any' });
    input.value = app.state.params[p.id];
    input.dataset.param = p.id;
    input.title = p.help;
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (!Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v))) {
        showAlert(t('settingsError', { message: `${p.name} must be ${p.integer ? 'a whole number ' : ''}in [${p.min}, ${p.max}]` }));
        input.value = app.state.params[p.id];
        return;
      }
      clearAlert();
      app.state.params[p.id] = v;
      stateChanged();
      requestCurve();
    });
    box.append(label, input);
  }
}

const FIELDS = [
  ['layers', 'layers', Number],
  ['units', 'units', Number],
  ['optimizer', 'optimizer', String],
  ['lr', 'lr', Number],
  ['batch', 'batch', Number],
  ['epochs', 'epochs', Number],
  ['seed', 'seed', Number],
  ['init', 'init', String],
  ['bias', 'bias', Number],
];

function writeControls() {
  const s = app.state;
  $('activation').value = s.activation;
  for (const [id, key] of FIELDS) $(id).value = s[key];
  if (s.dataset === 'fashion' && $('dataset').querySelector('[value=fashion]').disabled) s.dataset = 'mnist';
  if ($('dataset').value !== 'files') $('dataset').value = s.dataset;
  buildParamInputs();
  showActivation();
}

function readControl(id, key, cast) {
  const el = $(id);
  const v = cast(el.value);
  if (cast === Number) {
    const min = Number(el.min), max = Number(el.max);
    const whole = el.step === '1';
    if (el.value === '' || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) {
      showAlert(t('settingsError', { message: `${el.labels?.[0]?.textContent ?? id}: ${el.value === '' ? 'empty' : el.value} (allowed ${min} – ${max})` }));
      el.value = app.state[key];
      return;
    }
  }
  clearAlert();
  app.state[key] = v;
  if (key === 'optimizer') {
    // Keras defaults per optimizer.
    app.state.lr = v === 'sgd' || v === 'momentum' ? 0.01 : 0.001;
    $('lr').value = app.state.lr;
  }
  stateChanged();
}

function stateChanged() {
  const hash = serializeState(app.state, app.table);
  if (hash !== location.hash && !(hash === '' && location.hash === '')) history.replaceState(null, '', hash || location.pathname + location.search);
  $('embed-code').value = embedCode();
}

function showActivation() {
  const info = activationInfo();
  $('activation-name').textContent = info.name;
  katex.render(info.formula, $('formula'), { throwOnError: false, displayMode: true });
  katex.render(info.derivative, $('derivative'), { throwOnError: false, displayMode: true });
  $('activation-note').textContent = activationNote(info);
  requestCurve();
}

function requestCurve() {
  const info = activationInfo();
  const params = {};
  for (const p of info.params) params[p.id] = app.state.params[p.id];
  worker.postMessage({ type: 'curve', id: ++app.curveId, activation: info.id, params, xs: CURVE_XS });
}

function onCurve(msg) {
  if (msg.id !== app.curveId) return;
  charts.curve.update(CURVE_XS, msg.y, msg.dy, msg.activation);
}

// ---- runs and charts --------------------------------------------------------------------------
function runLabel(spec) {
  const info = activationInfo(spec.hidden[0]?.activation);
  const params = Object.entries(spec.hidden[0]?.params ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  const depth = spec.hidden.length > 1 ? `${spec.hidden.length}×` : '';
  return `${info?.name ?? '?'}${params ? ` ${params}` : ''} · ${depth}${spec.hidden[0]?.units} · ${app.state.optimizer} ${spec.learningRate}`;
}

function newRun(runId, spec) {
  app.alphaHistory = [];
  app.diag = null;
  const run = {
    id: runId,
    activation: spec.hidden[0]?.activation,
    label: runLabel(spec),
    color: PALETTE[app.runs.length % PALETTE.length],
    ...newCurves(),
  };
  app.runs.push(run);
  if (app.runs.length > 8) app.runs.shift();
  app.run = run;
  resetCounters();
  drawCharts();
  return run;
}

function resetCounters() {
  $('epoch').textContent = '0';
  $('step-count').textContent = '0';
  $('train-loss').textContent = '–';
  $('val-accuracy').textContent = '–';
  $('sps').textContent = '–';
  $('spe').textContent = '–';
}

let chartTimer = null;
function drawChartsSoon() {
  if (chartTimer) return;
  chartTimer = setTimeout(() => {
    chartTimer = null;
    drawCharts();
  }, 200);
}

/** Runs UI jobs one per task, so no single task of the main thread grows long. */
function inSlices(...jobs) {
  const next = () => {
    const job = jobs.shift();
    if (!job) return;
    job();
    if (jobs.length) setTimeout(next, 0);
  };
  next();
}

function drawCharts() {
  const runs = app.runs.filter((r) => r.loss.length || r.epochs.length);
  const current = (r) => r === app.run;
  inSlices(
    () => charts.loss.update(
      runs.map((r) => ({
        label: r.label, color: r.color, current: current(r),
        lines: current(r) ? [{ name: 'raw', points: r.loss, faint: true, width: 1 }, { name: 'smoothed', points: r.smooth }] : [{ name: '', points: r.smooth }],
      })),
    ),
    () => charts.accuracy.update(runs.map((r) => epochLines(r, 'valAccuracy', 'trainAccuracy'))),
    () => charts.epochLoss.update(runs.map((r) => epochLines(r, 'valLoss', 'trainLoss'))),
  );
}

/** A run's per-epoch validation (solid) and training (dashed) values of one figure. */
function epochLines(r, valKey, trainKey) {
  return {
    label: r.label, color: r.color, current: r === app.run,
    lines: [
      { name: 'val', points: r.epochs.map((e) => [e.epoch, e[valKey]]) },
      { name: 'train', points: r.epochs.map((e) => [e.epoch, e[trainKey]]), dash: [5, 4] },
    ],
  };
}

function onProgress(msg) {
  const run = app.run;
  if (!run || msg.run !== run.id) return;
  addProgress(run, msg);
  $('epoch').textContent = String(msg.epoch);
  $('step-count').textContent = String(msg.step);
  $('train-loss').textContent = msg.loss.toFixed(4);
  if (msg.samplesPerSecond) $('sps').textContent = Math.round(msg.samplesPerSecond).toLocaleString('en-US');
  drawChartsSoon();
  predictSoon();
}

function onEpoch(msg) {
  const run = app.run;
  if (!run || msg.run !== run.id) return;
  addEpoch(run, msg);
  $('epoch').textContent = String(msg.epoch);
  $('val-accuracy').textContent = `${(100 * msg.valAccuracy).toFixed(2)}%`;
  $('spe').textContent = `${msg.seconds.toFixed(2)} s`;
  drawCharts();
  predictNow();
  setTimeout(() => renderConfusion($('confusion'), msg.confusion), 0);
  app.lastMisclassified = { indices: msg.misclassified.slice(0, 32), predicted: msg.predicted.slice(0, 32) };
  worker.postMessage({ type: 'samples', id: 0, indices: app.lastMisclassified.indices });
  worker.postMessage({ type: 'firstLayerWeights', id: 0, run: run.id });
}

function onDiverged(msg) {
  setStatus('diverged');
  const lr = Math.max(1e-6, app.state.lr / 10);
  showAlert(t('diverged', { step: msg.step, lr: Number(lr.toPrecision(2)) }));
  say('');
}

// ---- network lifecycle -------------------------------------------------------------------------
function datasetBytes(id) {
  return app.manifest?.datasets?.find((d) => d.id === id)?.bytes ?? 0;
}

/** Refuses (throws) a plan of networks that would not fit the per-tab memory budget. */
async function checkBudget(specs, workers) {
  const { bytes } = await call({ type: 'estimate', id: 0, specs }, ['estimated']);
  const over = overBudget({ networkBytes: bytes, workers, datasetBytes: datasetBytes(app.state.dataset) });
  if (over) throw new Error(t('overBudget', { ...over, networks: specs.length }));
}

async function configure() {
  const spec = specOf(app.state, app.table);
  await checkBudget([spec], 1);
  const msg = await call({ type: 'configure', run: ++app.nextRunId, spec, epochs: app.state.epochs }, ['configured']);
  app.specKey = JSON.stringify(spec);
  app.pretrained = false;
  newRun(msg.run, spec);
  setStatus('idle');
  return msg;
}

async function ensureDataset() {
  const want = $('dataset').value;
  if (want === 'files') {
    if (app.dataName !== 'files') throw new Error(t('idxFiles'));
    return;
  }
  if (app.dataName === want) return;
  const ds = app.manifest?.datasets?.find((d) => d.id === want);
  if (!ds) throw new Error(`dataset '${want}' is not available on this site`);
  const name = want === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  $('data-progress').hidden = false;
  say(t('loadingData', { name, percent: '' }));
  try {
    const msg = await call(
      { type: 'loadData', source: { kind: 'url', name, base: new URL(ds.base, document.baseURI).href, sizes: ds.sizes } },
      ['dataReady'],
    );
    app.dataName = want;
    say(t('dataReady', { name, train: msg.train.toLocaleString('en-US'), test: msg.test.toLocaleString('en-US') }));
  } catch (e) {
    throw new Error(t('dataError', { message: e.message }));
  } finally {
    $('data-progress').hidden = true;
  }
}

function onDataProgress(msg) {
  if (msg.total > 0) {
    $('data-progress').value = msg.loaded / msg.total;
    say(t('loadingData', { name: $('dataset').selectedOptions[0]?.textContent ?? '', percent: `${Math.round((100 * msg.loaded) / msg.total)}%` }));
  }
}

function needsNewRun() {
  const key = JSON.stringify(specOf(app.state, app.table));
  return app.pretrained || key !== app.specKey || app.status === 'done' || app.status === 'diverged';
}

/** Starts a new run if the settings changed (or the last one ended), loads the data, then sends `message`. */
async function runWith(message, statusAfter) {
  clearAlert();
  try {
    setStatus('loading');
    if (needsNewRun()) await configure();
    await ensureDataset();
    setStatus(statusAfter);
    if (message.type === 'train') say(t('trainingStarted', { model: app.run?.label ?? '' }));
    worker.postMessage(message);
  } catch (e) {
    setStatus(app.pretrained ? 'idle' : 'paused');
    showAlert(e.message);
  }
}

const onTrain = () => runWith({ type: 'train', epochs: app.state.epochs }, 'training');
const onStep = () => runWith({ type: 'step' }, 'paused');

async function onReset() {
  clearAlert();
  try {
    worker.postMessage({ type: 'pause' });
    await configure();
    say('');
  } catch (e) {
    setStatus('idle');
    showAlert(e.message);
  }
}

async function onFiles(input) {
  clearAlert();
  const files = [...input.files];
  if (!files.length) return;
  try {
    // A gzip file is never much larger than the IDX file it holds (stored blocks add 5 bytes per 64 KiB).
    const maxBytes = app.limits.maxIdxFileBytes * (1 + 1 / 1024);
    for (const f of files) {
      const big = tooLarge(f, maxBytes);
      if (big) throw new Error(t('fileTooLarge', { name: f.name, ...big }));
    }
    const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const msg = await call({ type: 'loadData', source: { kind: 'files', name: 'IDX', files: payload } }, ['dataReady']);
    app.dataName = 'files';
    say(t('dataReady', { name: files.map((f) => f.name).join(', '), train: msg.train, test: msg.test }));
  } catch (e) {
    app.dataName = app.dataName === 'files' ? null : app.dataName;
    showAlert(t('dataError', { message: e.message }));
  }
}

async function loadDefaultModel() {
  const model = app.manifest?.model;
  if (!model) return;
  try {
    const res = await fetch(new URL(model.file, document.baseURI));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const msg = await call({ type: 'loadWeights', run: ++app.nextRunId, bytes, label: 'default' }, ['configured'], [bytes.buffer]);
    app.pretrained = true;
    app.specKey = '';
    app.run = null;
    say(t('defaultModel', { model: msg.info.description, accuracy: `${(100 * model.valAccuracy).toFixed(1)}%` }));
  } catch (e) {
    showAlert(t('weightsError', { message: e.message }));
  }
}

// ---- drawing and predictions ----------------------------------------------------------------------
function renderBars(probabilities) {
  const ol = $('probabilities');
  let best = -1;
  if (probabilities) best = probabilities.indexOf(Math.max(...probabilities));
  for (let d = 0; d < 10; d++) {
    const li = ol.children[d];
    const p = probabilities ? probabilities[d] : 0;
    li.querySelector('.fill').style.width = `${(100 * p).toFixed(1)}%`;
    li.querySelector('.pct').textContent = probabilities ? `${(100 * p).toFixed(1)}%` : '';
    li.classList.toggle('top', d === best);
    li.dataset.probability = p.toFixed(4);
  }
  $('prediction').textContent = best >= 0 ? String(best) : '';
  $('prediction').title = best >= 0 ? '' : t('noPrediction');
}

function buildBars() {
  const ol = $('probabilities');
  ol.replaceChildren(
    ...Array.from({ length: 10 }, (_, d) => {
      const li = document.createElement('li');
      li.dataset.digit = d;
      li.innerHTML = `<span class="digit">${d}</span><span class="bar"><span class="fill"></span></span><span class="pct"></span>`;
      return li;
    }),
  );
}

function onDraw() {
  if (app.lab && pad.isEmpty()) {
    app.lab.pixels = null;
    for (const r of app.lab.records.values()) r.probabilities = null;
  }
  const ink = pad.ink();
  app.lastPixels = preprocess(ink, pad.canvas.width, pad.canvas.height);
  paintPreview($('preview'), app.lastPixels);
  predictNow();
}

function predictNow() {
  if (!app.lastPixels) {
    renderBars(null);
    if (app.lab) renderCompare(app.lab);
    return;
  }
  if (app.status === 'loading' && !app.pretrained && !app.run) return;
  worker.postMessage({ type: 'predict', id: ++app.predictId, pixels: app.lastPixels });
  app.lab?.predict(app.lastPixels);
}

let predictTimer = null;
function predictSoon() {
  if (predictTimer || !app.lastPixels) return;
  predictTimer = setTimeout(() => {
    predictTimer = null;
    predictNow();
  }, 500);
}

function onPrediction(msg) {
  if (msg.id !== app.predictId || !app.lastPixels || !msg.results.length) return;
  const mine = msg.results.find((r) => r.run === app.run?.id) ?? msg.results[msg.results.length - 1];
  renderBars(Array.from(mine.probabilities));
}


// ---- diagnostics panel ------------------------------------------------------------------------------
function onDiag(msg) {
  if (!app.run || msg.run !== app.run.id) return;
  app.diag = msg;
  renderLayerTable($('diag-layers'), msg.layers);
  const first = msg.layers[0];
  if (first.alpha) {
    app.alphaHistory.push([msg.step, first.alpha]);
    $('alpha-figure').hidden = false;
    charts.alpha.update([
      {
        label: 'α', color: PALETTE[4], current: true,
        // The distribution of the per-unit slopes over time: extremes, 10/90th percentiles, median.
        lines: [
          { name: 'min', points: app.alphaHistory.map(([s, a]) => [s, a.min]), dash: [2, 3], width: 1 },
          { name: 'p10', points: app.alphaHistory.map(([s, a]) => [s, a.quantiles[0]]), dash: [5, 3] },
          { name: 'median', points: app.alphaHistory.map(([s, a]) => [s, a.quantiles[2]]) },
          { name: 'p90', points: app.alphaHistory.map(([s, a]) => [s, a.quantiles[4]]), dash: [5, 3] },
          { name: 'max', points: app.alphaHistory.map(([s, a]) => [s, a.max]), dash: [2, 3], width: 1 },
        ],
      },
    ]);
  }
  requestHistCurve();
}

function requestHistCurve(activation) {
  const info = activationInfo(activation ?? app.run?.activation ?? app.state.activation);
  const params = {};
  for (const p of info.params) params[p.id] = app.state.params[p.id];
  app.histCurveId = ++app.curveId;
  worker.postMessage({ type: 'curve', id: app.histCurveId, activation: info.id, params, xs: HIST_XS });
}

function onHistCurve(msg) {
  if (!app.diag) return;
  drawHistogram($('diag-hist'), app.diag.layers[0].histogram, { xs: HIST_XS, y: msg.y, dy: msg.dy });
}

function onWeights(msg) {
  if (!app.run || msg.run !== app.run.id) return;
  drawWeightGrid($('weight-grid'), msg.grid, msg.deadUnits);
}

function onSamples(msg) {
  if (!app.lastMisclassified) return;
  const images = [];
  for (let i = 0; i < msg.labels.length; i++) images.push(msg.images.subarray(i * 784, (i + 1) * 784));
  renderGallery($('gallery'), images, app.lastMisclassified.predicted, msg.labels);
}

// ---- compare mode -------------------------------------------------------------------------------------
const ACT_COLORS = {};

function buildComparePicks() {
  const box = $('compare-picks');
  box.querySelectorAll('label').forEach((l) => l.remove());
  app.table.forEach((a, i) => {
    ACT_COLORS[a.id] = PALETTE[i % PALETTE.length];
    const label = document.createElement('label');
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.value = a.id;
    cb.name = 'compare';
    cb.checked = app.state.compare.length ? app.state.compare.includes(a.id) : a.id !== 'linear';
    cb.addEventListener('change', () => {
      app.state.compare = [...box.querySelectorAll('input:checked')].map((c) => c.value);
      stateChanged();
    });
    label.append(cb, document.createTextNode(a.name));
    box.append(label);
  });
}

function compareSelection() {
  return [...$('compare-picks').querySelectorAll('input:checked')].map((c) => c.value);
}

async function onCompare() {
  clearAlert();
  const lab = app.lab;
  if (lab && lab.status === 'paused') {
    lab.resume();
    $('compare-pause').disabled = false;
    return;
  }
  const ids = compareSelection();
  if (!ids.length) {
    showAlert(t('settingsError', { message: 'choose at least one activation' }));
    return;
  }
  const want = app.state.dataset === 'fashion' ? 'fashion' : 'mnist';
  const ds = app.manifest?.datasets?.find((d) => d.id === want);
  if (!ds) {
    showAlert(t('dataError', { message: `dataset '${want}' is not available on this site` }));
    return;
  }
  const base = specOf(app.state, app.table);
  const specFor = (id) => {
    const info = activationInfo(id);
    const params = {};
    for (const p of info.params) params[p.id] = app.state.params[p.id];
    return { ...base, hidden: base.hidden.map((h) => ({ ...h, activation: id, params })) };
  };
  try {
    // Before anything stops or starts: the comparison's networks, the page's own, and their workers.
    const cores = navigator.hardwareConcurrency || 2;
    await checkBudget([...ids.map(specFor), base], Math.min(cores, ids.length) + 1);
  } catch (e) {
    showAlert(e.message);
    return;
  }
  lab?.dispose();
  worker.postMessage({ type: 'pause' });
  const next = new CompareLab({
    activations: ids,
    epochs: app.state.epochs,
    spec: specFor,
    source: { kind: 'url', name: want === 'mnist' ? 'MNIST' : 'Fashion-MNIST', base: new URL(ds.base, document.baseURI).href, sizes: ds.sizes },
    nextRunId: () => ++app.nextRunId,
    simd: app.engineChoice,
    onUpdate: renderCompare,
    onError: (m) => showAlert(`${t('errorPrefix')}: ${m}`),
  });
  app.lab = next;
  window.lab = next;
  $('compare-run').disabled = true;
  $('compare-pause').disabled = false;
  say(t('comparing', { n: ids.length, w: next.workerCount }));
  renderCompare(next);
  try {
    await next.start();
    if (app.lastPixels) next.predict(app.lastPixels);
  } catch (e) {
    showAlert(`${t('errorPrefix')}: ${e.message}`);
  } finally {
    $('compare-run').disabled = false;
  }
}

function renderCompare(lab) {
  if (lab !== app.lab) return;
  const tbody = $('compare-results').tBodies[0];
  const fmtPct = (v) => (v == null ? '–' : `${(100 * v).toFixed(2)}%`);
  const fmtNum = (v) => (v == null ? '–' : Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2));
  const rows = [...lab.records.values()].map((r) => {
    const info = activationInfo(r.activation);
    const pred = r.probabilities ? r.probabilities.indexOf(Math.max(...r.probabilities)) : null;
    const cell = (metric, value, text) => `<td data-metric="${metric}"${value == null ? '' : ` data-value="${value}"`}>${text}</td>`;
    return `<tr data-activation="${r.activation}" data-run="${r.run}" data-done="${r.done ? 1 : 0}" data-epoch="${r.epoch}">
      <td><span class="swatch" style="background:${ACT_COLORS[r.activation]}"></span>${info.name}${r.diverged ? ' ⚠' : ''}</td>
      ${cell('val-accuracy', r.valAccuracy, fmtPct(r.valAccuracy))}
      ${cell('best-accuracy', r.bestValAccuracy, fmtPct(r.bestValAccuracy))}
      ${cell('epochs-to-90', r.epochsTo90, r.epochsTo90 ?? '–')}
      ${cell('epochs-to-95', r.epochsTo95, r.epochsTo95 ?? '–')}
      ${cell('dead-fraction', r.deadFraction, fmtPct(r.deadFraction))}
      ${cell('grad-norm-first', r.gradNormFirst, fmtNum(r.gradNormFirst))}
      ${cell('mean-output', r.meanOutput, fmtNum(r.meanOutput))}
      ${cell('alpha', r.alpha ? `${r.alpha.min},${r.alpha.mean},${r.alpha.max}` : null, r.alpha ? `${r.alpha.min.toFixed(3)} / ${r.alpha.mean.toFixed(3)} / ${r.alpha.max.toFixed(3)}` : '–')}
      ${cell('seconds-per-epoch', r.secondsPerEpoch, r.secondsPerEpoch == null ? '–' : r.secondsPerEpoch.toFixed(2))}
      ${cell('parameters', r.parameters, r.parameters == null ? '–' : r.parameters.toLocaleString('en-US'))}
      ${cell('prediction', pred, pred ?? '–')}
    </tr>`;
  });
  tbody.innerHTML = rows.join('');
  for (const tr of tbody.rows) {
    tr.tabIndex = 0;
    tr.title = t('diagnosticsTitle');
    const pick = () => {
      app.compareSelected = tr.dataset.activation;
      renderCompare(lab);
    };
    tr.addEventListener('click', pick);
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && pick());
    if (tr.dataset.activation === app.compareSelected) tr.setAttribute('aria-selected', 'true');
  }
  const selected = lab.records.get(app.compareSelected);
  if (selected?.layers) {
    // The diagnostics panel follows the chosen row of the comparison.
    app.diag = { run: selected.run, layers: selected.layers };
    renderLayerTable($('diag-layers'), selected.layers);
    requestHistCurve(selected.activation);
  }
  const recs = [...lab.records.values()];
  inSlices(
    () => charts.compareVal.update(recs.filter((r) => r.epochs.length).map((r) => ({
      label: activationInfo(r.activation).name, color: ACT_COLORS[r.activation], current: true,
      lines: [{ name: '', points: r.epochs.map((e) => [e.epoch, e.valAccuracy]) }],
    }))),
    () => charts.compareLoss.update(recs.filter((r) => r.smooth.length).map((r) => ({
      label: activationInfo(r.activation).name, color: ACT_COLORS[r.activation], current: true,
      lines: [{ name: '', points: r.smooth }],
    }))),
  );
  document.body.dataset.compare = lab.status;
  if (lab.status === 'done') {
    $('compare-pause').disabled = true;
    say(t('compareDone'));
  }
}

// ---- exercises --------------------------------------------------------------------------------------
function buildExercises() {
  const ol = $('exercise-list');
  ol.replaceChildren(
    ...EXERCISES.map((ex) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = ex.hash + (app.state.lang ? `&lang=${app.state.lang}` : '');
      a.dataset.testid = `exercise-${ex.n}`;
      a.setAttribute('data-testid', `exercise-${ex.n}`);
      a.textContent = (ex[language()] ?? ex.en).title;
      if (app.state.exercise === ex.n) a.setAttribute('aria-current', 'true');
      li.append(a);
      return li;
    }),
  );
  const ex = exercise(app.state.exercise);
  const card = $('exercise-card');
  card.hidden = !ex;
  if (!ex) return;
  const tx = ex[language()] ?? ex.en;
  card.innerHTML = `<h3>${ex.n}. ${tx.title}</h3><p>${tx.explain}</p><dl>
    <dt>${t('exerciseLook')}</dt><dd>${tx.look}</dd>
    <dt>${t('exerciseQuestion')}</dt><dd>${tx.question}</dd></dl>
    <details><summary>${t('exerciseExpect')}</summary><p data-testid="exercise-expect">${tx.expect}</p></details>
    <p class="hint">${t('exerciseRun')}</p>`;
}

// ---- share, embed, export -------------------------------------------------------------------------------
function shareUrl() {
  return location.href;
}

function embedCode() {
  const url = new URL(location.href);
  const params = new URLSearchParams(url.hash.slice(1));
  params.set('embed', '1');
  url.hash = params.toString().replace(/%2C/g, ',');
  return `<iframe src="${url.href}" width="100%" height="900" style="max-width:800px;border:0" loading="lazy" title="Activation Playground"></iframe>`;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    say(t('copied'));
  } catch {
    $('embed-code').value = text;
    $('embed-code').select();
  }
}

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Curves of every run (the page's runs and the comparison) as CSV. */
function curvesCsv() {
  const lines = ['run,activation_label,kind,epoch,value'];
  const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
  for (const r of app.runs) {
    for (const [x, y] of r.loss) lines.push(`${r.id},${q(r.label)},train_loss_step,${x},${y}`);
    for (const e of r.epochs) {
      lines.push(`${r.id},${q(r.label)},train_loss,${e.epoch},${e.trainLoss}`);
      lines.push(`${r.id},${q(r.label)},train_accuracy,${e.epoch},${e.trainAccuracy}`);
      lines.push(`${r.id},${q(r.label)},val_loss,${e.epoch},${e.valLoss}`);
      lines.push(`${r.id},${q(r.label)},val_accuracy,${e.epoch},${e.valAccuracy}`);
    }
  }
  for (const r of app.lab?.records.values() ?? []) {
    for (const [x, y] of r.loss) lines.push(`${r.run},${q(r.activation)},train_loss_step,${x},${y}`);
    for (const e of r.epochs) lines.push(`${r.run},${q(r.activation)},val_accuracy,${e.epoch},${e.valAccuracy}`);
  }
  return `${lines.join('\n')}\n`;
}

function chartsPng() {
  const canvases = [...document.querySelectorAll('.uplot canvas')].filter((c) => c.width > 0 && c.offsetParent);
  const width = Math.max(...canvases.map((c) => c.width), 100);
  const height = canvases.reduce((a, c) => a + c.height + 10, 0) || 100;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  for (const c of canvases) {
    ctx.drawImage(c, 0, y);
    y += c.height + 10;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

function onWeightsFile(msg) {
  download(`activation-playground-${app.run?.label?.split(' ')[0]?.toLowerCase() ?? 'model'}.apw`, new Blob([msg.bytes], { type: 'application/octet-stream' }));
}

async function onUploadWeights(input) {
  clearAlert();
  const file = input.files[0];
  if (!file) return;
  try {
    const big = tooLarge(file, app.limits.maxWeightsFileBytes);
    if (big) throw new Error(t('fileTooLarge', { name: file.name, ...big }));
    const bytes = new Uint8Array(await file.arrayBuffer());
    worker.postMessage({ type: 'pause' });
    const msg = await call({ type: 'loadWeights', run: ++app.nextRunId, bytes, label: file.name }, ['configured'], [bytes.buffer]);
    app.pretrained = true;
    app.specKey = '';
    app.run = null;
    setStatus('idle');
    say(t('weightsLoaded', { model: msg.info.description }));
    predictNow();
  } catch (e) {
    showAlert(t('weightsError', { message: e.message }));
  } finally {
    input.value = '';
  }
}

const PANELS = ['draw', 'settings', 'activation', 'training', 'compare', 'diagnostics', 'exercises', 'share'];
function applyLayout() {
  const s = app.state;
  document.body.classList.toggle('embed', !!s.embed);
  for (const p of PANELS) {
    const visible = s.show.length ? s.show.includes(p) : !s.hide.includes(p);
    $(`panel-${p}`).hidden = !visible;
  }
}

// ---- start ------------------------------------------------------------------------------------------
const charts = {
  loss: new RunChart($('chart-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
  accuracy: new RunChart($('chart-accuracy'), { xLabel: 'epoch', yLabel: 'accuracy', height: 200 }),
  epochLoss: new RunChart($('chart-epoch-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 200 }),
  curve: new CurveChart($('chart-curve')),
  compareVal: new RunChart($('chart-compare-val'), { xLabel: 'epoch', yLabel: 'accuracy', height: 220 }),
  compareLoss: new RunChart($('chart-compare-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
  alpha: new RunChart($('chart-alpha'), { xLabel: 'step', yLabel: 'α', height: 180 }),
};
app.charts = charts;
const pad = new DrawingPad($('pad'), onDraw);
buildBars();
renderBars(null);

async function start() {
  setStatus('loading');
  const early = new URLSearchParams(location.hash.slice(1));
  const initialLang = early.get('lang');
  // engine=scalar|simd forces a build (auto: WASM SIMD when the browser validates it).
  app.engineChoice = { simd: true, scalar: false }[early.get('engine')];
  setLanguage(pickLanguage(initialLang, navigator.languages ?? [navigator.language]));
  $('lang').value = document.documentElement.lang;
  applyTranslations();
  say(t('loadingEngine'));
  const [ready, manifest] = await Promise.all([
    call({ type: 'init', simd: app.engineChoice }, ['ready']),
    fetch(new URL('manifest.json', document.baseURI)).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  app.table = ready.activations;
  app.limits = ready.limits;
  app.manifest = manifest;
  app.simd = ready.simd;
  document.body.dataset.simd = ready.simd ? '1' : '0';
  $('engine-kind').textContent = ready.simd ? 'WebAssembly SIMD' : t('scalarNote');
  if (manifest?.datasets?.some((d) => d.id === 'fashion')) {
    const o = $('dataset').querySelector('[value=fashion]');
    o.hidden = false;
    o.disabled = false;
  }
  const { state, errors } = parseState(location.hash, app.table);
  app.state = state;
  buildActivationSelect();
  writeControls();
  buildComparePicks();
  buildExercises();
  applyLayout();
  $('embed-code').value = embedCode();
  if (errors.length) showAlert(`${t('settingsError', { message: errors.join('; ') })}`);
  say(ready.simd ? t('engineReadySimd') : t('engineReadyScalar'));
  if (!ready.simd) showAlert(t('engineReadyScalar'));
  await loadDefaultModel();
  setStatus('idle');
  document.body.dataset.ready = '1';
  registerOffline();
}

/** Caches the site for offline use (a static host needs nothing for this). */
function registerOffline() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker
    .register(new URL('sw.js', document.baseURI), { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => (document.body.dataset.offline = '1'))
    .catch(() => {}); // offline support is a bonus: never an error for the visitor
}

$('activation').addEventListener('change', () => {
  app.state.activation = $('activation').value;
  buildParamInputs();
  showActivation();
  stateChanged();
});
for (const [id, key, cast] of FIELDS) $(id).addEventListener('change', () => readControl(id, key, cast));
$('dataset').addEventListener('change', () => {
  const v = $('dataset').value;
  $('files-row').hidden = v !== 'files';
  if (v !== 'files') {
    app.state.dataset = v;
    stateChanged();
  }
});
$('idx-files').addEventListener('change', (e) => onFiles(e.target));
$('train').addEventListener('click', onTrain);
$('pause').addEventListener('click', () => worker.postMessage({ type: 'pause' }));
$('step').addEventListener('click', onStep);
$('reset').addEventListener('click', onReset);
$('clear').addEventListener('click', () => pad.clear());
$('undo').addEventListener('click', () => pad.undo());
$('lang').addEventListener('change', () => {
  setLanguage($('lang').value);
  app.state.lang = $('lang').value;
  applyTranslations();
  showActivation();
  buildExercises();
  if (app.lab) renderCompare(app.lab);
  stateChanged();
});
window.addEventListener('hashchange', () => {
  const { state, errors } = parseState(location.hash, app.table);
  app.state = state;
  if (state.lang && state.lang !== language()) {
    setLanguage(state.lang);
    $('lang').value = state.lang;
    applyTranslations();
  }
  writeControls();
  buildComparePicks();
  buildExercises();
  applyLayout();
  if (errors.length) showAlert(t('settingsError', { message: errors.join('; ') }));
});
$('compare-run').addEventListener('click', onCompare);
$('compare-pause').addEventListener('click', () => {
  app.lab?.pause();
  $('compare-pause').disabled = true;
});
$('copy-link').addEventListener('click', () => copy(shareUrl()));
$('copy-embed').addEventListener('click', () => copy(embedCode()));
$('download-csv').addEventListener('click', () => download('activation-playground-curves.csv', new Blob([curvesCsv()], { type: 'text/csv' })));
$('download-png').addEventListener('click', async () => download('activation-playground-charts.png', await chartsPng()));
$('download-weights').addEventListener('click', () => worker.postMessage({ type: 'saveWeights', id: 0, run: app.run?.id }));
$('upload-weights').addEventListener('change', (e) => onUploadWeights(e.target));

start().catch((e) => {
  showAlert(`${t('errorPrefix')}: ${e.message}`);
  setStatus('idle');
});

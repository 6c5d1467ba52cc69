// The page: wires the drawing pad, the controls, the charts and the activation
// panel to the training worker (see protocol.js). The main thread only draws.
import katex from 'katex';
import 'katex/dist/katex.min.css';

import { CurveChart, PALETTE, RunChart } from './charts.js';
import { DrawingPad, paintPreview } from './drawpad.js';
import { activationNote, applyTranslations, pickLanguage, setLanguage, t } from './i18n.js';
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
};
window.playground = app; // handy for debugging and scripted checks

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
      setStatus('done');
      say(t('done', { epochs: msg.epoch }));
      return;
    case 'paused':
      if (app.status === 'training') setStatus('paused');
      say(t('paused'));
      return;
    case 'diverged': return onDiverged(msg);
    case 'prediction': return onPrediction(msg);
    case 'curve': return onCurve(msg);
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
  const run = {
    id: runId,
    label: runLabel(spec),
    color: PALETTE[app.runs.length % PALETTE.length],
    loss: [],
    smooth: [],
    ema: null,
    epochs: [],
    acc: { loss: 0, correct: 0, samples: 0 },
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

function drawCharts() {
  const runs = app.runs.filter((r) => r.loss.length || r.epochs.length);
  const current = (r) => r === app.run;
  charts.loss.update(
    runs.map((r) => ({
      label: r.label, color: r.color, current: current(r),
      lines: current(r) ? [{ name: 'raw', points: r.loss, faint: true, width: 1 }, { name: 'smoothed', points: r.smooth }] : [{ name: '', points: r.smooth }],
    })),
  );
  charts.accuracy.update(
    runs.map((r) => ({
      label: r.label, color: r.color, current: current(r),
      lines: [
        { name: 'val', points: r.epochs.map((e) => [e.epoch, e.valAccuracy]) },
        { name: 'train', points: r.epochs.map((e) => [e.epoch, e.trainAccuracy]), dash: [5, 4] },
      ],
    })),
  );
  charts.epochLoss.update(
    runs.map((r) => ({
      label: r.label, color: r.color, current: current(r),
      lines: [
        { name: 'val', points: r.epochs.map((e) => [e.epoch, e.valLoss]) },
        { name: 'train', points: r.epochs.map((e) => [e.epoch, e.trainLoss]), dash: [5, 4] },
      ],
    })),
  );
}

function onProgress(msg) {
  const run = app.run;
  if (!run || msg.run !== run.id) return;
  const x = msg.epoch + msg.epochFraction;
  run.loss.push([x, msg.loss]);
  // EMA with factor 0.9 per step; a message covers stepsRun steps (their mean loss).
  const keep = Math.pow(0.9, msg.stepsRun);
  run.ema = run.ema == null ? msg.loss : keep * run.ema + (1 - keep) * msg.loss;
  run.smooth.push([x, run.ema]);
  run.acc.loss += msg.loss * msg.samplesRun;
  run.acc.correct += msg.accuracy * msg.samplesRun;
  run.acc.samples += msg.samplesRun;
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
  run.epochs.push({
    epoch: msg.epoch,
    valLoss: msg.valLoss,
    valAccuracy: msg.valAccuracy,
    trainLoss: run.acc.samples ? run.acc.loss / run.acc.samples : null,
    trainAccuracy: run.acc.samples ? run.acc.correct / run.acc.samples : null,
    seconds: msg.seconds,
  });
  run.acc = { loss: 0, correct: 0, samples: 0 };
  $('epoch').textContent = String(msg.epoch);
  $('val-accuracy').textContent = `${(100 * msg.valAccuracy).toFixed(2)}%`;
  $('spe').textContent = `${msg.seconds.toFixed(2)} s`;
  drawCharts();
  predictNow();
}

function onDiverged(msg) {
  setStatus('diverged');
  const lr = Math.max(1e-6, app.state.lr / 10);
  showAlert(t('diverged', { step: msg.step, lr: Number(lr.toPrecision(2)) }));
  say('');
}

// ---- network lifecycle -------------------------------------------------------------------------
async function configure() {
  const spec = specOf(app.state, app.table);
  const msg = await call({ type: 'configure', spec }, ['configured']);
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

async function onTrain() {
  clearAlert();
  try {
    setStatus('loading');
    if (needsNewRun()) await configure();
    await ensureDataset();
    setStatus('training');
    say(t('trainingStarted', { model: app.run?.label ?? '' }));
    worker.postMessage({ type: 'train', epochs: app.state.epochs });
  } catch (e) {
    setStatus(app.pretrained ? 'idle' : 'paused');
    showAlert(e.message);
  }
}

async function onStep() {
  clearAlert();
  try {
    setStatus('loading');
    if (needsNewRun()) await configure();
    await ensureDataset();
    setStatus('paused');
    worker.postMessage({ type: 'step' });
  } catch (e) {
    setStatus('idle');
    showAlert(e.message);
  }
}

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
    const msg = await call({ type: 'loadWeights', bytes, label: 'default' }, ['configured'], [bytes.buffer]);
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
  const ink = pad.ink();
  app.lastPixels = preprocess(ink, pad.canvas.width, pad.canvas.height);
  paintPreview($('preview'), app.lastPixels);
  predictNow();
}

function predictNow() {
  if (!app.lastPixels) {
    renderBars(null);
    return;
  }
  if (app.status === 'loading' && !app.pretrained && !app.run) return;
  worker.postMessage({ type: 'predict', id: ++app.predictId, pixels: app.lastPixels });
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
  if (msg.id !== app.predictId || !app.lastPixels) return;
  renderBars(Array.from(msg.probabilities));
}

// ---- start ------------------------------------------------------------------------------------------
const charts = {
  loss: new RunChart($('chart-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 220 }),
  accuracy: new RunChart($('chart-accuracy'), { xLabel: 'epoch', yLabel: 'accuracy', height: 200 }),
  epochLoss: new RunChart($('chart-epoch-loss'), { xLabel: 'epoch', yLabel: 'loss', height: 200 }),
  curve: new CurveChart($('chart-curve')),
};
app.charts = charts;
const pad = new DrawingPad($('pad'), onDraw);
buildBars();
renderBars(null);

async function start() {
  setStatus('loading');
  const initialLang = new URLSearchParams(location.hash.slice(1)).get('lang');
  setLanguage(pickLanguage(initialLang, navigator.languages ?? [navigator.language]));
  $('lang').value = document.documentElement.lang;
  applyTranslations();
  say(t('loadingEngine'));
  const [ready, manifest] = await Promise.all([
    call({ type: 'init' }, ['ready']),
    fetch(new URL('manifest.json', document.baseURI)).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  app.table = ready.activations;
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
  if (errors.length) showAlert(`${t('settingsError', { message: errors.join('; ') })}`);
  say(ready.simd ? t('engineReadySimd') : t('engineReadyScalar'));
  if (!ready.simd) showAlert(t('engineReadyScalar'));
  await loadDefaultModel();
  setStatus('idle');
  document.body.dataset.ready = '1';
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
  stateChanged();
});
window.addEventListener('hashchange', () => {
  const { state, errors } = parseState(location.hash, app.table);
  app.state = state;
  writeControls();
  if (errors.length) showAlert(t('settingsError', { message: errors.join('; ') }));
});

start().catch((e) => {
  showAlert(`${t('errorPrefix')}: ${e.message}`);
  setStatus('idle');
});

// Panel "settings": the network and training settings (the activation and its
// parameters, layers, optimizer, ...), the dataset, and Train / Pause / Step /
// Reset. Every field is checked by the schema's one number check (state.js).
import { t } from '../i18n/index.js';
import { setSettings } from '../state/store.js';
import { checkNumber, SCHEMA } from '../state/schema.js';
import { formulaField } from '../ui/formula-field.js';
import { paramFields } from '../ui/param-fields.js';

/** Form fields bound to a setting of the same name. */
const FIELDS = ['layers', 'units', 'optimizer', 'lr', 'batch', 'epochs', 'seed', 'init', 'bias'];

/** The chosen activation's parameter fields. */
function buildParams({ $, store, refuse }, s) {
  $('activation-params').replaceChildren(...paramFields(store, s.settings.activation, refuse));
}

/** The form from the settings. */
function write(ui, s) {
  const { $ } = ui;
  $('activation').value = s.settings.activation;
  for (const name of FIELDS) $(name).value = s.settings[name];
  const fashion = s.manifest?.datasets?.some((d) => d.id === 'fashion');
  const option = $('dataset').querySelector('[value=fashion]');
  option.hidden = option.disabled = !fashion;
  $('dataset').value = s.dataSource === 'files' ? 'files' : s.settings.dataset === 'fashion' && !fashion ? 'mnist' : s.settings.dataset;
  $('files-row').hidden = s.dataSource !== 'files';
  buildParams(ui, s);
}

/** Train, Pause, Step and Reset for the phase (a refused custom formula never reaches training). */
function buttons({ $ }, s) {
  const busy = s.phase === 'training';
  const bad = s.settings?.activation === 'custom' && s.formulaCheck && !s.formulaCheck.ok;
  $('pause').disabled = !busy;
  $('step').disabled = busy || s.phase === 'loading' || bad;
  $('train').disabled = busy || s.phase === 'loading' || bad;
  $('reset').disabled = s.phase === 'loading' || bad;
}

/** A form field bound to the setting of the same name changed: checked, then stored. */
function fieldChanged({ $, store, refuse }, name) {
  const field = SCHEMA.find((f) => f.name === name);
  const el = $(name);
  let value = el.value;
  if (field.type === 'int' || field.type === 'number') {
    const r = checkNumber(field, el.value, el.labels?.[0]?.textContent ?? name);
    if (r.error) {
      refuse(r.error);
      el.value = store.get().settings[name];
      return;
    }
    value = r.value;
  }
  const patch = { [name]: value };
  // Keras defaults per optimizer.
  if (name === 'optimizer') patch.lr = value === 'sgd' || value === 'momentum' ? 0.01 : 0.001;
  store.set({ alert: null });
  setSettings(store, patch);
}

/** Every control's listener; returns the function that removes them. */
function bind(ui, { controller }) {
  const { $, store } = ui;
  const listeners = [];
  const on = (el, type, fn) => {
    el.addEventListener(type, fn);
    listeners.push(() => el.removeEventListener(type, fn));
  };
  on($('activation'), 'change', () => setSettings(store, { activation: $('activation').value }));
  for (const name of FIELDS) on($(name), 'change', () => fieldChanged(ui, name));
  on($('dataset'), 'change', () => {
    const v = $('dataset').value;
    store.set({ dataSource: v === 'files' ? 'files' : null });
    if (v !== 'files') setSettings(store, { dataset: v });
  });
  on($('idx-files'), 'change', (e) => controller.loadFiles([...e.target.files]));
  on($('train'), 'click', () => controller.train());
  on($('pause'), 'click', () => controller.pause());
  on($('step'), 'click', () => controller.step());
  on($('reset'), 'click', () => controller.reset());
  return () => listeners.forEach((off) => off());
}

/** What a change of the store redraws. */
function update(ui, s, prev, formula) {
  const { $ } = ui;
  const activationChanged = s.settings.activation !== prev.settings?.activation;
  if (s.table !== prev.table) buildActivations(ui, s.table);
  if (s.settings !== prev.settings || s.dataSource !== prev.dataSource || s.manifest !== prev.manifest || s.lang !== prev.lang) write(ui, s);
  if (s.phase !== prev.phase || s.formulaCheck !== prev.formulaCheck || activationChanged) {
    buttons(ui, s);
    document.body.dataset.status = s.phase;
  }
  if (activationChanged && s.settings.activation === 'custom') formula.check(s.settings.formula);
  if (s.formulaCheck !== prev.formulaCheck || activationChanged || s.settings.formula !== prev.settings?.formula) formula.show(s);
  if (s.dataProgress !== prev.dataProgress) {
    $('data-progress').hidden = !s.dataProgress;
    if (s.dataProgress?.total) $('data-progress').value = s.dataProgress.loaded / s.dataProgress.total;
  }
  if (s.lang !== prev.lang) $('idx-files').title = t('idxFiles');
}

const buildActivations = ({ $ }, table) => $('activation').replaceChildren(...table.map((a) => new Option(a.name, a.id)));

export function mount(root, { store, controller, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const ui = { $, store, refuse: (message) => store.set({ alert: { key: 'settingsError', vars: { message } } }) };
  // The formula of the custom activation, checked by the engine's parser as the learner types.
  const formula = formulaField({ row: $('formula-row'), input: $('formula-input'), error: $('formula-error') }, store, gateway, (s) => s.settings.activation === 'custom');
  const unbind = bind(ui, { controller });
  const s0 = store.get();
  buildActivations(ui, s0.table);
  write(ui, s0);
  buttons(ui, s0);
  formula.show(s0);
  if (s0.settings.activation === 'custom') formula.check(s0.settings.formula);
  const unsubscribe = store.subscribe((s, prev) => update(ui, s, prev, formula));
  return () => {
    unsubscribe();
    unbind();
    formula.unbind();
  };
}

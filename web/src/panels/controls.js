// Panel "settings": the network and training settings (the activation and its
// parameters, layers, optimizer, ...), the dataset, and Train / Pause / Step /
// Reset. Every field is checked by the schema's one number check (state.js).
import { t } from '../i18n.js';
import { setSettings } from '../store.js';
import { checkNumber, paramsOf, paramValues, SCHEMA, withParam } from '../state.js';

/** Form fields bound to a setting of the same name. */
const FIELDS = ['layers', 'units', 'optimizer', 'lr', 'batch', 'epochs', 'seed', 'init', 'bias'];

export function mount(root, { store, session }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const listeners = [];
  const on = (el, type, fn) => {
    el.addEventListener(type, fn);
    listeners.push(() => el.removeEventListener(type, fn));
  };
  const refuse = (message) => store.set({ alert: { key: 'settingsError', vars: { message } } });

  function buildActivations(table) {
    $('activation').replaceChildren(...table.map((a) => new Option(a.name, a.id)));
  }

  function buildParams(s) {
    const box = $('activation-params');
    box.replaceChildren();
    const values = paramValues(s.settings, s.table, s.settings.activation);
    for (const p of paramsOf(s.table, s.settings.activation)) {
      const id = `param-${p.id}`;
      const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: p.name, title: p.help });
      const input = Object.assign(document.createElement('input'), { id, name: p.id, type: 'number', min: p.min, max: p.max, step: p.integer ? 1 : 'any', title: p.help });
      input.value = values[p.id];
      input.dataset.param = p.id;
      input.addEventListener('change', () => {
        const cur = store.get();
        const r = withParam(cur.settings, cur.table, cur.settings.activation, p.id, input.value);
        if (r.error) {
          refuse(r.error);
          input.value = paramValues(cur.settings, cur.table, cur.settings.activation)[p.id];
          return;
        }
        store.set({ settings: r.state, alert: null });
      });
      box.append(label, input);
    }
  }

  function write(s) {
    $('activation').value = s.settings.activation;
    for (const name of FIELDS) $(name).value = s.settings[name];
    const fashion = s.manifest?.datasets?.some((d) => d.id === 'fashion');
    const option = $('dataset').querySelector('[value=fashion]');
    option.hidden = option.disabled = !fashion;
    $('dataset').value = s.dataSource === 'files' ? 'files' : s.settings.dataset === 'fashion' && !fashion ? 'mnist' : s.settings.dataset;
    $('files-row').hidden = s.dataSource !== 'files';
    buildParams(s);
  }

  function buttons(s) {
    const busy = s.phase === 'training';
    // A custom formula the engine refused never reaches training.
    const bad = s.settings?.activation === 'custom' && s.formulaCheck && !s.formulaCheck.ok;
    $('pause').disabled = !busy;
    $('step').disabled = busy || s.phase === 'loading' || bad;
    $('train').disabled = busy || s.phase === 'loading' || bad;
    $('reset').disabled = s.phase === 'loading' || bad;
  }

  // The formula of the custom activation, checked by the engine's parser as the learner types.
  let checking = 0;
  async function checkFormula(text) {
    const id = ++checking;
    const r = await session.checkFormula(text);
    if (id !== checking) return;
    store.set({ formulaCheck: r });
    if (r.ok && text !== store.get().settings.formula) setSettings(store, { formula: text });
  }
  function showFormula(s) {
    const custom = s.settings.activation === 'custom';
    $('formula-row').hidden = !custom;
    if (!custom) return;
    if (document.activeElement !== $('formula-input')) $('formula-input').value = s.settings.formula;
    const r = s.formulaCheck;
    const err = $('formula-error');
    err.hidden = !r || r.ok;
    if (r && !r.ok) {
      // The message, and a caret under the place it names.
      err.textContent = `${$('formula-input').value}\n${' '.repeat(Math.max(0, r.position))}^\n${r.message}`;
      err.dataset.position = String(r.position);
    }
  }
  let typing = null;
  on($('formula-input'), 'input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => checkFormula($('formula-input').value), 120);
  });

  on($('activation'), 'change', () => setSettings(store, { activation: $('activation').value }));
  for (const name of FIELDS) {
    const field = SCHEMA.find((f) => f.name === name);
    on($(name), 'change', () => {
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
    });
  }
  on($('dataset'), 'change', () => {
    const v = $('dataset').value;
    store.set({ dataSource: v === 'files' ? 'files' : null });
    if (v !== 'files') setSettings(store, { dataset: v });
  });
  on($('idx-files'), 'change', (e) => session.loadFiles([...e.target.files]));
  on($('train'), 'click', () => session.train());
  on($('pause'), 'click', () => session.pause());
  on($('step'), 'click', () => session.step());
  on($('reset'), 'click', () => session.reset());

  const s0 = store.get();
  buildActivations(s0.table);
  write(s0);
  buttons(s0);
  showFormula(s0);
  if (s0.settings.activation === 'custom') checkFormula(s0.settings.formula);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.table !== prev.table) buildActivations(s.table);
    if (s.settings !== prev.settings || s.dataSource !== prev.dataSource || s.manifest !== prev.manifest) write(s);
    if (s.phase !== prev.phase || s.formulaCheck !== prev.formulaCheck || s.settings.activation !== prev.settings?.activation) {
      buttons(s);
      document.body.dataset.status = s.phase;
    }
    if (s.settings.activation !== prev.settings?.activation && s.settings.activation === 'custom') checkFormula(s.settings.formula);
    if (s.formulaCheck !== prev.formulaCheck || s.settings.activation !== prev.settings?.activation || s.settings.formula !== prev.settings?.formula) showFormula(s);
    if (s.dataProgress !== prev.dataProgress) {
      $('data-progress').hidden = !s.dataProgress;
      if (s.dataProgress?.total) $('data-progress').value = s.dataProgress.loaded / s.dataProgress.total;
    }
    if (s.lang !== prev.lang) $('idx-files').title = t('idxFiles');
  });
  return () => {
    unsubscribe();
    for (const off of listeners) off();
  };
}

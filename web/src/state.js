// The page's setup in the URL hash, driven by one schema table (as TensorFlow
// Playground's state.ts): every field has a name, a type, a default and its
// allowed values; parse and serialize both read the table. Activation
// parameters come from the engine's activation table, so adding an activation
// (or a parameter) needs no change here.

/** The schema. `values` may be a function of the activation table. */
export const SCHEMA = [
  { name: 'activation', type: 'enum', default: 'relu', values: (table) => table.map((a) => a.id) },
  { name: 'layers', type: 'int', default: 1, min: 1, max: 8 },
  { name: 'units', type: 'int', default: 512, min: 1, max: 1024 },
  { name: 'optimizer', type: 'enum', default: 'rmsprop', values: ['sgd', 'momentum', 'rmsprop', 'adam'] },
  { name: 'lr', type: 'number', default: 0.001, min: 1e-6, max: 10 },
  { name: 'batch', type: 'int', default: 128, min: 1, max: 2048 },
  { name: 'epochs', type: 'int', default: 5, min: 1, max: 100 },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 1000000 },
  { name: 'bias', type: 'number', default: 0, min: -10, max: 10 },
  { name: 'init', type: 'enum', default: 'glorot_uniform', values: ['glorot_uniform', 'he_uniform'] },
  { name: 'dataset', type: 'enum', default: 'mnist', values: ['mnist', 'fashion'] },
  { name: 'lang', type: 'enum', default: '', values: ['', 'en', 'ko'] },
  { name: 'engine', type: 'enum', default: 'auto', values: ['auto', 'simd', 'scalar'] },
  { name: 'embed', type: 'bool', default: false },
  { name: 'show', type: 'list', default: [] },
  { name: 'hide', type: 'list', default: [] },
  { name: 'compare', type: 'list', default: [] },
  { name: 'exercise', type: 'int', default: 0, min: 0, max: 99 },
];

function parseField(field, raw, table) {
  switch (field.type) {
    case 'int':
    case 'number': {
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || (field.type === 'int' && !Number.isInteger(v))) return { error: `${field.name}: '${raw}' is not a ${field.type === 'int' ? 'whole number' : 'number'}` };
      if (v < field.min || v > field.max) return { error: `${field.name}: ${v} is outside [${field.min}, ${field.max}]` };
      return { value: v };
    }
    case 'enum': {
      const values = typeof field.values === 'function' ? field.values(table) : field.values;
      if (!values.includes(raw)) return { error: `${field.name}: '${raw}' is not one of ${values.filter(Boolean).join(', ')}` };
      return { value: raw };
    }
    case 'bool':
      if (raw === '1' || raw === 'true' || raw === '') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { error: `${field.name}: '${raw}' is not 0 or 1` };
    case 'list':
      return { value: raw.split(',').map((s) => s.trim()).filter(Boolean) };
    default:
      return { error: `${field.name}: unknown type` };
  }
}

/** Defaults for every field, plus each activation parameter's default. */
export function defaultState(table) {
  const s = {};
  for (const f of SCHEMA) s[f.name] = Array.isArray(f.default) ? [...f.default] : f.default;
  s.params = {};
  for (const a of table) for (const p of a.params) s.params[p.id] = p.default;
  return s;
}

/**
 * Parses a hash ("#activation=elu&alpha=0.5") into a full state. Invalid values
 * fall back to their defaults and are reported in `errors`.
 */
export function parseState(hash, table) {
  const state = defaultState(table);
  const errors = [];
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const paramDefs = new Map(table.flatMap((a) => a.params.map((p) => [p.id, p])));
  for (const [key, raw] of params) {
    const field = SCHEMA.find((f) => f.name === key);
    if (field) {
      const r = parseField(field, raw, table);
      if (r.error) errors.push(r.error);
      else state[key] = r.value;
    } else if (paramDefs.has(key)) {
      const p = paramDefs.get(key);
      const v = Number(raw);
      if (raw === '' || !Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v))) errors.push(`${key}: '${raw}' must be ${p.integer ? 'a whole number ' : ''}in [${p.min}, ${p.max}]`);
      else state.params[key] = v;
    } else {
      errors.push(`unknown setting '${key}'`);
    }
  }
  return { state, errors };
}

/** The hash for a state: only what differs from the defaults, in schema order. */
export function serializeState(state, table) {
  const defaults = defaultState(table);
  const out = new URLSearchParams();
  for (const f of SCHEMA) {
    const v = state[f.name];
    if (JSON.stringify(v) === JSON.stringify(defaults[f.name])) continue;
    if (f.type === 'list') out.set(f.name, v.join(','));
    else if (f.type === 'bool') out.set(f.name, v ? '1' : '0');
    else out.set(f.name, String(v));
  }
  // Parameters of the chosen activation only.
  const act = table.find((a) => a.id === state.activation);
  for (const p of act?.params ?? []) if (state.params[p.id] !== p.default) out.set(p.id, String(state.params[p.id]));
  const s = out.toString().replace(/%2C/g, ',');
  return s ? `#${s}` : '';
}

/** The engine spec for a state. */
export function specOf(state, table) {
  const act = table.find((a) => a.id === state.activation);
  const params = {};
  for (const p of act?.params ?? []) params[p.id] = state.params[p.id];
  const optimizer = state.optimizer === 'momentum' ? 'sgd' : state.optimizer;
  return {
    hidden: Array.from({ length: state.layers }, () => ({ units: state.units, activation: state.activation, params })),
    optimizer,
    momentum: state.optimizer === 'momentum' ? 0.9 : 0,
    learningRate: state.lr,
    batchSize: state.batch,
    seed: state.seed,
    init: state.init,
    biasInit: state.bias,
  };
}

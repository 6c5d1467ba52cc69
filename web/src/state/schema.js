// The page's setup in the URL hash, driven by one schema table (as TensorFlow
// Playground's state.ts): every field has a name, a type, a default and its
// allowed values; parse and serialize both read the table. Activation
// parameters come from the engine's activation table and belong to their
// activation (settings.params[activation][name]), so two activations may share
// a parameter name and adding an activation needs no change here.
//
// In the hash, the chosen activation's parameters use their plain names
// (`#activation=elu&alpha=0.5`); another activation's use `id.name`
// (`leaky_relu.slope=0.2`, for the runs of compare mode).

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
  { name: 'init', type: 'enum', default: 'glorot_uniform', values: ['glorot_uniform', 'he_uniform', 'lecun_normal'] },
  { name: 'dataset', type: 'enum', default: 'mnist', values: ['mnist', 'fashion'] },
  { name: 'lang', type: 'enum', default: '', values: ['', 'en', 'ko'] },
  { name: 'engine', type: 'enum', default: 'auto', values: ['auto', 'simd', 'scalar'] },
  { name: 'embed', type: 'bool', default: false },
  // One widget of a blog post (state/widgets.js), with embed=1.
  { name: 'widget', type: 'enum', default: '', values: ['', 'curve', 'predict', 'train', 'lesson', 'compare', 'plane'] },
  { name: 'show', type: 'list', default: [] },
  { name: 'hide', type: 'list', default: [] },
  { name: 'compare', type: 'list', default: [] },
  { name: 'exercise', type: 'int', default: 0, min: 0, max: 99 },
  // The lesson widget's lesson (as exercise=N).
  { name: 'lesson', type: 'int', default: 0, min: 0, max: 99 },
  { name: 'autorun', type: 'bool', default: false },
  // The formula of the `custom` activation (checked by the engine's parser, not here).
  { name: 'formula', type: 'string', default: 'x * sigmoid(x)', max: 200 },
];

/** The one range check for numbers, settings and activation parameters alike. */
export function checkNumber(def, raw, label = def.name ?? def.id) {
  const v = typeof raw === 'number' ? raw : Number(raw);
  const whole = def.type === 'int' || def.integer;
  if (raw === '' || raw == null || !Number.isFinite(v) || (whole && !Number.isInteger(v))) {
    return { error: `${label}: '${raw}' is not a ${whole ? 'whole number' : 'number'}` };
  }
  if (v < def.min || v > def.max) return { error: `${label}: ${v} is outside [${def.min}, ${def.max}]` };
  return { value: v };
}

function parseField(field, raw, table) {
  switch (field.type) {
    case 'int':
    case 'number':
      return checkNumber(field, raw);
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
      return parseList(field, raw, table);
    case 'string':
      if (raw.length > field.max) return { error: `${field.name}: longer than ${field.max} characters` };
      return { value: raw };
    default:
      return { error: `${field.name}: unknown type` };
  }
}

/** A list field: comma-separated items, each checked when the field says how (values, or items: {type, min, max}). */
function parseList(field, raw, table) {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (field.maxLength && items.length > field.maxLength) return { error: `${field.name}: at most ${field.maxLength} items` };
  const values = typeof field.values === 'function' ? field.values(table) : field.values;
  const out = [];
  for (const item of items) {
    if (values && !values.includes(item)) return { error: `${field.name}: '${item}' is not one of ${values.join(', ')}` };
    const r = field.items ? checkNumber({ ...field.items, name: field.name }, item) : { value: item };
    if (r.error) return r;
    out.push(r.value);
  }
  return { value: out };
}

/** The parameter definitions of one activation ([] for an unknown id). */
export function paramsOf(table, activation) {
  return table.find((a) => a.id === activation)?.params ?? [];
}

/** The values of one activation's parameters in a state: {name: value}. */
export function paramValues(state, table, activation) {
  const out = {};
  for (const p of paramsOf(table, activation)) out[p.id] = state.params[activation]?.[p.id] ?? p.default;
  return out;
}

/** A copy of `state` with one activation parameter changed, or {error}. */
export function withParam(state, table, activation, name, raw) {
  const def = paramsOf(table, activation).find((p) => p.id === name);
  if (!def) return { error: `${activation} has no parameter '${name}'` };
  const r = checkNumber(def, raw, def.name);
  if (r.error) return r;
  return { state: { ...state, params: { ...state.params, [activation]: { ...state.params[activation], [name]: r.value } } } };
}

/** Defaults for every field of `schema`, plus every activation's parameter defaults. */
export function defaultState(table, schema = SCHEMA) {
  const s = {};
  for (const f of schema) s[f.name] = Array.isArray(f.default) ? [...f.default] : f.default;
  s.params = Object.fromEntries(table.map((a) => [a.id, Object.fromEntries(a.params.map((p) => [p.id, p.default]))]));
  return s;
}

/**
 * Parses a hash ("#activation=elu&alpha=0.5") into a full state of `schema`
 * (the page's by default; the 2-D view has its own). Invalid values fall back
 * to their defaults and are reported in `errors`.
 */
export function parseState(hash, table, schema = SCHEMA) {
  let state = defaultState(table, schema);
  const errors = [];
  const entries = [...new URLSearchParams(String(hash ?? '').replace(/^#/, ''))];
  const deferred = [];
  for (const [key, raw] of entries) {
    const field = schema.find((f) => f.name === key);
    if (!field) {
      deferred.push([key, raw]); // parameters: once the activation is known
      continue;
    }
    const r = parseField(field, raw, table);
    if (r.error) errors.push(r.error);
    else state[key] = r.value;
  }
  for (const [key, raw] of deferred) {
    const dot = key.indexOf('.');
    let activation = dot > 0 ? key.slice(0, dot) : state.activation;
    const name = dot > 0 ? key.slice(dot + 1) : key;
    if (dot < 0 && !paramsOf(table, activation).some((p) => p.id === name)) {
      // A parameter of another activation under its plain name (older links).
      const owners = table.filter((a) => a.params.some((p) => p.id === name));
      if (owners.length === 1) activation = owners[0].id;
    }
    if (!paramsOf(table, activation).some((p) => p.id === name)) {
      errors.push(`unknown setting '${key}'`);
      continue;
    }
    const r = withParam(state, table, activation, name, raw);
    if (r.error) errors.push(r.error);
    else state = r.state;
  }
  return { state, errors };
}

/** The hash for a state: only what differs from the defaults, in schema order. */
export function serializeState(state, table, schema = SCHEMA) {
  const defaults = defaultState(table, schema);
  const out = new URLSearchParams();
  for (const f of schema) {
    const v = state[f.name];
    if (JSON.stringify(v) === JSON.stringify(defaults[f.name])) continue;
    if (f.type === 'list') out.set(f.name, v.join(','));
    else if (f.type === 'bool') out.set(f.name, v ? '1' : '0');
    else out.set(f.name, String(v));
  }
  for (const a of table) {
    for (const p of a.params) {
      const v = state.params[a.id]?.[p.id];
      if (v === undefined || v === p.default) continue;
      out.set(a.id === state.activation ? p.id : `${a.id}.${p.id}`, String(v));
    }
  }
  const s = out.toString().replace(/%2C/g, ',');
  return s ? `#${s}` : '';
}

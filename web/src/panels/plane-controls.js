// The 2-D view's run controls: Play/Pause, Step (one epoch), Reset (new
// weights), and the training settings (learning rate, optimizer, batch size,
// regularisation and its rate, the hidden biases' start), each checked by the
// schema's number check.
import { t } from '../i18n/index.js';
import { PLANE_SCHEMA } from '../state/plane-schema.js';
import { checkNumber } from '../state/schema.js';
import { setSettings } from '../state/store.js';

/** Form field id -> setting. */
const FIELDS = { 'plane-lr': 'lr', 'plane-optimizer': 'optimizer', 'plane-batch': 'batch', 'plane-reg': 'reg', 'plane-regrate': 'regRate', 'plane-bias': 'bias' };

/** A field changed: numbers checked (a refused one is put back), then stored. */
function changed($, store, id) {
  const name = FIELDS[id];
  const field = PLANE_SCHEMA.find((f) => f.name === name);
  let value = $(id).value;
  if (field.type === 'int' || field.type === 'number') {
    const r = checkNumber(field, value, $(id).labels?.[0]?.textContent ?? name);
    if (r.error) {
      store.set({ alert: { key: 'settingsError', vars: { message: r.error } } });
      $(id).value = store.get().settings[name];
      return;
    }
    value = r.value;
  }
  store.set({ alert: null });
  setSettings(store, { [name]: value });
}

export function mount(root, { store, plane }) {
  const $ = (id) => root.ownerDocument.getElementById(id);
  const playing = () => store.get().plane?.phase === 'playing';
  $('plane-play').addEventListener('click', () => (playing() ? plane.pause() : plane.play()));
  $('plane-step').addEventListener('click', () => plane.step());
  $('plane-reset').addEventListener('click', () => plane.reset());
  for (const id of Object.keys(FIELDS)) $(id).addEventListener('change', () => changed($, store, id));
  const write = (s) => {
    for (const [id, name] of Object.entries(FIELDS)) if (root.ownerDocument.activeElement !== $(id)) $(id).value = s.settings[name];
    const on = s.plane?.phase === 'playing';
    $('plane-play').textContent = t(on ? 'pause' : 'play');
    $('plane-step').disabled = on;
    document.body.dataset.planePhase = s.plane?.phase ?? 'loading';
  };
  write(store.get());
  return store.subscribe((s, prev) => {
    if (s.settings !== prev.settings || s.plane?.phase !== prev.plane?.phase || s.lang !== prev.lang) write(s);
  });
}

// The fields of an activation's parameters (its names and help from the
// engine's table in the page's language), each checked by the schema's one
// number check on change; a refused value is put back and `refuse` says why.
import { paramHelp, paramName } from '../i18n/index.js';
import { paramsOf, paramValues, withParam } from '../state/schema.js';

/** [label, input, ...] for `activation`'s parameters; `prefix` keeps ids unique on the page. */
export function paramFields(store, activation, refuse, prefix = 'param') {
  const s = store.get();
  const values = paramValues(s.settings, s.table, activation);
  return paramsOf(s.table, activation).flatMap((p) => {
    const id = `${prefix}-${p.id}`;
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: paramName(p), title: paramHelp(p) });
    const input = Object.assign(document.createElement('input'), { id, name: p.id, type: 'number', min: p.min, max: p.max, step: p.integer ? 1 : 'any', title: paramHelp(p) });
    input.value = values[p.id];
    input.dataset.param = p.id;
    input.addEventListener('change', () => {
      const cur = store.get();
      const r = withParam(cur.settings, cur.table, activation, p.id, input.value);
      if (r.error) {
        refuse(r.error);
        input.value = paramValues(cur.settings, cur.table, activation)[p.id];
        return;
      }
      store.set({ settings: r.state, alert: null });
    });
    return [label, input];
  });
}

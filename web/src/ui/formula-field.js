// The field of the learner's own formula: checked by the engine's parser as
// they type (a refused one shows the message with a caret under the place it
// names, and never reaches the settings), shown while `wanted(state)` says so.
import { setSettings } from '../state/store.js';

/** Binds the field ({row, input, error} elements); returns {show(state), check(text), unbind}. */
export function formulaField({ row, input, error }, store, gateway, wanted) {
  let checking = 0;
  let typing = null;
  async function check(text) {
    const id = ++checking;
    const r = await gateway.checkFormula(text);
    if (id !== checking) return;
    store.set({ formulaCheck: r });
    if (r.ok && text !== store.get().settings.formula) setSettings(store, { formula: text });
  }
  function show(s) {
    row.hidden = !wanted(s);
    if (row.hidden) return;
    if (document.activeElement !== input) input.value = s.settings.formula;
    const r = s.formulaCheck;
    error.hidden = !r || r.ok;
    if (r && !r.ok) {
      error.textContent = `${input.value}\n${' '.repeat(Math.max(0, r.position))}^\n${r.message}`;
      error.dataset.position = String(r.position);
    }
  }
  const onInput = () => {
    clearTimeout(typing);
    typing = setTimeout(() => check(input.value), 120);
  };
  input.addEventListener('input', onInput);
  return { show, check, unbind: () => input.removeEventListener('input', onInput) };
}

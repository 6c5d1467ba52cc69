// The page's header tools: the status line and the alert above the panels, and
// the language picker. Status and alert hold an i18n key and its values in the
// store, so they follow a language switch at once.
import { language, t } from '../i18n/index.js';
import { setSettings } from '../state/store.js';

export function mount(root, { store }) {
  const status = root.querySelector('#status');
  const alert = root.querySelector('#alert');
  const lang = root.querySelector('#lang');
  lang.value = language();
  lang.addEventListener('change', () => setSettings(store, { lang: lang.value }));
  function render(s) {
    status.textContent = s.status ? t(s.status.key, s.status.vars) : '';
    status.dataset.key = s.status?.key ?? '';
    alert.hidden = !s.alert;
    alert.textContent = s.alert ? t(s.alert.key, s.alert.vars) : '';
  }
  render(store.get());
  return store.subscribe((s, prev) => {
    if (s.status !== prev.status || s.alert !== prev.alert || s.lang !== prev.lang) render(s);
    if (s.lang !== prev.lang) lang.value = s.lang;
  });
}

// The class view's shell (class.html): the store (for the language and the
// status line), and the class panel. Nothing leaves this browser.
import { CLASS_STRINGS } from './i18n/class.js';
import { addStrings, applyTranslations, language, pickLanguage, setLanguage } from './i18n/index.js';
import * as classView from './panels/class-view.js';
import * as status from './panels/status.js';
import { createStore, initialState } from './state/store.js';

addStrings(CLASS_STRINGS);
const store = createStore({ ...initialState(), status: null, settings: { lang: '' } });

/** The language follows the picker (or the link's lang=, or the browser). */
function applyLanguage(requested) {
  setLanguage(pickLanguage(requested, navigator.languages ?? [navigator.language]));
  applyTranslations();
  document.title = titleOf();
  store.set({ lang: language() });
}
const titleOf = () => `Activation Playground: ${language() === 'ko' ? '반' : 'the class'}`;

applyLanguage(new URLSearchParams(location.hash.slice(1)).get('lang'));
status.mount(document.body, { store });
store.subscribe((s, prev) => {
  if (s.settings.lang !== prev.settings.lang && s.settings.lang !== language()) applyLanguage(s.settings.lang);
});
classView.mount(document.body, { store });
document.body.dataset.ready = '1';

// Panel "data" of the 2-D view: the dataset, the training share and the
// noise, Regenerate, and the learner's own points (the class a click adds,
// erase, clear, a CSV file: checked by size before it is read).
import { t } from '../i18n/index.js';
import { checkCsvSize, parseCsv } from '../runs/points-csv.js';
import { PLANE_DATASETS, isRegression } from '../state/plane-schema.js';
import { setSettings } from '../state/store.js';

/** A radio per dataset; choosing one drops the learner's own points. */
function datasets({ $, store }) {
  const box = $('plane-datasets');
  box.replaceChildren(...PLANE_DATASETS.map((id) => {
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'plane-dataset', value: id });
    input.addEventListener('change', () => {
      store.set({ ownPoints: null });
      setSettings(store, { dataset: id });
    });
    const label = document.createElement('label');
    label.className = 'inline';
    label.dataset.dataset = id;
    label.append(input, Object.assign(document.createElement('span'), { textContent: t(`dataset_${id}`) }));
    return label;
  }));
}

/** The controls from the settings. */
function write({ $, root }, s) {
  for (const input of root.querySelectorAll('[name=plane-dataset]')) input.checked = !s.ownPoints && input.value === s.settings.dataset;
  for (const label of root.querySelectorAll('[data-dataset]')) label.lastChild.textContent = t(`dataset_${label.dataset.dataset}`);
  for (const name of ['ratio', 'noise']) {
    $(`plane-${name}`).value = s.settings[name];
    $(`plane-${name}-value`).textContent = `${s.settings[name]}%`;
    $(`plane-${name}`).setAttribute('aria-valuetext', `${s.settings[name]} %`); // spoken as shown, not as a bare number
  }
}

/** A CSV file of points: its size first, then its lines; a bad one changes nothing. */
async function readCsv(store, file) {
  try {
    checkCsvSize(file.size);
    const points = parseCsv(await file.text(), { regression: isRegression(store.get().settings.dataset) });
    store.set({ ownPoints: points, alert: null });
  } catch (e) {
    store.set({ alert: { key: 'csvError', vars: { message: e.message } } });
  }
}

export function mount(root, { store, plane }) {
  const $ = (id) => root.ownerDocument.getElementById(id);
  const ui = { $, store, root };
  datasets(ui);
  for (const name of ['ratio', 'noise']) {
    $(`plane-${name}`).addEventListener('input', () => setSettings(store, { [name]: Number($(`plane-${name}`).value) }));
  }
  $('plane-regenerate').addEventListener('click', () => plane.regenerate());
  $('plane-clear').addEventListener('click', () => store.set({ ownPoints: [] }));
  $('plane-csv').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (file) await readCsv(store, file);
    e.target.value = '';
  });
  write(ui, store.get());
  return store.subscribe((s, prev) => {
    if (s.settings !== prev.settings || s.ownPoints !== prev.ownPoints || s.lang !== prev.lang) write(ui, s);
  });
}

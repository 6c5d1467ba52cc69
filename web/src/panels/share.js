// Panel "share": copy the link or an embed snippet, download the curves (CSV)
// and charts (PNG), download the page's trained weights or upload some (ours
// or an .npz), and the notebook bridge: the setup as a PyTorch or Keras
// script, the weights as .npz, the data as IDX files.
import { t } from '../i18n/index.js';
import { downloadScript, reportErrors } from './exports.js';
import { serializeState } from '../state/schema.js';
import { embedMarkup, WIDGETS } from '../state/widgets.js';
import { download } from '../ui/download.js';

export function mount(root, { store, controller, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);

  /** The embed code of the chosen widget (or the whole page) with the current settings. */
  const embedCode = () => {
    const s = store.get();
    const widget = $('embed-widget').value;
    const settings = { ...s.settings, embed: false, widget: '', ...(widget === 'lesson' ? { lesson: s.settings.exercise, exercise: 0 } : {}) };
    const plane = s.settings.lang ? [['lang', s.settings.lang]] : []; // the 2-D view has settings of its own
    const params = widget === 'plane' ? plane : [...new URLSearchParams(serializeState(settings, s.table).slice(1))];
    return embedMarkup({ site: new URL('.', location.href).href, widget, params });
  };

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      store.set({ status: { key: 'copied' } });
    } catch {
      $('embed-code').value = text;
      $('embed-code').select();
    }
  }

  /** Curves of every run (the page's runs and the comparison) as CSV. */
  function curvesCsv() {
    const s = store.get();
    const lines = ['run,activation_label,kind,epoch,value'];
    const q = (v) => `"${String(v).replace(/"/g, '""')}"`;
    for (const r of s.runs) {
      for (const [x, y] of r.loss) lines.push(`${r.id},${q(r.label)},train_loss_step,${x},${y}`);
      for (const e of r.epochs) {
        for (const [kind, v] of [['train_loss', e.trainLoss], ['train_accuracy', e.trainAccuracy], ['val_loss', e.valLoss], ['val_accuracy', e.valAccuracy]]) {
          lines.push(`${r.id},${q(r.label)},${kind},${e.epoch},${v}`);
        }
      }
    }
    for (const r of Object.values(s.compare?.records ?? {})) {
      for (const [x, y] of r.loss) lines.push(`${r.run},${q(r.activation)},train_loss_step,${x},${y}`);
      for (const e of r.epochs) lines.push(`${r.run},${q(r.activation)},val_accuracy,${e.epoch},${e.valAccuracy}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Every visible chart, stacked into one PNG. */
  function chartsPng() {
    const canvases = [...document.querySelectorAll('.line-chart canvas')].filter((c) => c.width > 0 && c.offsetParent);
    const out = document.createElement('canvas');
    out.width = Math.max(...canvases.map((c) => c.width), 100);
    out.height = canvases.reduce((a, c) => a + c.height + 10, 0) || 100;
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    let y = 0;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height + 10;
    }
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }

  const guarded = (fn) => reportErrors(store, fn);
  const script = (framework) => guarded(() => downloadScript({ store, gateway }, controller.spec(), framework, `activation-playground-${framework}.py`));

  const actions = {
    'export-pytorch': script('pytorch'),
    'export-keras': script('keras'),
    'download-npz': guarded(async () => {
      const s = store.get();
      const { bytes } = await gateway.exportNpz(s.currentRun, s.settings.epochs);
      download('activation-playground-weights.npz', new Blob([bytes], { type: 'application/octet-stream' }));
    }),
    'download-idx': guarded(async () => {
      await controller.ensureData();
      const { bytes } = await gateway.dataZip();
      download('activation-playground-mnist-idx.zip', new Blob([bytes], { type: 'application/zip' }));
    }),
    'copy-link': () => copy(location.href),
    'copy-embed': () => copy(embedCode()),
    'download-csv': () => download('activation-playground-curves.csv', new Blob([curvesCsv()], { type: 'text/csv' })),
    'download-png': async () => download('activation-playground-charts.png', await chartsPng()),
    'download-weights': guarded(async () => {
      const s = store.get();
      const { bytes } = await gateway.saveWeights(s.currentRun);
      const label = s.runs.find((r) => r.id === s.currentRun)?.label?.split(' ')[0]?.toLowerCase() ?? 'model';
      download(`activation-playground-${label}.apw`, new Blob([bytes], { type: 'application/octet-stream' }));
    }),
  };
  const onClick = (e) => actions[e.target.closest('button')?.id]?.();
  const onUpload = async (e) => {
    const file = e.target.files[0];
    if (file) await controller.uploadWeights(file);
    e.target.value = '';
  };
  root.addEventListener('click', onClick);
  $('upload-weights').addEventListener('change', onUpload);

  $('embed-widget').replaceChildren(new Option(t('widgetPage'), ''), ...Object.keys(WIDGETS).map((w) => new Option(t(`widget_${w}`), w)));
  $('embed-widget').addEventListener('change', () => ($('embed-code').value = embedCode()));
  $('embed-code').value = embedCode();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings !== prev.settings) queueMicrotask(() => ($('embed-code').value = embedCode()));
    if (s.lang !== prev.lang) {
      $('embed-code').title = t('embedSnippet');
      for (const o of $('embed-widget').options) o.textContent = t(o.value ? `widget_${o.value}` : 'widgetPage');
    }
  });
  return () => {
    unsubscribe();
    root.removeEventListener('click', onClick);
    $('upload-weights').removeEventListener('change', onUpload);
  };
}

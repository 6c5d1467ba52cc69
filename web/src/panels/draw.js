// Panel "draw": the drawing pad, what the model sees, and the probability bars
// of the page's network for the drawn digit (refreshed while it trains).
import { DrawingPad, paintPreview } from '../ui/drawpad.js';
import { formatPercent } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import { preprocess } from '../ui/preprocess.js';
import { announce } from '../ui/announcer.js';

/** A real digit of the test split on the pad, as the network sees it; its label is shown once answered. */
async function showTestDigit({ store, controller, gateway, pad, preview, predict }) {
  try {
    await controller.ensureData();
    const index = Math.floor(Math.random() * 2000);
    const { images, labels } = await gateway.samples([index]);
    if (!labels.length) return;
    const pixels = Float32Array.from(images.subarray(0, 784), (v) => v / 255);
    pad.showImage(pixels);
    paintPreview(preview, pixels);
    store.set({ pixels, prediction: null, testDigit: { index, label: labels[0] } });
    predict();
  } catch (e) {
    store.set({ alert: { key: 'errorWith', vars: { message: e.message } } });
  }
}

/**
 * The prediction spoken (announcer.js): once the drawing has settled, and again only
 * for a new drawing or a changed answer, not for each refresh while training.
 */
function predictionSpeaker() {
  let spoken = { digit: -1, pixels: null };
  return (s) => {
    const p = s.prediction;
    if (!p || !s.pixels) return;
    const digit = p.indexOf(Math.max(...p));
    if (digit === spoken.digit && s.pixels === spoken.pixels) return;
    spoken = { digit, pixels: s.pixels };
    const vars = { digit, pct: formatPercent(p[digit], 1), label: s.testDigit?.label };
    announce(t(s.testDigit ? 'announceTestDigit' : 'announcePrediction', vars), { key: 'prediction', settle: 700 });
  };
}

/** The ten probability bars, one list item per digit. */
function probabilityBars(bars) {
  bars.replaceChildren(
    ...Array.from({ length: 10 }, (_, d) => {
      const li = document.createElement('li');
      li.dataset.digit = d;
      li.innerHTML = `<span class="digit">${d}</span><span class="bar"><span class="fill"></span></span><span class="pct"></span>`;
      return li;
    }),
  );
  return bars;
}

export function mount(root, { store, controller, compare, gateway }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const bars = probabilityBars($('probabilities'));

  function render(probabilities) {
    const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
    for (let d = 0; d < 10; d++) {
      const li = bars.children[d];
      const p = probabilities ? probabilities[d] : 0;
      li.querySelector('.fill').style.width = formatPercent(p, 1);
      li.querySelector('.pct').textContent = probabilities ? formatPercent(p, 1) : '';
      li.classList.toggle('top', d === best);
      li.dataset.probability = p.toFixed(4);
    }
    $('prediction').textContent = best >= 0 ? String(best) : '';
    // The moment the page first answered a drawing (read by the load benchmark and tests).
    if (best >= 0 && !performance.getEntriesByName('first-prediction').length) performance.mark('first-prediction');
    $('prediction').title = best >= 0 ? '' : t('noPrediction');
  }

  const predict = () => {
    const { pixels } = store.get();
    controller.predict(pixels);
    compare.predict(pixels);
  };
  let timer = null;
  const predictSoon = () => {
    if (timer || !store.get().pixels) return;
    timer = setTimeout(() => {
      timer = null;
      predict();
    }, 500);
  };

  const label = $('test-digit-label');
  const showLabel = (test) => {
    label.hidden = !test;
    label.textContent = test ? t('testDigitLabel', { n: test.index + 1, label: test.label }) : '';
  };
  const pad = new DrawingPad($('pad'), () => {
    const pixels = pad.isEmpty() ? null : preprocess(pad.ink(), pad.canvas.width, pad.canvas.height);
    paintPreview($('preview'), pixels);
    store.set({ pixels, prediction: pixels ? store.get().prediction : null, testDigit: null });
    predict();
  });

  const onTestDigit = () => showTestDigit({ store, controller, gateway, pad, preview: $('preview'), predict });
  $('test-digit').addEventListener('click', onTestDigit);
  $('pad').dataset.ready = '1'; // strokes count from now on
  const onClear = () => pad.clear();
  const onUndo = () => pad.undo();
  $('clear').addEventListener('click', onClear);
  $('undo').addEventListener('click', onUndo);

  const speak = predictionSpeaker();
  render(null);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.prediction !== prev.prediction || s.lang !== prev.lang) render(s.pixels ? s.prediction : null);
    if (s.prediction !== prev.prediction) speak(s);
    if (s.prediction !== prev.prediction || s.testDigit !== prev.testDigit || s.lang !== prev.lang) showLabel(s.prediction ? s.testDigit : null);
    if (!s.pixels) return;
    // A new network answers at once; a training one after each epoch and every half second.
    if (s.network !== prev.network) predict();
    else if (s.counters?.epoch !== prev.counters?.epoch) predict();
    else if (s.counters !== prev.counters) predictSoon();
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    $('clear').removeEventListener('click', onClear);
    $('undo').removeEventListener('click', onUndo);
    $('test-digit').removeEventListener('click', onTestDigit);
  };
}

// The diagnostics panel: per hidden layer figures from the engine (dead units,
// saturation, output mean/std, gradient norm bars, update/weight ratio), the
// PReLU alpha range over time, Maxout piece usage, the pre-activation histogram
// over f and f', the first layer's weights as 28×28 images with dead units
// marked, the confusion matrix and a gallery of misclassified digits.
import { formatCount, formatNumber, formatPercent } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import { TILE } from '../worker/weightgrid.js';

const pct = (v) => formatPercent(v, 1);

export function renderLayerTable(el, layers) {
  const maxGrad = Math.max(...layers.map((l) => l.gradNorm), 1e-30);
  const rows = layers.map((l) => {
    const w = Math.max(1, (100 * Math.log10(1 + (9 * l.gradNorm) / maxGrad)) | 0);
    const extra = l.alpha
      ? `α ${formatNumber(l.alpha.min)} / ${formatNumber(l.alpha.mean)} / ${formatNumber(l.alpha.max)}`
      : l.pieceUsage
        ? `${t('pieces')} ${l.pieceUsage.map((u) => pct(u)).join(' · ')}`
        : '';
    return `<tr data-layer="${l.layer}">
      <th scope="row">${l.layer + 1}</th><td>${l.units}</td>
      <td data-metric="dead-fraction" data-value="${l.deadFraction}">${pct(l.deadFraction)}</td>
      <td data-metric="inactive-fraction" data-value="${l.inactiveFraction}">${pct(l.inactiveFraction)}</td>
      <td data-metric="saturation" data-value="${l.saturationFraction}">${pct(l.saturationFraction)}</td>
      <td data-metric="mean-output" data-value="${l.meanOutput}">${formatNumber(l.meanOutput)} ± ${formatNumber(l.stdOutput)}</td>
      <td data-metric="grad-norm" data-value="${l.gradNorm}"><span class="gbar" style="width:${w}%"></span>${formatNumber(l.gradNorm)}</td>
      <td data-metric="update-ratio" data-value="${l.updateRatio}">${formatNumber(l.updateRatio)}</td>
      <td>${extra}</td></tr>${l.histogram?.nonfinite
        ? `<tr><td colspan="9" class="warn" data-metric="nonfinite" data-value="${l.histogram.nonfinite}">${t('nonfinite', { count: formatCount(l.histogram.nonfinite) })}</td></tr>`
        : ''}`;
  });
  el.innerHTML = `<div class="table-wrap" tabindex="0" role="region" aria-label="${t('diagTable')}"><table class="diag"><thead><tr><th>${t('layer')}</th><th>${t('unitsShort')}</th>
    <th>${t('deadUnits')}</th><th>${t('inactiveUnits')}</th><th>${t('saturated')}</th><th>${t('meanStd')}</th><th>${t('gradNorm')}</th>
    <th>${t('updateRatio')}</th><th><span class="sr-only">${t('diagNotes')}</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
    <ul class="legend-lines"><li>${t('deadExplain')}</li><li>${t('inactiveExplain')}</li><li>${t('saturatedExplain')}</li></ul>`;
}

/** Histogram of pre-activations (bars) with f and f' drawn over it. */
export function drawHistogram(canvas, hist, curve) {
  const ctx = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, pad = 20;
  ctx.clearRect(0, 0, W, H);
  const counts = Array.from(hist.counts);
  const max = Math.max(...counts, 1);
  const bw = (W - 2 * pad) / counts.length;
  ctx.fillStyle = '#c8d1dc';
  counts.forEach((c, i) => {
    const h = ((H - 2 * pad) * c) / max;
    ctx.fillRect(pad + i * bw, H - pad - h, bw - 1, h);
  });
  const xOf = (x) => pad + ((x - hist.min) / (hist.max - hist.min)) * (W - 2 * pad);
  ctx.strokeStyle = '#999';
  ctx.beginPath();
  ctx.moveTo(xOf(0), pad);
  ctx.lineTo(xOf(0), H - pad);
  ctx.stroke();
  if (curve) {
    const ys = [...curve.y, ...curve.dy].filter(Number.isFinite);
    const lo = Math.min(0, ...ys), hi = Math.max(1, ...ys);
    const yOf = (y) => H - pad - ((y - lo) / (hi - lo)) * (H - 2 * pad);
    for (const [vals, color, dash] of [[curve.y, '#1a73e8', []], [curve.dy, '#d93025', [6, 4]]]) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash(dash);
      ctx.beginPath();
      curve.xs.forEach((x, i) => (i ? ctx.lineTo(xOf(x), yOf(vals[i])) : ctx.moveTo(xOf(x), yOf(vals[i]))));
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  ctx.fillStyle = '#333';
  ctx.font = '11px sans-serif';
  ctx.fillText(String(hist.min), pad - 6, H - 4);
  ctx.fillText(String(hist.max), W - pad - 6, H - 4);
  ctx.fillText('0', xOf(0) - 3, H - 4);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', histogramSummary(hist));
}

/** The histogram in a sentence: how many values, their range, the share below 0 and the fullest bin. */
export function histogramSummary(hist) {
  const counts = Array.from(hist.counts);
  const n = counts.reduce((a, b) => a + b, 0);
  const width = (hist.max - hist.min) / counts.length;
  let below = 0;
  counts.forEach((c, i) => {
    const lo = hist.min + i * width;
    if (lo + width <= 0) below += c;
    else if (lo < 0) below += (c * -lo) / width; // the bin that straddles 0, shared by its width
  });
  const top = counts.indexOf(Math.max(...counts));
  const num = (v) => String(Number(v.toPrecision(3)));
  return t('histSummary', {
    n: formatCount(n), min: num(hist.min), max: num(hist.max),
    below: n ? Math.round((100 * below) / n) : 0,
    a: num(hist.min + top * width), b: num(hist.min + (top + 1) * width),
  });
}

/** Paints the worker-made weight grid image; dead units get a red frame. */
export function drawWeightGrid(canvas, grid, deadUnits) {
  if (canvas.width !== grid.width || canvas.height !== grid.height) {
    canvas.width = grid.width;
    canvas.height = grid.height;
  }
  canvas.hidden = false;
  const ctx = canvas.getContext('2d');
  ctx.putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);
  const units = grid.units ?? deadUnits?.length ?? 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t('weightsSummary', { units, dead: deadUnits ? deadUnits.reduce((a, b) => a + (b ? 1 : 0), 0) : 0 }));
  if (!deadUnits) return;
  ctx.strokeStyle = '#ff1744';
  ctx.lineWidth = 2;
  for (let u = 0; u < deadUnits.length; u++)
    if (deadUnits[u]) ctx.strokeRect((u % grid.perRow) * TILE + 1, ((u / grid.perRow) | 0) * TILE + 1, TILE - 3, TILE - 3);
}

export function renderConfusion(el, confusion) {
  const c = Array.from(confusion);
  const max = Math.max(...c, 1);
  let html = `<table class="confusion"><thead><tr><th>${t('trueVsPredicted')}</th>${[...Array(10).keys()].map((d) => `<th>${d}</th>`).join('')}</tr></thead><tbody>`;
  for (let i = 0; i < 10; i++) {
    html += `<tr><th>${i}</th>`;
    for (let j = 0; j < 10; j++) {
      const v = c[i * 10 + j];
      const a = v / max;
      // Shades capped at 0.8 so black text keeps AA contrast (4.5:1) on every cell.
      const bg = i === j ? `rgba(24,128,56,${0.8 * a})` : `rgba(217,48,37,${0.8 * Math.min(1, a * 4)})`;
      html += `<td style="background:${bg};color:#000">${v || ''}</td>`;
    }
    html += '</tr>';
  }
  el.innerHTML = `${html}</tbody></table>`;
}

export function renderGallery(el, samples, predicted, labels) {
  el.replaceChildren();
  samples.forEach((pixels, i) => {
    const fig = document.createElement('figure');
    const c = document.createElement('canvas');
    c.width = c.height = 28;
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(28, 28);
    for (let p = 0; p < 784; p++) {
      img.data[p * 4] = img.data[p * 4 + 1] = img.data[p * 4 + 2] = pixels[p];
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', t('misclassifiedDigit', { label: labels[i], predicted: predicted[i] }));
    const cap = document.createElement('figcaption');
    cap.textContent = `${labels[i]}→${predicted[i]}`;
    cap.setAttribute('aria-hidden', 'true');
    fig.append(c, cap);
    el.append(fig);
  });
}

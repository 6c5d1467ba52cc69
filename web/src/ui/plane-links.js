// The links of the 2-D view's network: a line from every unit of one column
// to every neuron of the next (the last hidden layer to the output), its
// width and colour by the weight (blue positive, orange negative), its value
// on hover (an SVG title) and in data-weight.
import { t } from '../i18n/index.js';
import { colourOf } from './heatmap.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Centre of an element's right (side 'right') or left edge, relative to `box`. */
function anchor(el, box, side) {
  const r = el.getBoundingClientRect();
  return { x: (side === 'right' ? r.right : r.left) - box.left, y: r.top + r.height / 2 - box.top };
}

/**
 * Lays the lines out: `columns` is a list of element lists (features, then each
 * hidden layer's neurons), `output` the output's anchor element. One <line>
 * per weight, in the order of the kernels ([from][to] of each Dense).
 */
export function layoutLinks(svg, columns, output) {
  const box = svg.parentElement.getBoundingClientRect();
  svg.setAttribute('width', String(box.width));
  svg.setAttribute('height', String(box.height));
  const lines = [];
  const targets = [...columns.slice(1), [output]];
  columns.forEach((from, c) => {
    for (const [i, a] of from.entries()) {
      for (const [j, b] of targets[c].entries()) {
        const p = anchor(a, box, 'right'), q = anchor(b, box, 'left');
        const line = document.createElementNS(SVG, 'line');
        Object.entries({ x1: p.x, y1: p.y, x2: q.x, y2: q.y }).forEach(([k, v]) => line.setAttribute(k, v.toFixed(1)));
        line.setAttribute('data-testid', 'link');
        line.dataset.from = `${c}:${i}`;
        line.dataset.to = `${c + 1}:${j}`;
        line.append(document.createElementNS(SVG, 'title'));
        lines.push(line);
      }
    }
  });
  svg.replaceChildren(...lines);
}

/**
 * Sets every line's width, colour and title from the kernels ([{rows, cols,
 * kernel}], input side first); `sizes`: the neurons of each target column
 * (a Maxout layer's kernel has k pieces per neuron: the strongest is drawn).
 */
export function paintLinks(svg, weights, sizes) {
  const lines = svg.children;
  let k = 0;
  (weights ?? []).forEach((w, c) => {
    const units = sizes[c] ?? w.cols;
    const pieces = Math.max(1, Math.round(w.cols / units));
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < units && k < lines.length; j++, k++) {
        let v = 0;
        for (let p = 0; p < pieces; p++) {
          const x = w.kernel[i * w.cols + j * pieces + p];
          if (Math.abs(x) > Math.abs(v)) v = x;
        }
        const [r, g, b] = colourOf(Math.sign(v));
        const line = lines[k];
        line.setAttribute('stroke', `rgb(${r},${g},${b})`);
        line.setAttribute('stroke-width', Math.min(6, 0.5 + 2 * Math.abs(v)).toFixed(2));
        line.dataset.weight = v.toFixed(4);
        line.firstChild.textContent = t('weightN', { w: v.toFixed(3) });
      }
    }
  });
}

// Heatmaps of the 2-D view: a grid of values in [−1, 1] painted with a
// diverging palette (orange for −1, white for 0, blue for +1, as TensorFlow
// Playground), optionally discretized to the sign; and the points on top.

const NEG = [245, 147, 34]; // orange: class −1
const POS = [8, 119, 189]; // blue: class +1
const MID = [232, 234, 235];

/** The colour of a value in [−1, 1] (clamped): [r, g, b]. */
export function colourOf(v) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const end = t < 0 ? NEG : POS;
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(MID[k] + (end[k] - MID[k]) * a));
}

/**
 * Paints `values` (size × size, row-major from the top, starting at `offset`)
 * onto the canvas, scaled to its size; `discretize` paints the sign only.
 * `scale` maps a value into [−1, 1] first (regression outputs, features).
 */
export function paintHeatmap(canvas, values, size, { offset = 0, discretize = false, scale = 1 } = {}) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    let v = values[offset + i] * scale;
    if (discretize) v = v >= 0 ? 1 : -1;
    const [r, g, b] = colourOf(v);
    image.data.set([r, g, b, 255], 4 * i);
  }
  // Drawn at the grid's size on a scratch canvas, then scaled onto the target.
  const scratch = paintHeatmap.scratch ?? (paintHeatmap.scratch = document.createElement('canvas'));
  scratch.width = scratch.height = size;
  scratch.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

/** The points on the plane's canvas ([−6, 6]² onto its pixels); test points outlined. */
export function paintPoints(canvas, points, { test = false } = {}) {
  const ctx = canvas.getContext('2d');
  const px = (x) => ((x + 6) / 12) * canvas.width;
  const py = (y) => ((6 - y) / 12) * canvas.height;
  for (const p of points) {
    const [r, g, b] = colourOf(p.label);
    ctx.beginPath();
    ctx.arc(px(p.x), py(p.y), 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fill();
    ctx.lineWidth = test ? 2 : 1;
    ctx.strokeStyle = test ? '#000' : '#fff';
    ctx.stroke();
  }
}

/** The plane coordinates ([−6, 6]²) of a pointer event on a canvas. */
export function planeAt(canvas, event) {
  const box = canvas.getBoundingClientRect();
  return { x: -6 + (12 * (event.clientX - box.left)) / box.width, y: 6 - (12 * (event.clientY - box.top)) / box.height };
}

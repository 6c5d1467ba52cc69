// The first layer's weight vectors as one RGBA image of 28×28 tiles (red +,
// blue −, each tile scaled by its own largest |w|; dead units darkened).
// Pure, so the worker builds the image and the page only paints it.

export const TILE = 29; // 28 px and a 1 px gap

export function gridShape(units) {
  const perRow = Math.ceil(Math.sqrt(units * 2));
  return { perRow, width: perRow * TILE, height: Math.ceil(units / perRow) * TILE };
}

/** weights: rows×units row-major (rows = 784). Returns {rgba, width, height, perRow}. */
export function weightGridImage(weights, rows, units, deadUnits) {
  const { perRow, width, height } = gridShape(units);
  const scale = new Float32Array(units).fill(1e-12);
  for (let p = 0; p < rows; p++) {
    const row = p * units;
    for (let u = 0; u < units; u++) {
      const a = Math.abs(weights[row + u]);
      if (a > scale[u]) scale[u] = a;
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let p = 0; p < rows; p++) {
    const py = (p / 28) | 0, pxx = p % 28;
    const row = p * units;
    for (let u = 0; u < units; u++) {
      const v = weights[row + u] / scale[u];
      const a = Math.round(255 * (1 - Math.abs(v)));
      const dim = deadUnits && deadUnits[u] ? 0.35 : 1;
      const o = ((((u / perRow) | 0) * TILE + py) * width + (u % perRow) * TILE + pxx) * 4;
      rgba[o] = (v > 0 ? 255 : a) * dim;
      rgba[o + 1] = a * dim;
      rgba[o + 2] = (v < 0 ? 255 : a) * dim;
    }
  }
  return { rgba, width, height, perRow, units };
}

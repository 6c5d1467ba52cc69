// MNIST-style preprocessing of a drawing (LeCun et al.): take the ink's bounding
// box, scale its longer side to 20 px with area averaging, paste it into a 28×28
// field, then shift it so the intensity centre of mass sits at the centre.
//
// Pure functions over arrays, so they are tested under node.

/**
 * ink: intensities 0..255 (or 0..1 with `scale = 1`), row-major width×height.
 * Returns a Float32Array(784) in 0..1, or null if nothing is drawn.
 */
export function preprocess(ink, width, height, { threshold = 8, scale = 255 } = {}) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((ink[y * width + x] / scale) * 255 > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const factor = 20 / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * factor)), th = Math.max(1, Math.round(bh * factor));
  const small = areaResample(ink, width, x0, y0, bw, bh, tw, th, scale);

  // Paste into 28×28 with the box centred, then move the centre of mass to (14, 14).
  const out = new Float32Array(784);
  const ox = Math.floor((28 - tw) / 2), oy = Math.floor((28 - th) / 2);
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x];
      mass += v;
      mx += v * (x + ox + 0.5);
      my += v * (y + oy + 0.5);
    }
  }
  const dx = mass > 0 ? Math.round(14 - mx / mass) : 0;
  const dy = mass > 0 ? Math.round(14 - my / mass) : 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const tx = x + ox + dx, ty = y + oy + dy;
      if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = Math.min(1, small[y * tw + x]);
    }
  }
  return out;
}

/**
 * Area-averaging resample of the box (x0, y0, bw, bh) of `src` (row stride
 * `stride`) to tw×th: each target pixel is the mean of the source area it
 * covers, with fractional coverage at the edges. Values come out in 0..1.
 */
export function areaResample(src, stride, x0, y0, bw, bh, tw, th, scale = 255) {
  const out = new Float32Array(tw * th);
  const sx = bw / tw, sy = bh / th;
  for (let ty = 0; ty < th; ty++) {
    const ya = ty * sy, yb = ya + sy;
    for (let tx = 0; tx < tw; tx++) {
      const xa = tx * sx, xb = xa + sx;
      let sum = 0, area = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx <= 0) continue;
          sum += wx * wy * src[(y0 + y) * stride + x0 + x];
          area += wx * wy;
        }
      }
      out[ty * tw + tx] = area > 0 ? sum / area / scale : 0;
    }
  }
  return out;
}

/** Centre of mass (x, y) of a 28×28 image, in pixel units (pixel centres at +0.5). */
export function centreOfMass(img) {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const v = img[y * 28 + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

// The drawing pad: Pointer Events (mouse, touch, pen), a round brush, strokes
// kept as point lists so the last one can be undone.
export class DrawingPad {
  /** onChange() is called (at most once per frame) whenever the drawing changes. */
  constructor(canvas, onChange) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.strokes = [];
    this.current = null;
    this.onChange = onChange;
    this.pending = false;
    this.brush = canvas.width / 12; // ~2.3 px of the 28×28 image, like MNIST strokes
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', (e) => this.up(e));
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('blur', () => this.lift());
    // Keyboard drawing (WCAG 2.5.7: no drag needed): a visible cursor the arrow
    // keys move; Space or Enter puts the pen down or lifts it (while down, moves
    // draw); Delete or Backspace clears; Ctrl+Z undoes.
    this.cursor = null; // [x, y] in canvas units once the keyboard is used
    this.keyPen = null; // the stroke the keyboard pen is drawing
    this.cursorMark = canvas.parentElement?.querySelector('.pad-cursor') ?? null;
  }

  /** The keyboard: see the constructor. */
  key(e) {
    const step = this.canvas.width / 20;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      return this.clear();
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'z') return this.undo();
    if (!this.cursor) this.cursor = [this.canvas.width / 2, this.canvas.height / 2];
    if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      const clamp = (v, max) => Math.min(max - this.brush / 2, Math.max(this.brush / 2, v));
      this.cursor = [clamp(this.cursor[0] + dx, this.canvas.width), clamp(this.cursor[1] + dy, this.canvas.height)];
      if (this.keyPen) {
        this.keyPen.push([...this.cursor]);
        this.redraw();
      }
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (this.keyPen) return this.lift();
      this.keyPen = [[...this.cursor]];
      this.strokes.push(this.keyPen);
      this.redraw();
    } else if (e.key === 'Escape') {
      this.lift();
    }
    this.showCursor();
  }

  /** Lifts the keyboard pen (the stroke stays). */
  lift() {
    this.keyPen = null;
    this.showCursor();
  }

  /** The keyboard cursor as a ring over the pad (not ink: the model never sees it). */
  showCursor() {
    const m = this.cursorMark;
    if (!m || !this.cursor) return;
    m.hidden = false;
    m.style.left = `${(100 * this.cursor[0]) / this.canvas.width}%`;
    m.style.top = `${(100 * this.cursor[1]) / this.canvas.height}%`;
    m.classList.toggle('down', Boolean(this.keyPen));
  }

  /** Shows a 28×28 image (0..1) as the pad's ink: a test digit. Drawing on it adds to it. */
  showImage(pixels) {
    this.strokes = [];
    this.current = this.keyPen = null;
    const small = document.createElement('canvas');
    small.width = small.height = 28;
    const sctx = small.getContext('2d');
    const img = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) img.data[i * 4 + 3] = Math.round(pixels[i] * 255);
    sctx.putImageData(img, 0, 0);
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.ctx.drawImage(small, 0, 0, this.canvas.width, this.canvas.height);
    this.image = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * this.canvas.width, ((e.clientY - r.top) / r.height) * this.canvas.height];
  }

  down(e) {
    if (e.button !== undefined && e.button > 0) return;
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.redraw();
  }

  move(e) {
    if (!this.current) return;
    e.preventDefault();
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ce of events.length ? events : [e]) this.current.push(this.point(ce));
    this.redraw();
  }

  up() {
    if (!this.current) return;
    this.current = null;
    this.changed();
  }

  clear() {
    this.strokes = [];
    this.current = this.keyPen = this.image = null;
    this.redraw();
    this.showCursor();
  }

  undo() {
    this.strokes.pop();
    this.current = null;
    this.redraw();
  }

  isEmpty() {
    return this.strokes.length === 0 && !this.image;
  }

  redraw() {
    const { ctx, canvas } = this;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (this.image) ctx.putImageData(this.image, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = this.brush;
    ctx.strokeStyle = '#000';
    ctx.fillStyle = '#000';
    for (const s of this.strokes) {
      if (s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0][0], s[0][1], this.brush / 2, 0, Math.PI * 2);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      for (let i = 1; i < s.length; i++) ctx.lineTo(s[i][0], s[i][1]);
      ctx.stroke();
    }
    this.changed();
  }

  changed() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.onChange();
    });
  }

  /** Ink intensities 0..255 (the alpha channel), row-major. */
  ink() {
    const { width, height } = this.canvas;
    const rgba = this.ctx.getImageData(0, 0, width, height).data;
    const out = new Uint8ClampedArray(width * height);
    for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3];
    return out;
  }
}

/** Paints a 28×28 image (0..1) white on black into a 28×28 canvas. */
export function paintPreview(canvas, pixels) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = pixels ? Math.round(pixels[i] * 255) : 0;
    img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = v;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

// What a screen reader hears while the page works: one polite live region per
// page (#announcer) that the panels speak through — the prediction for a
// drawing, training progress once per epoch, a lesson's verdict. Throttled so
// drawing or training never floods it:
//   - each message has a key; a newer message of the same key replaces one not
//     yet spoken (a prediction refreshed while drawing is spoken once, the last);
//   - `settle` holds a message until its key has been quiet that long;
//   - at most one message per `gap` ms is written to the region.
// The clock and timer are injected so the rules are tested without a browser.

export class Announcer {
  constructor(region, { gap = 1200, now = () => performance.now(), timer = (fn, ms) => setTimeout(fn, ms), cancel = (h) => clearTimeout(h) } = {}) {
    this.region = region;
    this.gap = gap;
    this.now = now;
    this.timer = timer;
    this.cancel = cancel;
    this.pending = new Map(); // key -> {text, due}, in the order the keys last spoke
    this.last = -Infinity;
    this.handle = null;
    this.spoken = []; // the last messages written, newest last (for tests and the page's test API)
  }

  /** Queues text under key; held until the key has been quiet for settle ms. */
  say(text, { key = 'message', settle = 0 } = {}) {
    if (!text) return;
    this.pending.delete(key);
    this.pending.set(key, { text, due: this.now() + settle });
    this.pump();
  }

  /** Drops a key's message that has not been spoken yet. */
  forget(key) {
    this.pending.delete(key);
  }

  pump() {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
    const now = this.now();
    const free = this.last + this.gap;
    if (now >= free) {
      for (const [key, m] of this.pending) {
        if (m.due > now) continue;
        this.pending.delete(key);
        this.write(m.text);
        this.last = now;
        break;
      }
    }
    if (!this.pending.size) return;
    const due = Math.min(...[...this.pending.values()].map((m) => m.due));
    const at = Math.max(due, this.last + this.gap);
    this.handle = this.timer(() => {
      this.handle = null;
      this.pump();
    }, Math.max(0, at - this.now()));
  }

  write(text) {
    // The same sentence twice in a row is still a change a screen reader hears.
    this.region.textContent = this.region.textContent === text ? `${text}\u00a0` : text;
    this.spoken.push(text);
    if (this.spoken.length > 50) this.spoken.shift();
  }
}

let shared = null;

/** The page's announcer over its #announcer region (made at the end of body when the page has none). */
export function announcer(doc = globalThis.document) {
  if (shared && shared.region.isConnected) return shared;
  let region = doc.getElementById('announcer');
  if (!region) {
    region = doc.createElement('div');
    region.id = 'announcer';
    region.className = 'sr-only';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.dataset.testid = 'announcer';
    doc.body.append(region);
  }
  shared = new Announcer(region);
  return shared;
}

/** Says text through the page's announcer (see Announcer.say). */
export function announce(text, opts) {
  announcer().say(text, opts);
}

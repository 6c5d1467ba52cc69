// The one dataset loader of the page, shared by the page's run and compare
// mode. It downloads a site dataset's four gzipped IDX files once (progress in
// the store while someone waits for it), keeps the bytes, and hands every
// worker the same source object: {name, files: [{name, bytes}]}, which the
// worker inflates and parses (worker/data.js). The learner's own IDX files
// become a source the same way, checked by size before they are read.
import { DATA_FILES } from '../worker/protocol.js';
import { refuseLarge } from './budget.js';

const DISPLAY = { mnist: 'MNIST', fashion: 'Fashion-MNIST' };

/** An Error whose alert ({key, vars}) the status line shows. */
export const withAlert = (e, key, vars) => Object.assign(e, { alert: e.alert ?? { key, vars: vars ?? { message: e.message } } });

/** Reads a response body, counting bytes as they come. */
async function readAll(res, onBytes) {
  const reader = res.body.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

/**
 * The loader. `fetch` and `baseURI` can be given (tests); the site's datasets
 * come from store.manifest.
 */
export function createLoader(store, { fetch = globalThis.fetch.bind(globalThis), baseURI = () => document.baseURI } = {}) {
  const cache = new Map(); // dataset id -> {promise: Promise<source>, done}
  let watching = null; // the dataset whose progress the page shows
  let files = null; // the learner's own files, as a source

  const entry = (id) => store.get().manifest?.datasets?.find((d) => d.id === id);
  const show = (id, loaded, total) => {
    if (watching !== id) return;
    store.set({
      dataProgress: { loaded, total },
      status: { key: 'loadingData', vars: { name: DISPLAY[id] ?? id, percent: total > 0 ? `${Math.round((100 * loaded) / total)}%` : '' } },
    });
  };

  async function download(id) {
    const ds = entry(id);
    if (!ds) throw new Error(`dataset '${id}' is not available on this site`);
    const base = new URL(ds.base, baseURI()).href;
    const total = ds.sizes ? Object.values(ds.sizes).reduce((a, b) => a + b, 0) : 0;
    let loaded = 0;
    const parts = await Promise.all(DATA_FILES.map(async (f) => {
      const res = await fetch(`${base}${f}.gz`);
      if (!res.ok) throw new Error(`could not download ${f}.gz (HTTP ${res.status})`);
      return { name: `${f}.gz`, bytes: await readAll(res, (n) => show(id, (loaded += n), total)) };
    }));
    return { kind: 'site', name: DISPLAY[id] ?? id, files: parts };
  }

  return {
    /** The source the settings ask for: the learner's files, or a site dataset id. */
    wanted: () => (store.get().dataSource === 'files' ? 'files' : store.get().settings.dataset),

    /**
     * The source object for a dataset id (or 'files'), downloaded once and kept;
     * `visible` puts the download's progress on the page.
     */
    async source(id, { visible = true } = {}) {
      if (id === 'files') {
        if (!files) throw withAlert(new Error('no files'), 'idxFiles', {});
        return files;
      }
      if (!cache.has(id)) {
        const entry = { done: false };
        entry.promise = download(id).then((source) => ((entry.done = true), source));
        entry.promise.catch(() => cache.delete(id)); // a failed download is tried again next time
        cache.set(id, entry);
      }
      const entry = cache.get(id);
      if (visible && !entry.done && watching !== id) {
        watching = id; // someone waits: its progress goes on the page
        show(id, 0, 0);
      }
      try {
        return await entry.promise;
      } catch (e) {
        throw withAlert(e, 'dataError');
      } finally {
        if (watching === id) {
          watching = null;
          store.set({ dataProgress: null });
        }
      }
    },

    /** Starts downloading the wanted dataset quietly (errors wait for whoever needs it). */
    prefetch() {
      const id = this.wanted();
      if (id !== 'files' && entry(id) && !cache.has(id)) this.source(id, { visible: false }).catch(() => {});
    },

    /** The learner's own IDX files (sizes checked before anything is read) as the 'files' source. */
    async useFiles(list) {
      const maxBytes = store.get().limits.maxIdxFileBytes * (1 + 1 / 1024); // gzip adds at most 5 bytes per 64 KiB
      for (const f of list) refuseLarge(f, maxBytes);
      files = { kind: 'files', name: 'IDX', label: list.map((f) => f.name).join(', '), files: await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))) };
      return files;
    },

    /** Forgets the learner's files (they were refused). */
    dropFiles() {
      files = null;
    },
  };
}

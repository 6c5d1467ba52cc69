// The page's side of the worker protocol (protocol.js): the only place that
// pairs requests with replies. Requests carry increasing ids and are settled
// from a map of pending promises; events go to subscribers. The single-run
// session and compare mode both use it (compare mode holds several).
import { REPLY } from './protocol.js';

export class WorkerClient {
  /** `worker`: a Worker, or anything with postMessage/onmessage/onerror/terminate (tests). */
  constructor(worker) {
    this.worker = worker;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, type}
    this.listeners = new Map(); // event type -> Set(fn); '*' gets every event
    worker.onmessage = (ev) => this.receive(ev.data);
    worker.onerror = (ev) => this.fail(new Error(ev?.message || 'the training worker failed to start'));
  }

  /** A client of a new module worker running worker.js. */
  static spawn() {
    return new WorkerClient(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  }

  /** Sends a request; resolves with its result or rejects with its error. */
  request(type, fields = {}, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, type });
      try {
        this.worker.postMessage({ ...fields, type, id }, transfer);
      } catch (e) {
        this.pending.delete(id);
        reject(e);
      }
    });
  }

  /** Subscribes to an event type (or '*' for all); returns the unsubscribe function. */
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type)?.delete(fn);
  }

  receive(msg) {
    if (msg?.type === REPLY) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
      return;
    }
    for (const fn of [...(this.listeners.get(msg?.type) ?? []), ...(this.listeners.get('*') ?? [])]) fn(msg);
  }

  /** Rejects every pending request (the worker died) and tells error subscribers. */
  fail(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.receive({ type: 'error', message: error.message });
  }

  /** Stops the worker; pending requests reject, no event is sent any more. */
  terminate() {
    this.worker.terminate();
    this.listeners.clear();
    this.fail(new Error('the worker was stopped'));
  }
}

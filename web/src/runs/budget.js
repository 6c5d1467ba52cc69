// The page's memory budget per tab. Every network trains in a WebAssembly
// instance whose memory only grows, and a phone kills a tab that takes too
// much, so the page adds up what a plan needs before starting it and refuses
// one that does not fit. The engine estimates each network (values, gradients,
// optimizer slots, activations of the largest batch: engine.memoryEstimate).
import { REQ } from '../worker/protocol.js';

/** What the page lets one tab's training take: 1 GiB over all its workers. */
export const TAB_MEMORY_BUDGET = 1024 * 2 ** 20;

/**
 * Bytes a plan needs: each network's estimate, plus a wasm copy of the dataset
 * per network (the trainer holds its own), plus the dataset three times per
 * worker while it loads (downloaded, inflated and parsed).
 */
export function planBytes({ networkBytes, workers, datasetBytes }) {
  const networks = networkBytes.reduce((a, b) => a + b, 0);
  return networks + networkBytes.length * datasetBytes + workers * 3 * datasetBytes;
}

/** null when the plan fits, else {neededMB, budgetMB} for the message. */
export function overBudget(plan, budget = TAB_MEMORY_BUDGET) {
  const needed = planBytes(plan);
  if (needed <= budget) return null;
  return { neededMB: Math.ceil(needed / 2 ** 20), budgetMB: Math.floor(budget / 2 ** 20) };
}

/** A file that cannot be valid is refused from its size, before it is read. */
export function tooLarge(file, maxBytes) {
  return file.size > maxBytes ? { sizeMB: (file.size / 2 ** 20).toFixed(1), maxMB: Math.floor(maxBytes / 2 ** 20) } : null;
}

/** Throws (with the page's alert) for a file larger than any valid one. */
export function refuseLarge(file, maxBytes) {
  const big = tooLarge(file, maxBytes);
  if (big) throw Object.assign(new Error(`${file.name} is too large`), { alert: { key: 'fileTooLarge', vars: { name: file.name, ...big } } });
}

/**
 * Asks a worker's engine what `specs` need and throws (with the alert the page
 * shows) if they would not fit the tab's budget with `workers` workers.
 */
export async function checkBudget(client, specs, { workers, datasetBytes }) {
  const { bytes } = await client.request(REQ.estimate, { specs });
  const over = overBudget({ networkBytes: bytes, workers, datasetBytes });
  if (over) throw Object.assign(new Error('over budget'), { alert: { key: 'overBudget', vars: { ...over, networks: specs.length } } });
}

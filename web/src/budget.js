// The page's memory budget per tab. Every network trains in a WebAssembly
// instance whose memory only grows, and a phone kills a tab that takes too
// much, so the page adds up what a plan needs before starting it and refuses
// one that does not fit. The engine estimates each network (values, gradients,
// optimizer slots, activations of the largest batch: engine.memoryEstimate).

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

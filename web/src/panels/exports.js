// What the share panel and the comparison rows both do: download a run's setup
// as a Python script, and turn a refusal from the worker into the page's alert.
import { download } from '../ui/download.js';

/** fn as an action whose error (a worker's refusal) becomes the page's alert instead of a lost promise. */
export const reportErrors = (store, fn) => async (...args) => {
  try {
    await fn(...args);
  } catch (e) {
    store.set({ alert: { key: 'errorWith', vars: { message: e.message } } });
  }
};

/** Downloads `spec` as a `framework` ('pytorch' or 'keras') script training the page's number of epochs. */
export async function downloadScript({ store, gateway }, spec, framework, name) {
  const { text } = await gateway.exportCode(spec, framework, store.get().settings.epochs);
  download(name, new Blob([text], { type: 'text/x-python' }));
}

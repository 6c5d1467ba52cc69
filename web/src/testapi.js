// window.playgroundTest: a small, read-only view of engine figures for the
// end-to-end tests and scripted checks. Everything else a test needs, it reads
// from the page as a person would (roles, labels, data-testid). Every call
// returns a copy: nothing here can change the page.
//
//   compareFigures()  {activation: {valAccuracy, firstEpochValAccuracy, epochsTo90, deadFraction,
//                     inactiveFraction, gradNormFirst, meanOutput, alpha, secondsPerEpoch,
//                     parameters, activationCost, profile, layers, done, diverged}} of the comparison
//   currentRun()      {id, label, epochs, lossPoints} of the page's run, or null
//   chartSeries()     {loss, accuracy, epochLoss, compareVal, compareLoss}: series drawn per chart
//   xTicks()          {accuracy, epochLoss}: the x-axis labels drawn on the per-epoch charts
//   drawnPixels()     the pad's 784 pixels (0..1) as the network sees them, or null
//   announcements()   the last messages the live region (#announcer) spoke, oldest first
const FIGURES = ['valAccuracy', 'firstEpochValAccuracy', 'epochsTo90', 'deadFraction', 'inactiveFraction', 'gradNormFirst', 'meanOutput', 'alpha', 'secondsPerEpoch', 'parameters', 'activationCost', 'profile', 'layers', 'done', 'diverged'];

import { announcer } from './ui/announcer.js';

export function installTestApi(store, probes) {
  const copy = (v) => JSON.parse(JSON.stringify(v ?? null));
  window.playgroundTest = Object.freeze({
    compareFigures() {
      const records = store.get().compare?.records ?? {};
      return copy(Object.fromEntries(Object.entries(records).map(([id, r]) => [id, Object.fromEntries(FIGURES.map((k) => [k, r[k]]))])));
    },
    currentRun() {
      const s = store.get();
      const r = s.runs.find((x) => x.id === s.currentRun);
      return r ? copy({ id: r.id, label: r.label, epochs: r.epochs.length, lossPoints: r.loss.length }) : null;
    },
    chartSeries() {
      const t = probes.trainingSeries?.() ?? {};
      const c = probes.compareSeries?.() ?? {};
      return { loss: t.loss, accuracy: t.accuracy, epochLoss: t.epochLoss, compareVal: c.val, compareLoss: c.loss };
    },
    xTicks() {
      return copy(probes.trainingTicks?.() ?? {});
    },
    drawnPixels() {
      const p = store.get().pixels;
      return p ? Array.from(p) : null;
    },
    announcements() {
      return [...announcer().spoken];
    },
  });
}

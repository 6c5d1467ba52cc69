// The curves of one training run, as the page and compare mode both keep them:
// per-step loss (raw and smoothed), and per-epoch training/validation figures.
// One place for the bookkeeping of the worker's progress and epoch messages,
// the runs' ids and the colours they are drawn in.

let lastRunId = 0;
/** A new run id, unique over the page's run and compare mode's runs. */
export const newRunId = () => ++lastRunId;

/** The colours of runs, in the order they are started. */
export const PALETTE = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#b80672', '#5f6368'];
/** The same colours for the dark theme, in the same order (lighter, for a dark chart). */
export const PALETTE_DARK = ['#8ab4f8', '#f28b82', '#81c995', '#fcad70', '#c58af9', '#78d9ec', '#ff8bcb', '#bdc1c6'];

/** An empty record of curves. */
export function newCurves() {
  return { loss: [], smooth: [], ema: null, epochs: [], acc: { loss: 0, correct: 0, samples: 0 } };
}

/** Adds a progress message (a chunk of steps) to the curves. */
export function addProgress(c, msg) {
  const x = msg.epoch + msg.epochFraction;
  c.loss.push([x, msg.loss]);
  // EMA with factor 0.9 per step; a message covers stepsRun steps (their mean loss).
  const keep = Math.pow(0.9, msg.stepsRun);
  c.ema = c.ema == null ? msg.loss : keep * c.ema + (1 - keep) * msg.loss;
  c.smooth.push([x, c.ema]);
  c.acc.loss += msg.loss * msg.samplesRun;
  c.acc.correct += msg.accuracy * msg.samplesRun;
  c.acc.samples += msg.samplesRun;
}

/** Adds an epoch message: validation figures, and the epoch's mean training loss and accuracy. */
export function addEpoch(c, msg) {
  const entry = {
    epoch: msg.epoch,
    valLoss: msg.valLoss,
    valAccuracy: msg.valAccuracy,
    trainLoss: c.acc.samples ? c.acc.loss / c.acc.samples : null,
    trainAccuracy: c.acc.samples ? c.acc.correct / c.acc.samples : null,
    seconds: msg.seconds,
  };
  c.epochs.push(entry);
  c.acc = { loss: 0, correct: 0, samples: 0 };
  return entry;
}

// The worker's scheduler: its runs (networks) and the training loop. The runs
// train round-robin in time slices, step for step, so the worker answers
// predictions and pauses in between; each chunk's progress, each epoch's
// results, diagnostics and step profile are posted as events (protocol.js).
import { EVT } from './protocol.js';

export const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

/** The worker's runs: id -> Run. */
export const runs = new Map();
let data = null; // {name, trainImages, trainLabels, testImages, testLabels}
let training = false;
let pauseRequested = false;
let loopToken = 0;

class Run {
  constructor(id, net, epochs) {
    this.id = id;
    this.net = net;
    this.epochs = epochs;
    this.hasData = false;
    this.stepsInEpoch = 0;
    this.epochSamples = 0;
    this.epochSeconds = 0;
    this.finished = false;
    this.diverged = false;
    this.lastDiag = 0;
    this.step = net.info().step;
    this.stepsPerEpoch = 0;
    this.profiles = []; // stepProfile of each chunk of the current epoch
    this.fastest = null; // {gemm, activation}: the side-by-side timing at the end of the epoch
    this.endedEpoch = null; // the epoch just ended, until its end is reported (endEpochs)
  }
  dispose() {
    this.net.dispose();
  }
}

function ensureData(r) {
  if (!data) throw new Error('no dataset loaded yet');
  if (!r.hasData) {
    r.net.setData(data);
    r.hasData = true;
    r.stepsInEpoch = 0;
    r.stepsPerEpoch = r.net.info().stepsPerEpoch; // fixed for a dataset: not asked for again per chunk
  }
}

/** Frees every run and stops the loop. */
export function clearRuns() {
  for (const r of runs.values()) r.dispose();
  runs.clear();
  training = false;
  loopToken++;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The epoch's step breakdown: the median of its chunks, stage by stage (ms per
 * step); and the matrix products and activations of the fastest step, what
 * comparisons of cost between runs read (time taken by another thread only
 * adds): from the side-by-side timing if there was one, else from the chunks.
 */
function postProfile(r) {
  if (!r.profiles.length) return;
  const stage = (k) => median(r.profiles.map((p) => p[k]));
  const fastest = (k) => Math.min(...r.profiles.map((p) => p[k]));
  post({
    type: EVT.profile, run: r.id, gemm: stage('gemm'), activation: stage('activation'), loss: stage('loss'), optimizer: stage('optimizer'), other: stage('other'), measured: stage('measured'),
    gemmMin: r.fastest?.gemm ?? fastest('gemmMin'), activationMin: r.fastest?.activation ?? fastest('activationMin'),
  });
  r.profiles = [];
  r.fastest = null;
}

// Compare mode's runs that must be timed side by side (a lesson on cost) ask for it.
let sideBySide = false;
const SIDE_BY_SIDE_ROUNDS = 6;

/**
 * Times the runs' steps side by side, without training: single steps, the
 * runs in turn (the order flipped every round), nothing posted in between, so
 * whatever else the machine does falls on them alike. Keeps each run's fastest.
 */
function timeSideBySide(list) {
  for (const r of list) r.fastest = { gemm: Infinity, activation: Infinity };
  for (let i = 0; i < SIDE_BY_SIDE_ROUNDS; i++) {
    for (const r of i % 2 ? [...list].reverse() : list) {
      const p = r.net.timeStep();
      r.fastest.gemm = Math.min(r.fastest.gemm, p.gemm);
      r.fastest.activation = Math.min(r.fastest.activation, p.activation);
    }
  }
}

/**
 * Reports the end of the epochs that ended in the last round of steps: the step
 * breakdown (after a side-by-side timing when asked for), the diagnostics, and
 * done after the last epoch.
 */
function endEpochs() {
  const ended = [...runs.values()].filter((r) => r.endedEpoch !== null);
  if (!ended.length) return;
  const healthy = ended.filter((r) => !r.diverged);
  if (sideBySide && runs.size > 1 && healthy.length) timeSideBySide(healthy);
  for (const r of ended) {
    const epoch = r.endedEpoch;
    r.endedEpoch = null;
    postProfile(r);
    postDiagnostics(r);
    if (epoch >= r.epochs) {
      r.finished = true;
      post({ type: EVT.done, run: r.id, epoch });
    }
  }
}

function postDiagnostics(r) {
  r.lastDiag = performance.now();
  const d = r.net.diagnostics();
  r.deadUnits = d.layers[0]?.deadUnits ?? null;
  post({ type: EVT.diag, run: r.id, step: r.step, ...d });
}

/** Up to n steps of run r without crossing an epoch boundary; posts progress and epoch results. Returns seconds per step. */
function trainChunk(r, n) {
  ensureData(r);
  const steps = Math.max(1, Math.min(n, r.stepsPerEpoch - r.stepsInEpoch));
  const t0 = performance.now();
  // Every chunk is timed stage by stage (they train as usual; the clock costs
  // nothing next to a step). The epoch's medians are posted at its end: robust
  // to a moment when another process had the core.
  const p = r.net.stepProfile(steps);
  const s = p.stats;
  if (!s.diverged && s.stepsRun > 0) r.profiles.push(p);
  const seconds = (performance.now() - t0) / 1000;
  r.step = s.step;
  r.stepsInEpoch += s.stepsRun;
  r.epochSamples += s.samplesRun;
  r.epochSeconds += seconds;
  if (s.diverged) {
    r.diverged = r.finished = true;
    post({ type: EVT.diverged, run: r.id, step: s.step + 1, epoch: s.epoch });
    return seconds / Math.max(1, s.stepsRun);
  }
  post({
    type: EVT.progress, run: r.id, loss: s.loss, accuracy: s.accuracy, step: s.step, epoch: s.epoch,
    epochFraction: s.epochFraction, stepsRun: s.stepsRun, samplesRun: s.samplesRun,
    samplesPerSecond: seconds > 0 ? s.samplesRun / seconds : 0,
  });
  if (r.stepsInEpoch >= r.stepsPerEpoch) {
    const ev = r.net.evaluate();
    post({
      type: EVT.epoch, run: r.id, epoch: s.epoch, step: s.step, valLoss: ev.loss, valAccuracy: ev.accuracy,
      confusion: ev.confusion, misclassified: ev.misclassified, predicted: ev.predicted,
      seconds: r.epochSeconds, samplesPerSecond: r.epochSamples / r.epochSeconds,
    });
    r.stepsInEpoch = r.epochSamples = r.epochSeconds = 0;
    r.endedEpoch = s.epoch; // reported after the round (endEpochs)
  } else if (performance.now() - r.lastDiag > 1000) {
    postDiagnostics(r);
  }
  return seconds / Math.max(1, s.stepsRun);
}

const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

async function trainLoop() {
  training = true;
  pauseRequested = false;
  const token = ++loopToken;
  const chunk = new Map();
  while (training && token === loopToken) {
    if (pauseRequested) {
      training = false;
      post({ type: EVT.paused });
      settlePause();
      return;
    }
    const active = [...runs.values()].filter((r) => !r.finished);
    if (!active.length) {
      training = false;
      post({ type: EVT.allDone });
      settlePause();
      return;
    }
    // The runs of one worker advance step for step (the slowest one's slice sets
    // the count): their steps share the same moments, so a busy spell of the
    // machine slows them alike and their timings stay comparable.
    const n = Math.min(...active.map((r) => chunk.get(r.id) ?? 2));
    for (const r of active) {
      if (!training || token !== loopToken || !runs.has(r.id)) break;
      let perStep;
      try {
        perStep = trainChunk(r, n);
      } catch (e) {
        training = false;
        post({ type: EVT.error, message: e?.message ?? String(e) });
        settlePause();
        return;
      }
      // Keep each slice near 40 ms so predictions and pauses are answered quickly.
      if (perStep > 0) chunk.set(r.id, Math.max(1, Math.min(64, Math.round(0.04 / perStep))));
      await yieldToMessages();
    }
    endEpochs();
  }
}

// Pause requests are answered once the loop has actually stopped.
let pauseWaiters = [];
function settlePause() {
  for (const answer of pauseWaiters) answer();
  pauseWaiters = [];
}


/** Makes `next` the data every run trains on (each run takes it before its next step). */
export function setData(next) {
  data = next;
  for (const r of runs.values()) r.hasData = false;
}

/** The data's test images and labels (for the page's sample gallery), or null. */
export const currentData = () => data;

/** Stops the loop where it is (a new dataset is coming); true if it was training. */
export function interrupt() {
  const was = training;
  training = false;
  loopToken++;
  return was;
}

/** Adds a run of `net` training for `epochs`; keep: beside the others, else instead of them. */
export function addRun(id, net, epochs, keep) {
  if (!keep) clearRuns();
  const r = new Run(id, net, epochs ?? 5);
  runs.set(r.id, r);
  return r;
}

/** A run by id, else the newest. */
export function runOrLast(id) {
  const r = runs.get(id) ?? [...runs.values()].pop();
  if (!r) throw new Error('no network yet');
  return r;
}

/** Starts (or resumes) training every run: its news are events. */
export function train({ epochs, sideBySide: together } = {}) {
  if (together !== undefined) sideBySide = !!together;
  if (training) return;
  for (const r of runs.values()) {
    if (epochs) r.epochs = epochs;
    if (!r.diverged) r.finished = r.net.info().epoch >= r.epochs;
    ensureData(r);
  }
  trainLoop();
}

/** Pauses: `answer()` is called once the loop has stopped (at once if it is not running). */
export function pause(answer) {
  if (!training) {
    post({ type: EVT.paused });
    answer();
    return;
  }
  pauseRequested = true;
  pauseWaiters.push(answer);
}

/** One batch of every run (when not training). */
export function step() {
  if (training) return;
  for (const r of runs.values()) if (!r.diverged) trainChunk(r, 1);
  endEpochs();
}

/** A failed train or step request leaves the loop stopped. */
export function stopTraining() {
  training = false;
}

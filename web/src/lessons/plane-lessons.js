// The 2-D view's lessons (11-13): each run is the lesson's setup with its own
// settings over it, trained its epochs in the view (so the class watches it),
// then measured: the test loss, the dead neurons, and how much of the plane
// the logit covers with flat pieces. store.planeLesson = {lesson, status,
// records}: the lesson card reads it as it reads a comparison.
import { GRID, linearShare } from '../runs/plane.js';
import { PLANE_SCHEMA } from '../state/plane-schema.js';
import { parseState } from '../state/schema.js';
import { lessonRuns } from './exercises.js';

/** A finished run's figures, from the view's last picture. */
function measure(p, epochs) {
  const size = GRID * GRID;
  const logits = p.grid.subarray((p.neurons + 1) * size, (p.neurons + 2) * size);
  const dead = p.dead ? Array.from(p.dead).reduce((a, d) => a + d, 0) : 0;
  return {
    done: true, diverged: p.phase === 'diverged', epoch: epochs,
    testLoss: p.test, trainLoss: p.train, deadFraction: p.neurons ? dead / p.neurons : 0, linearShare: linearShare(logits, GRID),
  };
}

/** The lesson runner of the 2-D view (the lesson card's `lessons`). */
export function createPlaneLessons(store, plane) {
  let token = 0;
  const publish = (lesson, status, records) => store.set({ planeLesson: { lesson, status, records: { ...records } } });

  return {
    /** What the lesson card reads: {lesson, status: running | done | stopped, records}. */
    state: (s) => s.planeLesson,
    source: (s) => s.planeLesson,
    /** The schema a lesson's link is read with, and the view its lessons run on. */
    schema: PLANE_SCHEMA,
    view: 'plane',
    /** Runs a lesson's runs one after another in the view. */
    async start(ex) {
      const mine = ++token;
      const records = {};
      publish(ex.n, 'running', records);
      for (const id of lessonRuns(ex)) {
        const s = store.get();
        const settings = parseState(`${ex.hash}&${ex.runs[id]}`, s.table, PLANE_SCHEMA).state;
        for (const k of ['lang', 'embed', 'widget', 'exercise', 'autorun']) settings[k] = s.settings[k];
        store.set({ ownPoints: null, settings });
        await plane.reset();
        records[id] = { done: false, epoch: 0 };
        publish(ex.n, 'running', records);
        const progress = (epoch) => {
          records[id] = { done: false, epoch };
          publish(ex.n, 'running', records);
        };
        const epochs = await plane.train(ex.epochs, { chunk: 10, stopped: () => token !== mine, progress });
        if (token !== mine) return;
        records[id] = measure({ ...store.get().plane }, epochs);
        publish(ex.n, 'running', records);
      }
      publish(ex.n, 'done', records);
    },
    stop() {
      token++;
      const l = store.get().planeLesson;
      if (l?.status === 'running') publish(l.lesson, 'stopped', l.records);
      plane.pause();
    },
  };
}

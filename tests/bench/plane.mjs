#!/usr/bin/env node
// Benchmark (not a test) of the 2-D view. Wall-clock figures live here, never in tests.
//   1. One grid evaluation (10,000 points, every neuron kept) through 6 hidden
//      layers of 8, in the WASM SIMD engine under node: medians, ReLU against tanh.
//   2. The page (built site, headless Chromium) playing the spiral with a
//      2-4-4-1 tanh network, batch 10: frames per second (each frame trains one
//      epoch, 25 steps, and repaints the 100×100 boundary, every thumbnail and the links).
//   node tests/bench/plane.mjs [--busy] [--seconds 8]
import { spawn } from 'node:child_process';

import { loadEngine } from '../../web/src/engine/engine.js';
import { featureRows, gridPoints } from '../../web/src/runs/points.js';
import { launch, serve } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const busy = args.includes('--busy');
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 8;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function gridEvaluation() {
  const engine = await loadEngine({ simd: true });
  const grid = gridPoints(100);
  const nets = Object.fromEntries(['relu', 'tanh'].map((act) => {
    const net = engine.createPlane({ inputs: 2, hidden: Array.from({ length: 6 }, () => ({ units: 8, activation: act })) });
    net.setGrid(featureRows(grid, ['x1', 'x2']), grid.length);
    return [act, net];
  }));
  const times = { relu: [], tanh: [] };
  const out = new Float32Array((48 + 2) * grid.length);
  for (let round = 0; round < 21; round++) {
    for (const act of round % 2 ? ['tanh', 'relu'] : ['relu', 'tanh']) {
      const t0 = performance.now();
      nets[act].evaluateGrid(out);
      times[act].push(performance.now() - t0);
    }
  }
  const relu = median(times.relu), tanh = median(times.tanh);
  console.log(`grid of 10,000 points through 6×8 (WASM SIMD): ReLU ${relu.toFixed(2)} ms, tanh ${tanh.toFixed(2)} ms (tanh/ReLU ${(tanh / relu).toFixed(1)}×)`);
  for (const n of Object.values(nets)) n.dispose();
}

async function page() {
  const server = await serve();
  const browser = await launch();
  try {
    const p = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await p.goto(`${server.url}plane.html#dataset=spiral&neurons=4,4&acts=tanh&batch=10`);
    await p.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    await p.getByRole('button', { name: 'Play' }).click();
    await p.waitForTimeout(1000); // warm up
    const start = await p.evaluate(() => {
      window.__frames = 0;
      const count = () => ((window.__frames += 1), requestAnimationFrame(count));
      requestAnimationFrame(count);
      return { epoch: Number(document.querySelector('[data-testid=epoch]').textContent), t: performance.now() };
    });
    await p.waitForTimeout(seconds * 1000);
    const end = await p.evaluate(() => ({ epoch: Number(document.querySelector('[data-testid=epoch]').textContent), t: performance.now(), frames: window.__frames }));
    const s = (end.t - start.t) / 1000;
    const trained = (end.epoch - start.epoch) / s;
    console.log(`page, spiral, 2-4-4-1 tanh, batch 10 (250 training points: 25 steps a frame)${busy ? ', one core kept busy' : ''}:`);
    console.log(`  ${trained.toFixed(1)} trained frames/s (${(25 * trained).toFixed(0)} steps/s), ${(end.frames / s).toFixed(1)} animation frames/s`);
  } finally {
    await browser.close();
    server.stop();
  }
}

const spinner = busy ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : null;
try {
  await gridEvaluation();
  await page();
} finally {
  spinner?.kill();
}

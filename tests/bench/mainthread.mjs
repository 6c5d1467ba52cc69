#!/usr/bin/env node
// Benchmark (not a test): how long the page's main-thread tasks get while it
// loads, trains one network and runs a comparison, in headless Chromium against
// the built site (build-scripts/build-web.sh). Prints the longest task and the
// number over 50 ms per phase. Wall-clock figures live here, never in tests.
//   node tests/bench/mainthread.mjs            # as is
//   node tests/bench/mainthread.mjs --busy     # with another process keeping one core busy
//   node tests/bench/mainthread.mjs --cpu 4    # with Chromium's 4x CPU slowdown
import { spawn } from 'node:child_process';

import { launch, serve } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const busy = args.includes('--busy');
const cpu = Number(args[args.indexOf('--cpu') + 1]) || 1;

const spinner = busy ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : null;
const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  // Every long task from the first script on, tagged with the phase it fell in.
  await page.addInitScript(() => {
    window.__phase = 'load';
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ phase: window.__phase, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  if (cpu > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  const phase = (name) => page.evaluate((n) => (window.__phase = n), name);
  await page.goto(`${server.url}#activation=elu&epochs=2&batch=32`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  await page.waitForTimeout(1000);

  await phase('train ELU, 2 epochs of batch 32');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 300000 });
  await page.waitForTimeout(500);

  await phase('compare 7 activations, 1 epoch');
  await page.evaluate(() => (location.hash = '#epochs=1'));
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForFunction(() => document.body.dataset.compare === 'done', null, { timeout: 600000 });
  await page.waitForTimeout(500);

  const tasks = await page.evaluate(() => window.__tasks);
  const phases = ['load', 'train ELU, 2 epochs of batch 32', 'compare 7 activations, 1 epoch'];
  console.log(`# Main-thread tasks (headless Chromium${busy ? ', one core kept busy' : ''}${cpu > 1 ? `, ${cpu}x CPU slowdown` : ''})\n`);
  console.log('| phase | long tasks (> 50 ms) | longest task |');
  console.log('|---|---|---|');
  for (const p of phases) {
    const mine = tasks.filter((t) => t.phase === p).map((t) => t.ms);
    const longest = mine.length ? Math.max(...mine) : 0;
    console.log(`| ${p} | ${mine.filter((m) => m > 50).length} | ${longest ? `${longest.toFixed(0)} ms` : 'none over 50 ms'} |`);
  }
} finally {
  await browser.close();
  server.stop();
  spinner?.kill();
}

#!/usr/bin/env node
// Benchmark (not a test): the page's first view as a blog reader meets it.
// Headless Chromium with a fresh profile per run, against the static server of
// build-scripts/run.sh (build-scripts/serve.py: compressed responses) serving
// build/site (build-scripts/build-web.sh). A "7" is drawn as soon as the pad is
// on screen; the clock stops when its prediction is shown. Prints, per network:
// bytes on the wire before the first prediction and in the first 15 s, time to
// the first prediction, and the longest main-thread task before it and until
// every panel is up (the page's "ready" mark), the worst of the runs.
//   node tests/bench/load.mjs [--runs N]
import { spawn } from 'node:child_process';
import path from 'node:path';

import { DIGIT_STROKES, drawStrokes, launch, site } from '../e2e/harness.mjs';
import { root } from '../js/helpers.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The browser reports only tasks over 50 ms (Long Tasks API): 0 means none was.
const taskCell = (ms) => (ms > 0 ? `${Math.round(ms)} ms` : 'none over 50 ms');

const CONDITIONS = [
  { name: '(a) loopback', network: null, cpu: 1 },
  { name: '(b) 1.6 Mbit/s down, 150 ms RTT', network: { latency: 150, downloadThroughput: 200000, uploadThroughput: 96000 }, cpu: 1 },
  { name: '(c) (b) and 4× CPU slowdown', network: { latency: 150, downloadThroughput: 200000, uploadThroughput: 96000 }, cpu: 4 },
];

function startServer() {
  const proc = spawn('python3', ['-u', path.join(root, 'build-scripts/serve.py'), '0', site], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/port (\d+)/);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}/`, stop: () => proc.kill() });
    });
    proc.on('exit', (c) => reject(new Error(`server exited (${c})`)));
  });
}

async function once(browser, url, condition) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: false }); // a fresh profile
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (condition.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...condition.network });
  if (condition.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  // Every response (the page's, its workers', its service worker's), as [ms since start at its end, bytes on the wire].
  const received = [];
  const requested = [];
  let t0 = 0;
  const onFinished = async (r) => {
    const sizes = await r.sizes().catch(() => null);
    const t = r.timing();
    if (sizes) received.push([t.startTime + t.responseEnd - t0, sizes.responseBodySize + sizes.responseHeadersSize]);
  };
  page.on('request', (r) => requested.push(r));
  context.on('requestfinished', onFinished);
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('#pad[data-ready]', { state: 'visible', timeout: 120000 });
  await drawStrokes(page, DIGIT_STROKES[7]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '', null, { timeout: 120000, polling: 20 });
  const predictedAt = (await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-prediction')[0].startTime)) - t0;
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  // The longest task that started before the first prediction, and before every panel was up.
  const [longest, longestLoading] = await page.evaluate(() => {
    const before = (mark) => Math.max(0, ...window.__tasks.filter(([start]) => start < performance.getEntriesByName(mark)[0].startTime).map(([, d]) => d));
    return [before('first-prediction'), before('ready')];
  });
  const digit = await page.getByTestId('prediction').textContent();
  await page.waitForTimeout(Math.max(0, 15000 - (Date.now() - t0)));
  const bytesBefore = received.filter(([t]) => t <= predictedAt).reduce((a, [, b]) => a + b, 0);
  const bytes15 = received.filter(([t]) => t <= 15000).reduce((a, [, b]) => a + b, 0);
  const early = requested.filter((r) => r.timing().startTime - t0 <= predictedAt).map((r) => r.url());
  await context.close();
  return {
    predictedAt, longest, longestLoading, digit, bytesBefore, bytes15,
    scalarBefore: early.some((u) => /engine-scalar/.test(u)),
    dataBefore: early.some((u) => /\/data\//.test(u)),
  };
}

const server = await startServer();
const browser = await launch();
try {
  console.log(`# First view (headless Chromium, fresh profile each run, median of ${runs})\n`);
  console.log(`| network | KB before the first prediction | KB in the first 15 s | first prediction | longest main-thread task before it (worst of ${runs}) | longest task until every panel is up (worst of ${runs}) |`);
  console.log('|---|---|---|---|---|---|');
  for (const c of CONDITIONS) {
    const r = [];
    for (let i = 0; i < runs; i++) r.push(await once(browser, server.url, c));
    if (r.some((x) => x.scalarBefore || x.dataBefore)) console.log(`  (warning: ${c.name} fetched the scalar engine or training data before the first prediction)`);
    const kb = (k) => Math.round(median(r.map((x) => x[k])) / 1000);
    console.log(`| ${c.name} | ${kb('bytesBefore')} | ${kb('bytes15')} | ${(median(r.map((x) => x.predictedAt)) / 1000).toFixed(2)} s | ${taskCell(Math.max(...r.map((x) => x.longest)))} | ${taskCell(Math.max(...r.map((x) => x.longestLoading)))} |`);
  }
} finally {
  await browser.close();
  server.stop();
}

// Headless Chromium (Debian's) driven by playwright-core, against build/site
// served by a plain static server on loopback. Fails tests on console errors,
// page errors, a wrong .wasm MIME type and any request to a non-local host.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { root } from '../js/helpers.mjs';

export const site = path.join(root, 'build/site');
export const shots = path.join(root, 'build/screenshots');

/** Starts the project's static server (build-scripts/serve.py, as run.sh) on a free port; resolves to {url, stop}. */
export async function serve(dir = site) {
  if (dir === site && !fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} is not built: run build-scripts/build-web.sh`);
  const proc = spawn('python3', ['-u', path.join(root, 'build-scripts/serve.py'), '0', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('static server did not start')), 10000);
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.stderr.on('data', () => {}); // access log; keep the pipe drained
    proc.on('exit', (c) => reject(new Error(`static server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** A page with problem tracking: page.problems lists console errors, failures and foreign requests. */
export async function openPage(browser, url, { viewport = { width: 1280, height: 1000 }, locale = 'en-US', ...ctxOptions } = {}) {
  const context = await browser.newContext({ viewport, locale, ...ctxOptions });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /wasm.*(mime|MIME)|Incorrect response MIME/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) page.problems.push(`foreign request: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm') && r.headers()['content-type'] !== 'application/wasm') page.problems.push(`wrong MIME for ${r.url()}: ${r.headers()['content-type']}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return page;
}

/** Draws polylines (in 0..1 pad coordinates) with the mouse. */
export async function drawStrokes(page, strokes) {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded(); // a button further down may have scrolled it away
  const box = await pad.boundingBox();
  for (const stroke of strokes) {
    const [x0, y0] = stroke[0];
    await page.mouse.move(box.x + x0 * box.width, box.y + y0 * box.height);
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 4 });
    await page.mouse.up();
  }
}

/** A "1": one vertical stroke. A "7": a bar and a diagonal. */
export const DIGIT_STROKES = {
  1: [[[0.52, 0.15], [0.5, 0.5], [0.48, 0.85]]],
  7: [[[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]],
  0: [[[0.5, 0.15], [0.3, 0.3], [0.27, 0.6], [0.4, 0.83], [0.6, 0.83], [0.72, 0.6], [0.7, 0.3], [0.5, 0.15]]],
};

export function screenshotPath(name) {
  fs.mkdirSync(shots, { recursive: true });
  return path.join(shots, name);
}

/** Registers before/after hooks for a test file: one static server and one browser, shared. */
export function useSiteAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

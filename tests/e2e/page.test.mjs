// The playground page end to end in headless Chromium (issue: the page).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import { DIGIT_STROKES, drawStrokes, openPage, screenshotPath, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

const text = (page, id) => page.getByTestId(id).textContent();

test('first load: the default model predicts a drawn digit; clear and undo', async () => {
  const page = await openPage(env.browser, env.server.url);
  assert.match(await text(page, 'status'), /Default model loaded: 784-512\(relu\)-10/);
  assert.equal(await text(page, 'prediction'), '');
  await drawStrokes(page, DIGIT_STROKES[1]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  assert.equal(await text(page, 'prediction'), '1');
  const probs = await page.$$eval('[data-testid=probabilities] li', (lis) => lis.map((li) => Number(li.dataset.probability)));
  assert.equal(probs.length, 10);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 0.01);
  assert.ok(probs[1] > 0.5, `p(1) = ${probs[1]}`);
  // Draw a 7 over a cleared pad.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '');
  await drawStrokes(page, DIGIT_STROKES[7]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '7');
  // Undo removes the last stroke: the pad is empty again, so no prediction.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('switch to ELU, train one epoch, pause and resume, curves grow', async () => {
  const page = await openPage(env.browser, env.server.url);
  const select = page.getByLabel('Activation', { exact: true });
  const names = await select.locator('option').allTextContents();
  for (const n of ['Sigmoid', 'Tanh', 'ReLU', 'Leaky ReLU', 'PReLU', 'ELU', 'Maxout']) assert.ok(names.includes(n), n);
  await select.selectOption({ label: 'ELU' });
  await page.waitForFunction(() => document.querySelector('#chart-curve').dataset.activation === 'elu');
  assert.match(await page.locator('#formula').textContent(), /α|alpha/);
  assert.equal(await page.getByLabel('Alpha').inputValue(), '1');
  assert.match(await text(page, 'activation-note'), /exp/);
  await page.getByLabel('Epochs').fill('2');
  await page.getByLabel('Epochs').dispatchEvent('change');
  // One epoch of the 8,000 embedded digits is 63 batches of 128; with batch 32 (250
  // steps) ELU passes 90% in its first epoch (with 128 it is at 88% after one, 91.5% after five).
  await page.getByLabel('Batch size').fill('32');
  await page.getByLabel('Batch size').dispatchEvent('change');

  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=step]').textContent) > 5, null, { timeout: 30000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'paused');
  const pausedAt = Number(await text(page, 'step'));
  await page.waitForTimeout(400);
  assert.equal(Number(await text(page, 'step')), pausedAt, 'no steps while paused');
  await page.getByRole('button', { name: 'Train' }).click(); // resume the same run
  await page.waitForFunction(() => document.querySelector('[data-testid=val-accuracy]').textContent.endsWith('%'), null, { timeout: 60000 });
  assert.equal(await text(page, 'epoch'), '1');
  const valAcc = parseFloat(await text(page, 'val-accuracy'));
  assert.ok(valAcc >= 90, `validation accuracy ${valAcc}%`);
  assert.ok(Number(await text(page, 'step')) >= 250);
  assert.ok(Number.isFinite(parseFloat(await text(page, 'train-loss'))));
  const points = await page.evaluate(() => window.playgroundTest.currentRun().lossPoints);
  assert.ok(points > 10, `${points} loss points`);
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  assert.equal(await text(page, 'epoch'), '2');
  const run = await page.evaluate(() => window.playgroundTest.currentRun());
  assert.equal(run.epochs, 2);
  assert.match(run.label, /^ELU/);
  await page.screenshot({ path: screenshotPath('page-trained-elu.png'), fullPage: true });

  // A second run with another activation keeps the first on the charts.
  await select.selectOption({ label: 'Sigmoid' });
  await page.getByLabel('Epochs').fill('1');
  await page.getByLabel('Epochs').dispatchEvent('change');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  const series = await page.evaluate(() => window.playgroundTest.chartSeries());
  assert.equal(series.accuracy, 4, 'val + train for each of two runs');
  assert.equal(series.loss, 3, 'raw + smoothed for the current run, smoothed for the previous');
  const legend = await page.locator('#chart-accuracy .chart-legend').textContent();
  assert.match(legend, /ELU/);
  assert.match(legend, /Sigmoid/);
  // Per-epoch charts label whole epochs only (no 1.05, 1.1, ...).
  const ticks = await page.evaluate(() => window.playgroundTest.xTicks());
  assert.ok(ticks.accuracy.length >= 2, `ticks ${ticks.accuracy}`);
  for (const v of [...ticks.accuracy, ...ticks.epochLoss]) assert.match(v, /^\d+$/);
  await page.screenshot({ path: screenshotPath('page-two-runs.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a corrupt IDX file gives a clear error and the page stays usable', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idx-'));
  const good = path.join(process.cwd(), 'build/data/mnist');
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  for (const n of names) fs.copyFileSync(path.join(good, n), path.join(dir, n));
  // Truncate the test images: the header promises more than the file holds.
  const ti = fs.readFileSync(path.join(dir, names[2]));
  fs.writeFileSync(path.join(dir, names[2]), ti.subarray(0, 5000));
  // And a gzip that is cut short.
  fs.writeFileSync(path.join(dir, `${names[1]}.gz`), zlib.gzipSync(fs.readFileSync(path.join(dir, names[1]))).subarray(0, 40));

  const page = await openPage(env.browser, env.server.url);
  await page.getByLabel('Dataset').selectOption('files');
  const input = page.getByLabel('IDX files (the four MNIST files, .gz allowed)');
  await input.setInputFiles(names.map((n) => path.join(dir, n)));
  await page.waitForSelector('[data-testid=error]:not([hidden])');
  assert.match(await text(page, 'error'), /Could not load the dataset: .*t10k.*truncated/);
  await input.setInputFiles([path.join(dir, names[0]), path.join(dir, `${names[1]}.gz`), path.join(good, names[2]), path.join(good, names[3])]);
  await page.waitForFunction(() => /gzip/.test(document.querySelector('[data-testid=error]').textContent));
  // A good set of files loads and trains.
  await input.setInputFiles(names.map((n) => path.join(good, n)));
  await page.waitForFunction(() => /8,?000 training and 2,?000 test/.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await page.getByTestId('error').isHidden(), true);
  await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=step]').textContent === '1');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a diverging run stops with a clear message and the page stays usable', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=linear&layers=3&units=64&optimizer=momentum&lr=5`);
  assert.equal(await page.getByLabel('Learning rate').inputValue(), '5');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'diverged', null, { timeout: 30000 });
  const msg = await text(page, 'error');
  assert.match(msg, /diverged at step \d+/);
  assert.match(msg, /lower learning rate \(for example 0\.5\)/);
  // Fix the setting and train again.
  await page.getByLabel('Learning rate').fill('0.001');
  await page.getByLabel('Learning rate').dispatchEvent('change');
  await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=step]').textContent === '1');
  assert.ok(Number.isFinite(parseFloat(await text(page, 'train-loss'))));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('impossible settings are refused with a message', async () => {
  const page = await openPage(env.browser, `${env.server.url}#units=0&activation=swish`);
  assert.match(await text(page, 'error'), /units: 0 is outside/);
  assert.equal(await page.getByLabel('Units per layer').inputValue(), '512');
  await page.getByLabel('Batch size').fill('-3');
  await page.getByLabel('Batch size').dispatchEvent('change');
  assert.match(await text(page, 'error'), /Batch size/);
  assert.equal(await page.getByLabel('Batch size').inputValue(), '128');
  await page.close();
});

test('works on a 360 px phone with touch drawing', async () => {
  const page = await openPage(env.browser, env.server.url, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  const box = await page.getByRole('img', { name: 'Drawing pad' }).boundingBox();
  const cdp = await page.context().newCDPSession(page);
  const pt = (x, y) => [{ x: box.x + x * box.width, y: box.y + y * box.height }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pt(0.52, 0.15) });
  for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pt(0.52 - i * 0.004, 0.15 + i * 0.07) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  assert.equal(await text(page, 'prediction'), '1');
  await page.screenshot({ path: screenshotPath('page-phone.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('keyboard reaches every control, each with a visible label', async () => {
  const page = await openPage(env.browser, env.server.url);
  const unlabelled = await page.$$eval('select, input', (els) => els.filter((e) => !e.labels?.length || !e.labels[0].textContent.trim()).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent));
  }
  for (const id of ['pad', 'clear', 'activation', 'lr', 'train', 'reset']) assert.ok(reached.has(id), `${id} not reached by Tab`);
  await page.close();
});

test('the scalar build runs when SIMD is unavailable, and the page says so', async () => {
  const page = await openPage(env.browser, `${env.server.url}#engine=scalar`);
  assert.equal(await page.evaluate(() => document.body.dataset.simd), '0');
  assert.match(await text(page, 'error'), /no WebAssembly SIMD: the slower scalar build is running/);
  await drawStrokes(page, DIGIT_STROKES[7]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '7');
  const page2 = await openPage(env.browser, env.server.url);
  assert.equal(await page2.evaluate(() => document.body.dataset.simd), '1');
  assert.equal(await page2.getByTestId('error').isHidden(), true);
  await page.close();
  await page2.close();
});

test('works offline once loaded: reload without network, predict and train', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => document.body.dataset.offline === '1', null, { timeout: 30000 });
  // Load the embedded data once (as pressing Train does), so it is cached too.
  await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=step]').textContent === '1', null, { timeout: 30000 });
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  assert.match(await text(page, 'status'), /Default model loaded/);
  await drawStrokes(page, DIGIT_STROKES[1]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '1');
  await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=step]').textContent === '1', null, { timeout: 30000 });
  await page.context().setOffline(false);
  await page.close();
});

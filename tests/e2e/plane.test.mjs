// The 2-D view (plane.html) end to end in headless Chromium: the boundary
// moves while training, every neuron has its thumbnail, per-layer activations
// train, own points and a CSV train, links and hover work, both languages,
// and bad input (a malformed CSV, a hash out of range, a refused formula)
// says so and changes nothing else.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openPage, screenshotPath, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

/** Opens the 2-D view with a hash and waits for its first picture. */
async function openPlane(hash, options) {
  const page = await openPage(env.browser, `${env.server.url}plane.html${hash}`, options);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  await page.waitForFunction(() => window.planeTest.outputGrid() !== null);
  return page;
}

const number = async (page, id) => Number(await page.getByTestId(id).textContent());

/** Plays until the epoch counter reaches `epochs`, then pauses. */
async function playTo(page, epochs, timeout = 120000) {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=epoch]').textContent) >= n, epochs, { timeout });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => document.body.dataset.planePhase === 'paused');
}

test('spiral, tanh 2×8: the boundary moves while training and the test loss goes under 0.1', async () => {
  const page = await openPlane('#dataset=spiral&neurons=8,8&acts=tanh&features=x1,x2,sinx1,sinx2');
  assert.equal(await number(page, 'epoch'), 0);
  const before = await page.evaluate(() => Array.from(window.planeTest.outputGrid().values));
  const { size } = await page.evaluate(() => window.planeTest.outputGrid());
  assert.equal(size, 100);
  assert.equal(before.length, 100 * 100);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 5);
  const early = await page.evaluate(() => Array.from(window.planeTest.outputGrid().values));
  assert.ok(early.some((v, i) => Math.abs(v - before[i]) > 0.01), 'the boundary changed while training');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 150, null, { timeout: 120000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const testLoss = await number(page, 'test-loss');
  assert.ok(testLoss < 0.1, `test loss ${testLoss}`);
  assert.ok((await number(page, 'train-loss')) < 0.1);
  // The pixels of the boundary canvas are the output: blue where it is positive.
  await page.screenshot({ path: screenshotPath('plane-spiral.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('every neuron has a thumbnail; hovering one shows it on the plane; links carry the weights', async () => {
  const page = await openPlane('#dataset=xor&neurons=3,2&acts=relu,tanh');
  const neurons = page.getByTestId('neuron');
  assert.equal(await neurons.count(), 5);
  const units = await neurons.evaluateAll((els) => els.map((e) => `${e.dataset.layer}:${e.dataset.unit}:${e.width}`));
  assert.deepEqual(units, ['0:0:48', '0:1:48', '0:2:48', '1:0:48', '1:1:48']);
  // Each thumbnail is painted (not blank): its pixels vary.
  const painted = await neurons.evaluateAll((els) => els.map((c) => new Set(c.getContext('2d').getImageData(0, 0, 48, 48).data).size > 4));
  assert.deepEqual(painted, [true, true, true, true, true]);
  // 2 features × 3 + 3 × 2 + 2 × 1 links, each with its weight.
  const links = page.locator('[data-testid=link]');
  assert.equal(await links.count(), 14);
  const weights = await links.evaluateAll((ls) => ls.map((l) => Number(l.dataset.weight)));
  assert.ok(weights.every(Number.isFinite) && weights.some((w) => w !== 0));
  assert.match(await links.first().locator('title').textContent(), /^weight -?\d\.\d{3}$/);
  const output = await page.evaluate(() => document.getElementById('plane-boundary').toDataURL());
  await neurons.nth(1).hover();
  await page.waitForFunction(() => document.getElementById('plane-showing').textContent.includes('Showing layer 1, neuron 2'));
  assert.notEqual(await page.evaluate(() => document.getElementById('plane-boundary').toDataURL()), output);
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.getElementById('plane-showing').textContent === '');
  // Focus shows it too (the keyboard's way).
  await neurons.nth(3).focus();
  await page.waitForFunction(() => document.getElementById('plane-showing').textContent.includes('layer 2, neuron 1'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('layers and neurons: add and remove; a per-layer mix of ReLU and tanh trains', async () => {
  const page = await openPlane('#dataset=circle');
  await page.getByRole('button', { name: 'Add a layer' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=neuron]').length === 8);
  assert.match(page.url(), /neurons=4,2,2/);
  await page.getByRole('button', { name: 'Add a neuron (Layer 3)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=neuron][data-layer="2"]').length === 3);
  await page.getByRole('button', { name: 'Remove a layer' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=neuron]').length === 6);
  await page.getByLabel('Activation (Layer 1)').selectOption('relu');
  await page.waitForFunction(() => /acts=relu,tanh/.test(location.hash));
  const before = await number(page, 'test-loss');
  await playTo(page, 60);
  const after = await number(page, 'test-loss');
  assert.ok(after < before / 2 && after < 0.2, `${before} -> ${after}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('dying ReLU, seen: a bias init of -5 leaves ReLU neurons dead, Leaky ReLU ones alive', async () => {
  // The plane's coordinates reach ±6 (as TensorFlow Playground's): -5 puts every ReLU input below 0.
  const page = await openPlane('#dataset=circle&neurons=6&acts=relu&bias=-5');
  const dead = () => page.getByTestId('neuron').evaluateAll((els) => els.map((e) => e.dataset.dead));
  assert.deepEqual(await dead(), Array(6).fill('true'));
  await playTo(page, 20);
  assert.deepEqual(await dead(), Array(6).fill('true'), 'dead units never come back');
  await page.getByLabel('Activation (Layer 1)').selectOption('leaky_relu');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=neuron]')].every((e) => e.dataset.dead === 'false'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('own points: clicks add points of the chosen class and they train; Clear empties the plane', async () => {
  const page = await openPlane('#dataset=circle&ratio=90');
  await page.getByRole('button', { name: 'Clear points' }).click();
  await page.waitForFunction(() => document.getElementById('alert').textContent.includes('no training points'));
  const box = await page.getByTestId('boundary').boundingBox();
  const at = (x, y) => ({ x: box.x + ((x + 6) / 12) * box.width, y: box.y + ((6 - y) / 12) * box.height });
  for (const [x, y] of [[-4, -4], [-3, -4], [-4, -3], [-3.5, -3.5], [-2.5, -3]]) await page.mouse.click(at(x, y).x, at(x, y).y);
  await page.getByLabel('Orange (−1)').check();
  for (const [x, y] of [[4, 4], [3, 4], [4, 3], [3.5, 3.5], [2.5, 3]]) await page.mouse.click(at(x, y).x, at(x, y).y);
  await page.waitForFunction(() => !document.getElementById('alert').textContent);
  await page.waitForFunction(() => window.planeTest.points().train + window.planeTest.points().test === 10);
  // The keyboard's way: focus the plane, move the cursor, Enter places a point.
  await page.getByTestId('boundary').focus();
  for (const k of ['ArrowLeft', 'ArrowLeft', 'ArrowDown', 'Enter']) await page.keyboard.press(k);
  await page.waitForFunction(() => window.planeTest.points().train + window.planeTest.points().test === 11);
  await playTo(page, 30);
  const grid = await page.evaluate(() => window.planeTest.outputGrid());
  const value = (x, y) => grid.values[Math.floor(((6 - y) / 12) * grid.size) * grid.size + Math.floor(((x + 6) / 12) * grid.size)];
  assert.ok(value(-4, -4) > 0.3 && value(4, 4) < -0.3, `${value(-4, -4)} ${value(4, 4)}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a CSV of points trains; a malformed one says which line and changes nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plane-csv-'));
  const good = path.join(dir, 'points.csv');
  const lines = ['x,y,label'];
  for (let i = 0; i < 60; i++) lines.push(`${(i % 10) - 5},${Math.floor(i / 10)},${i % 10 < 5 ? 1 : -1}`);
  fs.writeFileSync(good, `${lines.join('\n')}\n`);
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'x,y,label\n1,2,1\n3,four,1\n');
  const page = await openPlane('#dataset=circle&ratio=80');
  await page.getByTestId('plane-csv').setInputFiles(good);
  await page.waitForFunction(() => !document.querySelector('[name=plane-dataset]:checked'));
  await playTo(page, 40);
  assert.ok((await number(page, 'train-loss')) < 0.15);
  const trained = await page.evaluate(() => Array.from(window.planeTest.outputGrid().values));
  await page.getByTestId('plane-csv').setInputFiles(bad);
  await page.waitForFunction(() => /line 3: 'four' is not a number/.test(document.getElementById('alert').textContent));
  assert.deepEqual(await page.evaluate(() => Array.from(window.planeTest.outputGrid().values)), trained, 'nothing else changed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a hash out of range and a refused formula give one message each; the view stays usable', async () => {
  const page = await openPlane('#dataset=moon&neurons=4,9&noise=80');
  const alert = await page.locator('#alert').textContent();
  assert.match(alert, /dataset: 'moon' is not one of/);
  assert.match(alert, /neurons: 9 is outside \[1, 8\]/);
  assert.match(alert, /noise: 80 is outside \[0, 50\]/);
  assert.equal(await page.getByTestId('neuron').count(), 6, 'the defaults stand in');
  await page.getByLabel('Activation (Layer 1)').selectOption('custom');
  await page.locator('#plane-formula').fill('x * sigmod(x)');
  await page.waitForFunction(() => /did you mean sigmoid/.test(document.getElementById('plane-formula-error').textContent));
  await page.locator('#plane-formula').fill('x * tanh(x)');
  await page.waitForFunction(() => /formula=x/.test(location.hash) && document.getElementById('plane-formula-error').hidden);
  await playTo(page, 10);
  assert.ok(Number.isFinite(await number(page, 'test-loss')));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('both languages, linked from the digits page and back; no sideways scroll at 360 px', async () => {
  const main = await openPage(env.browser, env.server.url);
  await main.getByTestId('plane-link').click();
  await main.waitForSelector('body[data-ready="1"][data-plane-phase]', { timeout: 60000 });
  assert.match(main.url(), /plane\.html/);
  await main.getByTestId('digits-link').click();
  await main.waitForURL(/index\.html/);
  await main.close();
  const page = await openPlane('#lang=ko&dataset=spiral', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '활성화 함수 놀이터: 평면');
  assert.equal(await page.getByRole('button', { name: '재생' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: '다시 만들기' }).count(), 1);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await page.screenshot({ path: screenshotPath('plane-phone-ko.png'), fullPage: true });
  await page.getByRole('button', { name: '다시 만들기' }).click();
  await page.waitForFunction(() => /seed=2/.test(location.hash));
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Lessons 11-13, as a class runs them: open the link, press Run in the card, read the verdict.
for (const n of [11, 12, 13]) {
  test(`lesson ${n} in the 2-D view: its verdict holds from its Run button`, async () => {
    const page = await openPlane(`#exercise=${n}`);
    const card = page.getByTestId('exercise-card');
    await card.getByRole('heading', { name: new RegExp(`^${n}\\. `) }).waitFor();
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
    const verdict = page.getByTestId('lesson-verdict');
    assert.equal(await verdict.getAttribute('data-holds'), 'true', await verdict.textContent());
    assert.match(await verdict.textContent(), /^The observation holds: .*✓/);
    const lines = await page.getByTestId('lesson-observation').locator('li').allTextContents();
    assert.ok(lines.length >= 1 && lines.every((l) => /\d/.test(l)));
    if (n === 11) await page.screenshot({ path: screenshotPath('lesson-11-plane.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('the lessons are listed on both pages, each linking to the page it runs on', async () => {
  const main = await openPage(env.browser, env.server.url);
  await main.getByTestId('exercise-11').waitFor();
  assert.match(await main.getByTestId('exercise-11').getAttribute('href'), /^plane\.html#exercise=11&/);
  assert.match(await main.getByTestId('exercise-1').getAttribute('href'), /^#exercise=1&/);
  await main.close();
  const page = await openPlane('');
  assert.match(await page.getByTestId('exercise-1').getAttribute('href'), /^index\.html#exercise=1&/);
  assert.match(await page.getByTestId('exercise-12').getAttribute('href'), /^#exercise=12&/);
  await page.close();
});

test('regression: the bumps dataset trains a linear output; 1920 px uses the width without sideways scroll', async () => {
  const page = await openPlane('#dataset=multigauss&neurons=8,8&acts=tanh&features=x1,x2,x1sq,x2sq,sinx1,sinx2&lr=0.01', { viewport: { width: 1920, height: 1080 } });
  const before = await number(page, 'test-loss');
  await playTo(page, 60);
  const after = await number(page, 'test-loss');
  assert.ok(after < before / 2, `${before} -> ${after}`);
  // A linear output: values beyond tanh's range are possible, and the logit is the output.
  const out = await page.evaluate(() => Array.from(window.planeTest.outputGrid().values));
  const logit = await page.evaluate(() => Array.from(window.planeTest.logitGrid().values));
  assert.deepEqual(out, logit);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  const [data, output] = await Promise.all(['#panel-plane-data', '#panel-plane-output'].map((s) => page.locator(s).boundingBox()));
  assert.ok(output.x > data.x + 800, 'data, network and output side by side');
  assert.deepEqual(page.problems, []);
  await page.close();
});

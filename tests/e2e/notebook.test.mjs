// The notebook bridge through the page's buttons, in headless Chromium: the
// PyTorch and Keras scripts, the weights as .npz and the data as IDX files
// come out of the share panel (and a comparison row's button); weights
// trained in real PyTorch (left in build/notebook by tests/python) go back in
// through Upload weights and answer a drawing as PyTorch does; a refused .npz
// says why and keeps the network.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadEngine } from '../../web/src/engine/engine.js';
import { DIGIT_STROKES, drawStrokes, openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const probabilities = (page) => page.$$eval('[data-testid=probabilities] li', (lis) => lis.map((li) => li.dataset.probability));

async function saved(page, testid, dir) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('scripts, weights and data out of the share panel; PyTorch weights in; a refused .npz keeps the network', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notebook-'));
  const page = await openPage(env.browser, `${env.server.url}#units=32&activation=elu&epochs=2`);
  await page.waitForFunction(() => /Default model loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });

  const py = fs.readFileSync(await saved(page, 'export-pytorch', dir), 'utf8');
  assert.match(py, /nn\.Linear\(784, 32\), nn\.ELU\(alpha=1\.0\),/);
  assert.match(py, /EPOCHS = 2\n/);
  const keras = fs.readFileSync(await saved(page, 'export-keras', dir), 'utf8');
  assert.match(keras, /layers\.Dense\(32, kernel_initializer="glorot_uniform".*\n\s+layers\.ELU\(alpha=1\.0\)/);
  const npz = fs.readFileSync(await saved(page, 'download-npz', dir));
  assert.deepEqual([...npz.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  assert.ok(npz.includes('0.weight.npy') && npz.includes('playground.npy'));
  const idx = fs.readFileSync(await saved(page, 'download-idx', dir));
  for (const name of ['train-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) assert.ok(idx.includes(`mnist/${name}`), name);
  assert.ok(idx.length > 8000 * 784 + 2000 * 784, 'the whole embedded split');

  // The drawing's probabilities with the page's network, then a refused .npz (a float64 array): the message, and the same probabilities.
  const redraw = async () => {
    await page.locator('#clear').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '');
    await drawStrokes(page, DIGIT_STROKES[0]);
  };
  await redraw();
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  const before = await probabilities(page);
  const bad = Buffer.from(npz);
  const at = bad.indexOf("'<f4'");
  bad.write("'<f8'", at, 'latin1');
  fs.writeFileSync(path.join(dir, 'float64.npz'), bad);
  await page.getByTestId('upload-weights').setInputFiles(path.join(dir, 'float64.npz'));
  await page.waitForSelector('[data-testid=error]:not([hidden])');
  assert.match(await page.getByTestId('error').textContent(), /Could not load the weights: .*(float64|CRC)/);
  await redraw();
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  assert.deepEqual(await probabilities(page), before);

  // Weights trained in PyTorch: their network (no manifest: the page's 32 ELU units) answers as PyTorch does.
  const fixture = path.join(root, 'build/notebook/torch-32-elu.npz');
  assert.ok(fs.existsSync(fixture), 'build/notebook is made by tests/python/test_notebook.py (build-scripts/test.sh runs it first)');
  await page.getByTestId('upload-weights').setInputFiles(fixture);
  await page.waitForFunction(() => /Weights loaded: 784-32\(elu\)-10/.test(document.querySelector('[data-testid=status]').textContent));
  // The page's answer to a drawing is the engine's with PyTorch's weights (whose classes on the
  // 2,000 test digits are PyTorch's own: tests/js/notebook.test.mjs).
  await redraw();
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  const pixels = await page.evaluate(() => window.playgroundTest.drawnPixels());
  const engine = await loadEngine({ simd: true });
  const net = engine.createNetwork({ hidden: [{ units: 32, activation: 'elu' }] });
  net.importNpz(new Uint8Array(fs.readFileSync(fixture)));
  const want = Array.from(net.predict(Float32Array.from(pixels)));
  const shown = (await probabilities(page)).map(Number);
  shown.forEach((p, k) => assert.ok(Math.abs(p - want[k]) < 1e-4, `class ${k}: page ${p}, engine ${want[k]}`));
  net.dispose();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a comparison row exports its own run as a PyTorch script', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notebook-'));
  const page = await openPage(env.browser, `${env.server.url}#compare=relu,gelu&epochs=1&units=16`);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const button = page.locator('#compare-results button[data-export=gelu]');
  await button.waitFor({ timeout: 60000 });
  assert.equal(await button.getAttribute('aria-label'), 'PyTorch script of the GELU run');
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(d.suggestedFilename(), 'activation-playground-gelu.py');
  const file = path.join(dir, 'g.py');
  await d.saveAs(file);
  assert.match(fs.readFileSync(file, 'utf8'), /nn\.Linear\(784, 16\), nn\.GELU\(approximate='none'\),/);
  await page.close();
});

// axe-core (4.14, MPL-2.0) on every view in headless Chromium: WCAG 2.0, 2.1
// and 2.2 A and AA rules plus axe's best practices, at 360 and 1280 px, in
// English and Korean: the page at rest, a lesson's card, every widget, the
// 2-D view and the class view; the page after training and after a
// comparison, with its diagnostics. Zero violations expected. It fails: its
// first run reported the compare table's unfocusable scroll region, a landmark
// named twice, the widgets' h1 outside any landmark, an empty table header and
// confusion-matrix cells below AA contrast, all fixed since. It also runs in
// the dark theme, during training, with every chart's data table open and on a
// lesson running and finished; and it is shown to fail when a label goes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { WIDGETS } from '../../web/src/state/widgets.js';
import { openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const AXE = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations on the page as it is now, one line each. */
async function violations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  }, TAGS);
}

/** The view built: its panels mounted (the page's status says something; other views have none to wait for). */
async function settled(page) {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => !document.querySelector('[data-testid=status]') || document.querySelector('[data-testid=status]').textContent !== '' || document.body.dataset.embed !== undefined, null, { timeout: 20000 }).catch(() => {});
  await page.waitForTimeout(800);
}

const VIEWS = [
  ['page', ''],
  ['lesson 4', '#exercise=4'],
  ['embedded page', '#embed=1'],
  ...Object.keys(WIDGETS).map((w) => [`widget ${w}`, `#embed=1&widget=${w}${w === 'lesson' ? '&lesson=4' : ''}`]),
  ['2-D view', 'plane.html'],
  ['class view', 'class.html'],
];

for (const width of [360, 1280]) {
  for (const lang of ['en', 'ko']) {
    test(`axe: every view at rest, ${width} px, ${lang}`, async () => {
      const found = [];
      for (const [name, url] of VIEWS) {
        const sep = url.includes('#') ? '&' : '#';
        const page = await openPage(env.browser, `${env.server.url}${url}${sep}lang=${lang}`, { viewport: { width, height: 900 } });
        await settled(page);
        for (const v of await violations(page)) found.push(`${name}: ${v}`);
        await page.close();
      }
      assert.deepEqual(found, []);
    });
  }
}

test('axe: every view at rest in the dark theme, 1280 px, en', async () => {
  const found = [];
  for (const [name, url] of VIEWS) {
    const page = await openPage(env.browser, `${env.server.url}${url}`, { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    await settled(page);
    for (const v of await violations(page)) found.push(`${name}: ${v}`);
    await page.close();
  }
  assert.deepEqual(found, []);
});

/** Opens every chart's "Show data" table (so axe reads the tables too). */
async function openDataTables(page) {
  const n = await page.evaluate(() => {
    const all = [...document.querySelectorAll('details.chart-data')];
    for (const d of all) d.open = true;
    return all.length;
  });
  await page.waitForFunction((k) => document.querySelectorAll('details.chart-data[open] table').length >= k, n);
  return n;
}

test('axe: the page during and after training and after a comparison, data tables open (1280 px en, 360 px ko, 1280 px dark)', async () => {
  const found = [];
  for (const [width, lang, colorScheme] of [[1280, 'en', 'light'], [360, 'ko', 'light'], [1280, 'en', 'dark']]) {
    const page = await openPage(env.browser, `${env.server.url}#units=16&epochs=3&compare=relu,elu&lang=${lang}`, { viewport: { width, height: 900 }, colorScheme });
    await page.locator('#train').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=step]').textContent) > 0, null, { timeout: 60000 });
    for (const v of await violations(page)) found.push(`${width} ${lang} ${colorScheme} training: ${v}`);
    await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 120000 });
    assert.ok((await openDataTables(page)) >= 4, 'the curve and the training charts have data tables');
    for (const v of await violations(page)) found.push(`${width} ${lang} ${colorScheme} trained: ${v}`);
    await page.locator('#compare-run').click();
    await page.waitForFunction(() => document.querySelectorAll('#compare-results tr[data-done="1"]').length === 2, null, { timeout: 180000 });
    await openDataTables(page);
    for (const v of await violations(page)) found.push(`${width} ${lang} ${colorScheme} compared: ${v}`);
    await page.close();
  }
  assert.deepEqual(found, []);
});

test('axe: a lesson running and finished, its verdict shown (1280 px en, 360 px ko)', async () => {
  const found = [];
  for (const [width, lang] of [[1280, 'en'], [360, 'ko']]) {
    const page = await openPage(env.browser, `${env.server.url}#exercise=1&lang=${lang}`, { viewport: { width, height: 900 } });
    await page.getByTestId('lesson-run').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=lesson-progress]').hidden);
    for (const v of await violations(page)) found.push(`${width} ${lang} running: ${v}`);
    await page.getByTestId('lesson-verdict').waitFor({ state: 'visible', timeout: 180000 });
    await openDataTables(page);
    for (const v of await violations(page)) found.push(`${width} ${lang} finished: ${v}`);
    await page.close();
  }
  assert.deepEqual(found, []);
});

test('axe fails when a control loses its label (its first-run findings are gone, not unseen)', async () => {
  const page = await openPage(env.browser, env.server.url);
  await settled(page);
  assert.deepEqual(await violations(page), []);
  // The learning-rate field without its <label>, and the pad without its name.
  await page.evaluate(() => {
    document.querySelector('label[for=lr]').remove();
    document.querySelector('#pad').removeAttribute('aria-label');
  });
  const found = await violations(page);
  assert.ok(found.some((v) => /^label: .*#lr/.test(v)), found.join('\n'));
  assert.ok(found.some((v) => /^(role-img-alt|svg-img-alt|aria-.*name).*#pad/.test(v)), found.join('\n'));
  await page.close();
});

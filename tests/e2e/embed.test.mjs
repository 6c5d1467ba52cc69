// Widgets in a blog post on another origin: the example post (web/examples)
// served from a second server frames four widgets of the site; embed.js sizes
// each frame to the height its widget reports (within 4 px, no scrollbar inside
// the post), after load, after a lesson run and after a language switch; at
// 360 and 800 px. A widget loads only what it shows.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { launch, serve, site, screenshotPath } from './harness.mjs';

const env = { site: null, blog: null, browser: null };
test.before(async () => {
  env.site = await serve();
  env.blog = await serve(path.join(site, 'examples')); // another port: another origin
  env.browser = await launch();
});
test.after(async () => {
  await env.browser?.close();
  env.site?.stop();
  env.blog?.stop();
});

/** The post, with its frames pointing at the site's origin. */
async function openPost(width) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${env.blog.url}post.html?site=${encodeURIComponent(env.site.url)}`);
  return { page, context, problems };
}

/** The widget frames, in order, once each has loaded its page. */
async function widgetFrames(page) {
  const frames = page.locator('iframe[data-activation-playground]');
  const n = await frames.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    await frames.nth(i).scrollIntoViewIfNeeded(); // they load lazily
    const frame = await (await frames.nth(i).elementHandle()).contentFrame();
    await frame.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    out.push({ element: frames.nth(i), frame });
  }
  return out;
}

/** Waits until the frame's height is its content's (within 4 px) and nothing scrolls inside it. */
async function sized({ element, frame }, what) {
  await element.scrollIntoViewIfNeeded(); // Chromium does not lay out a cross-origin frame off screen: a reader sees it sized as it scrolls by
  let last = '';
  for (let k = 0; k < 100; k++) {
    const outer = (await element.boundingBox()).height;
    const inner = await frame.evaluate(() => ({ content: document.documentElement.getBoundingClientRect().height, scroll: document.documentElement.scrollHeight, view: innerHeight }));
    last = `${what}: frame ${outer}, content ${inner.content}, scroll ${inner.scroll}, view ${inner.view}`;
    if (Math.abs(outer - inner.content) <= 4 && inner.scroll <= inner.view + 1) return;
    await frame.page().waitForTimeout(100);
  }
  assert.fail(last);
}

for (const width of [800, 360]) {
  test(`the example post at ${width} px: four widgets sized to their content through a lesson run and a language switch`, async () => {
    const { page, context, problems } = await openPost(width);
    assert.notEqual(new URL(env.blog.url).origin, new URL(env.site.url).origin);
    const frames = await widgetFrames(page);
    assert.equal(frames.length, 4);
    assert.deepEqual(await Promise.all(frames.map((f) => f.frame.evaluate(() => document.body.dataset.widget))), ['curve', 'predict', 'lesson', 'compare']);
    for (const [i, f] of frames.entries()) await sized(f, `widget ${i} after load`);
    // The curve widget shows the curve alone: no other panel, in Korean.
    assert.equal(await frames[0].frame.evaluate(() => [...document.querySelectorAll('main > section')].filter((s) => !s.hidden).map((s) => s.id).join()), 'panel-activation');
    assert.equal(await frames[0].frame.evaluate(() => document.documentElement.lang), 'ko');
    // A lesson run grows its card (progress, observation, figures, verdict).
    const lesson = frames[2];
    await lesson.frame.getByTestId('lesson-run').click();
    await lesson.frame.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
    assert.equal(await lesson.frame.getByTestId('lesson-verdict').getAttribute('data-holds'), 'true');
    assert.equal(await lesson.frame.locator('[data-testid=lesson-table] tbody tr').count(), 4);
    await sized(lesson, 'the lesson after its run');
    // A language switch (the host changes the frame's hash) re-sizes it too.
    for (const f of frames) {
      await f.frame.evaluate(() => (location.hash = location.hash.replace('lang=ko', 'lang=en')));
      await f.frame.waitForFunction(() => document.documentElement.lang === 'en');
    }
    for (const [i, f] of frames.entries()) await sized(f, `widget ${i} in English`);
    await page.screenshot({ path: screenshotPath(`post-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a widget loads only what it shows, within the page\'s first-view budget: the curve no model and no data, the predict pad no data', async () => {
  const kb = {};
  let modelKB = 0;
  for (const [widget, wantModel] of [['curve', false], ['predict', true]]) {
    // A fresh context per widget: a reader's first visit, nothing in the HTTP cache.
    const context = await env.browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    const requests = [];
    let bytes = 0;
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    context.on('requestfinished', async (r) => {
      const sizes = await r.sizes().catch(() => null);
      if (!sizes) return;
      bytes += sizes.responseBodySize + sizes.responseHeadersSize; // on the wire
      if (r.url().endsWith('default.apw')) modelKB = sizes.responseBodySize / 1024;
    });
    await page.goto(`${env.site.url}#embed=1&widget=${widget}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    await page.waitForTimeout(3500); // past the moment the page would start its background downloads
    kb[widget] = bytes / 1024;
    assert.equal(requests.some((p) => p.endsWith('default.apw')), wantModel, `${widget}: ${requests.join(' ')}`);
    assert.ok(!requests.some((p) => p.includes('/data/')), `${widget} downloads no training data`);
    assert.ok(!requests.some((p) => p.endsWith('sw.js')), `${widget} registers no service worker`);
    await context.close();
  }
  const sizes = `curve ${kb.curve.toFixed(0)} KB, predict pad ${kb.predict.toFixed(0)} KB, its model ${modelKB.toFixed(0)} KB`;
  assert.ok(kb.predict <= 600, `the predict widget's first view: ${sizes}`);
  assert.ok(modelKB > 100, `the model is counted: ${sizes}`);
  // The pad's extra over the curve is its model (the curve's own chart and formula are small beside it).
  assert.ok(kb.curve < kb.predict - modelKB * 0.8, `the curve widget loads less than the pad by about the model: ${sizes}`);
});

test('Copy embed code writes the chosen widget with the page\'s settings', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.site.url}#activation=elu&lang=ko`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  await page.getByTestId('embed-widget').selectOption('curve');
  const code = await page.getByTestId('embed-code').inputValue();
  assert.equal(code, `<iframe src="${env.site.url}#activation=elu&lang=ko&embed=1&widget=curve" title="Activation Playground: curve" loading="lazy" data-activation-playground style="width:100%;max-width:800px;border:0;height:520px"></iframe>\n<script src="${env.site.url}embed.js" async></script>`);
  await context.close();
});

for (const width of [360, 800]) test(`the train and 2-D widgets, embedded from another origin, in both languages, at ${width} px`, async () => {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.blog.url}widgets.html?site=${encodeURIComponent(env.site.url)}`);
  const frames = await widgetFrames(page);
  assert.deepEqual(await Promise.all(frames.map((f) => f.frame.evaluate(() => document.body.dataset.widget ?? location.pathname))), ['train', '/plane.html']);
  for (const [i, f] of frames.entries()) await sized(f, `widget ${i}`);
  // The train widget trains one epoch, and its curves grow the frame.
  await frames[0].frame.getByRole('button', { name: 'Train' }).click();
  await frames[0].frame.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 120000 });
  await sized(frames[0], 'train after an epoch');
  for (const f of frames) {
    await f.frame.evaluate(() => (location.hash += '&lang=ko'));
    await f.frame.waitForFunction(() => document.documentElement.lang === 'ko');
    await sized(f, `${await f.frame.evaluate(() => location.pathname)} in Korean`);
    assert.ok(await f.frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), 'no sideways scroll');
  }
  await context.close();
});

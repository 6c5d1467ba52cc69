// Drawing without a pointer (WCAG 2.5.7) and a real test digit, in headless
// Chromium: the pad takes the keyboard (arrows move a visible cursor, Space
// puts the pen down and lifts it, Delete clears) and a digit drawn so gets a
// prediction; "Try a test digit" puts a digit of the test split on the pad and
// shows its label once the network has answered.
import test from 'node:test';
import assert from 'node:assert/strict';

import { openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

test('a "1" drawn with the keyboard alone gets a prediction; Delete clears it', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => /Default model loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  const pad = page.getByRole('img', { name: /Drawing pad: arrow keys move the cursor/ });
  await pad.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('.pad-cursor').isVisible(), true, 'a visible cursor');
  await page.keyboard.press('Space');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.pad-cursor.down').count(), 0, 'the pen is up again');
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  assert.equal(await page.getByTestId('prediction').textContent(), '1');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('"Try a test digit" shows a real digit and, after the prediction, its label', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => /Default model loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  const right = [];
  for (let k = 0; k < 5; k++) {
    // Start each round from an empty pad, so the label read below is the new digit's
    // (the previous one stays visible until the new digit replaces it).
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=test-digit-label]').hidden);
    await page.getByRole('button', { name: 'Try a test digit' }).click();
    // Label and prediction are read together, in the same frame the label appears.
    const shown = await page.waitForFunction(() => {
      const label = document.querySelector('[data-testid=test-digit-label]');
      if (label.hidden || !label.textContent) return null;
      return { text: label.textContent, prediction: document.querySelector('[data-testid=prediction]').textContent };
    }, null, { timeout: 60000 });
    const { text, prediction } = await shown.jsonValue();
    const m = text.match(/^Test digit (\d+) of the data; its label is (\d)\.$/);
    assert.ok(m, text);
    const pixels = await page.evaluate(() => window.playgroundTest.drawnPixels());
    assert.equal(pixels.length, 784);
    assert.ok(pixels.filter((v) => v > 0.5).length >= 15, 'a digit, not an empty pad (a thin 1 has some 30 strong pixels)');
    right.push(prediction === m[2]);
  }
  assert.ok(right.filter(Boolean).length >= 3, `the default model (94.7 %) gets most right: ${right}`);
  // Drawing over it is a drawing again: the label goes.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=test-digit-label]').hidden);
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** Presses Tab until the focused element satisfies `is` (a function of the element, run in the page); at most `max` presses. */
async function tabTo(page, is, what, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(`(() => { const el = document.activeElement; return { hit: Boolean((${is})(el)), visible: el.matches(':focus-visible') }; })()`);
    if (state.hit) {
      assert.ok(state.visible, `${what}: focus is visible`);
      return i + 1;
    }
  }
  throw new Error(`${what}: not reached in ${max} Tab presses`);
}

const announced = (page) => page.getByTestId('announcer').textContent();

test('keyboard only, from page load: draw a digit, a prediction, a test digit, lesson 4 run, its verdict read from the live region', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => /Default model loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
  // Only Tab, arrows, Space and Enter from here on: no mouse, no script that clicks.
  await tabTo(page, (el) => el.id === 'pad', 'the drawing pad');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Prediction: 1, /.test(document.querySelector('[data-testid=announcer]').textContent), null, { timeout: 20000 });

  await tabTo(page, (el) => el.dataset.testid === 'test-digit', '"Try a test digit"');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /The test digit is labelled \d\./.test(document.querySelector('[data-testid=announcer]').textContent), null, { timeout: 20000 });
  const label = await page.getByTestId('test-digit-label').textContent();
  assert.match(await announced(page), new RegExp(`labelled ${label.match(/label is (\d)/)[1]}\\.`), 'the spoken label is the shown one');

  await tabTo(page, (el) => el.closest('#exercise-list') && /exercise=4(&|$)/.test(el.getAttribute('href')), 'lesson 4 in the list');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'lesson-title' && /^4\./.test(document.activeElement.textContent));
  await tabTo(page, (el) => el.dataset.testid === 'lesson-run', 'the lesson\'s Run button', 5);
  await page.keyboard.press('Space');

  const verdict = page.getByTestId('lesson-verdict');
  await verdict.waitFor({ state: 'visible', timeout: 300000 });
  const sentence = await verdict.textContent();
  assert.ok(sentence.length > 20, sentence);
  await page.waitForFunction((s) => document.querySelector('[data-testid=announcer]').textContent.trim() === s, sentence, { timeout: 20000 });
  // Throttled: the whole journey spoke a handful of messages, not one per step or per stroke.
  const spoken = await page.evaluate(() => window.playgroundTest.announcements());
  assert.ok(spoken.length <= 40, `${spoken.length} messages: ${spoken.join(' | ')}`);
  assert.equal(spoken.filter((m) => /^Prediction: 1, [\d.]+%\.$/.test(m)).length, 1, `the keyboard-drawn 1 announced once: ${spoken.join(' | ')}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** Tabs through the whole view and back to where it started; returns what was reached and what was not. */
async function tabRound(page, max = 400) {
  await page.evaluate(() => {
    window.__reached = new Set();
    window.__unseen = [];
    document.addEventListener('focusin', (e) => {
      window.__reached.add(e.target);
      if (!e.target.matches(':focus-visible')) window.__unseen.push(e.target.id || e.target.outerHTML.slice(0, 80));
    });
  });
  let presses = 0;
  let first = null;
  for (; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      el.dataset.tabSeen ??= String(Math.random());
      return el.dataset.tabSeen;
    });
    if (id && first === null) first = id;
    else if (id && id === first) break; // round the page once: no trap
  }
  return page.evaluate((presses) => {
    const controls = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex="0"]')]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('[hidden], details:not([open]) > :not(summary)'));
    const missed = controls.filter((el) => {
      if (window.__reached.has(el)) return false;
      // A radio group is one Tab stop (arrows move in it): one of its radios reached is enough.
      if (el.type === 'radio') return ![...window.__reached].some((r) => r.type === 'radio' && r.name === el.name);
      return true;
    }).map((el) => el.id || el.dataset.testid || el.outerHTML.slice(0, 80));
    return { presses, reached: window.__reached.size, controls: controls.length, missed, unseen: window.__unseen };
  }, presses);
}

for (const [name, url] of [['the page with a lesson open', '#exercise=4'], ['the 2-D view', 'plane.html']]) {
  test(`keyboard everywhere, ${name}: Tab reaches every control with visible focus and comes back round (no trap)`, async () => {
    const page = await openPage(env.browser, `${env.server.url}${url}`);
    await page.waitForTimeout(1500);
    const r = await tabRound(page);
    assert.ok(r.presses < 400, `came back round after ${r.presses} presses`);
    assert.deepEqual(r.missed, [], `${r.reached} reached of ${r.controls}`);
    assert.deepEqual(r.unseen, [], 'every focused element shows its focus');
    assert.ok(r.reached > 30, `${r.reached} controls`);
    if (url === 'plane.html') {
      // The neurons and the sliders say their values.
      await page.getByRole('button', { name: 'Step' }).press('Enter');
      await page.waitForFunction(() => /output from -?[\d.]+ to -?[\d.]+ over the plane, above 0 on \d+ % of it/.test(document.querySelector('canvas.neuron').getAttribute('aria-label')));
      assert.match(await page.locator('#plane-noise').getAttribute('aria-valuetext'), /^\d+ %$/);
    }
    await page.close();
  });
}

// UI strings: both languages complete, placeholders filled, language choice.
import test from 'node:test';
import assert from 'node:assert/strict';

import { _strings, formatCount, pickLanguage, setLanguage, t } from '../../web/src/i18n/index.js';
import { EXERCISES } from '../../web/src/lessons/exercises.js';
import { lessonText } from '../../web/src/i18n/lessons.js';

test('English and Korean have the same keys and the same placeholders', () => {
  assert.deepEqual(Object.keys(_strings.ko).sort(), Object.keys(_strings.en).sort());
  for (const k of Object.keys(_strings.en)) {
    const ph = (s) => (s.match(/\{\w+\}/g) ?? []).sort();
    assert.deepEqual(ph(_strings.ko[k]), ph(_strings.en[k]), k);
  }
});

test('t() fills placeholders in the current language', () => {
  setLanguage('ko');
  assert.equal(t('done', { epochs: 5 }), '5 에포크 학습을 마쳤습니다.');
  setLanguage('en');
  assert.equal(t('done', { epochs: 5 }), 'Finished 5 epochs.');
  assert.equal(t('no-such-key'), 'no-such-key');
});

test('language: explicit choice, else the browser, else English', () => {
  assert.equal(pickLanguage('ko', ['en-US']), 'ko');
  assert.equal(pickLanguage('', ['ko-KR', 'en']), 'ko');
  assert.equal(pickLanguage(null, ['fr-FR']), 'en');
  assert.equal(pickLanguage('xx', []), 'en');
});

test('every exercise has both languages and a link with its number', () => {
  assert.deepEqual(EXERCISES.map((e) => e.n), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  for (const e of EXERCISES) {
    // The page's lessons compare activations; the 2-D view's name their runs.
    assert.match(e.hash, new RegExp(`^#exercise=${e.n}&${e.view === 'plane' ? '' : 'compare='}`));
    if (e.view === 'plane') assert.ok(Object.keys(e.runs).length >= 2 && e.epochs > 0, `${e.n}`);
    for (const lang of ['en', 'ko']) for (const k of ['title', 'explain', 'look', 'question', 'expect']) assert.ok(lessonText(e, lang)[k]?.length > 10, `${e.n} ${lang} ${k}`);
  }
});

test('every activation of the engine\'s table has its claim in Korean too', async () => {
  const { loadEngine } = await import('../../web/src/engine/engine.js');
  const { activationNote } = await import('../../web/src/i18n/index.js');
  const table = (await loadEngine()).activations();
  setLanguage('ko');
  for (const a of table) assert.match(activationNote(a), /[가-힣]/, a.id);
  setLanguage('en');
  for (const a of table) assert.equal(activationNote(a), a.summary);
  // The note's seven are the default comparison; the modern ones are there, off by default.
  assert.deepEqual(table.filter((a) => a.inNote).map((a) => a.id), ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'maxout']);
  for (const id of ['gelu', 'silu', 'mish', 'selu', 'softplus']) assert.ok(table.some((a) => a.id === id && !a.inNote), id);
});

test('formatCount: thousands separators, rounded, the same in both languages', () => {
  for (const lang of ['en', 'ko']) {
    setLanguage(lang);
    assert.deepEqual([0, 7, 999, 1000, 60000, 1234567, 65218570, -1234, 2.6, -0.4].map(formatCount), ['0', '7', '999', '1,000', '60,000', '1,234,567', '65,218,570', '-1,234', '3', '0']);
  }
  setLanguage('en');
});

test('formatFixed: a positive figure that rounds to zero reads "< 0.01", not "0.00"', async () => {
  const { formatFixed } = await import('../../web/src/i18n/format.js');
  assert.equal(formatFixed(0.004, 2, ' ms'), '< 0.01 ms');
  assert.equal(formatFixed(0.005, 2, ' ms'), '0.01 ms');
  assert.equal(formatFixed(0, 2, ' ms'), '0.00 ms');
  assert.equal(formatFixed(1.234, 2, ' ms'), '1.23 ms');
  assert.equal(formatFixed(0.03, 1, '× ReLU'), '< 0.1× ReLU');
  assert.equal(formatFixed(null, 2), '–');
});

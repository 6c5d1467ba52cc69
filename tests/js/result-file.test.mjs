// Lesson results a class hands in (web/src/lessons/result-file.js) and the
// class view's reading of them (panels/class-view.js): a round trip, the
// limits, the CSV, and 10,000 mutated files, each read or refused with a
// reason, never a crash, never a non-number where a number belongs.
import test from 'node:test';
import assert from 'node:assert/strict';

import { classCsv, readFiles } from '../../web/src/panels/class-view.js';
import { fileSafe, makeResult, readResult, RESULT_MAX_BYTES, RESULT_READ_MAX_BYTES } from '../../web/src/lessons/result-file.js';
import { seededRandom } from '../../web/src/runs/points.js';

const LESSONS = [1, 2, 3, 4];
const sample = (overrides = {}) => makeResult({
  lesson: 4, name: '김민지', answer: 'ReLU 유닛은 기울기를 받지 못합니다.', link: 'https://example.org/#exercise=4',
  figures: { relu: { deadFraction: 1, valAccuracy: 0.112 }, leaky_relu: { deadFraction: 0, valAccuracy: 0.817 } },
  curves: { relu: [[1, 0.11, 2.3, 2.3]], leaky_relu: [[1, 0.82, 0.6, 0.9]] },
  verdict: { holds: true, sentence: 'The observation holds: …' }, build: '0.1.0+2026-11-30', now: new Date('2026-11-30T06:00:00Z'), ...overrides,
});
/** A File-like object (name, size, text()). */
const file = (name, text, size = Buffer.byteLength(text)) => ({ name, size, text: async () => text });

test('a result round-trips: every field read back, checked', () => {
  const text = sample();
  const r = readResult(text, text.length, LESSONS);
  assert.equal(r.lesson, 4);
  assert.equal(r.name, '김민지');
  assert.equal(r.holds, true);
  assert.deepEqual(r.observations.relu, { deadFraction: 1, valAccuracy: 0.112 });
  assert.deepEqual(r.curves.leaky_relu, [[1, 0.82, 0.6, 0.9]]);
  assert.equal(r.timestamp, '2026-11-30T06:00:00.000Z');
  assert.equal(fileSafe('김 민지/../x'), '김-민지-x');
  assert.equal(fileSafe('<>'), 'student');
});

test('limits: a hand-in is at most 64 KB; the class view refuses a file over 1 MB from its size alone', async () => {
  const long = Array.from({ length: 3000 }, (_, i) => [i, 0.123456789, 0.987654321, 1.23456789]);
  assert.throws(() => sample({ curves: { relu: long } }), /at most 65536/);
  assert.ok(sample({ answer: 'x'.repeat(RESULT_MAX_BYTES) }).length < RESULT_MAX_BYTES, 'a long answer is cut, not refused');
  let read = false;
  const big = { name: 'big.json', size: RESULT_READ_MAX_BYTES + 1, text: async () => ((read = true), '{}') };
  const { records, errors } = await readFiles([big, file('ok.json', sample())]);
  assert.equal(read, false, 'never read');
  assert.equal(records.length, 1);
  assert.deepEqual(errors, [`big.json: the file is ${RESULT_READ_MAX_BYTES + 1} bytes; a result is at most ${RESULT_READ_MAX_BYTES}`]);
});

test('hostile files: one clear line each, the rest still read; text stays text', async () => {
  const hostile = [
    file('not-json.json', '<script>alert(1)</script>'),
    file('other.json', JSON.stringify({ format: 'something else' })),
    file('lesson.json', sample().replace('"lesson":4', '"lesson":99')),
    file('nan.json', sample().replace('"deadFraction":1', '"deadFraction":"1"')),
    file('link.json', sample().replace('https://example.org/#exercise=4', 'javascript:alert(1)')),
  ];
  const html = sample({ name: '<img src=x onerror=alert(1)>' });
  const { records, errors } = await readFiles([...hostile, file('html.json', html)]);
  assert.equal(errors.length, 5);
  assert.match(errors[0], /^not-json\.json: the file is not JSON$/);
  assert.match(errors[2], /lesson 99 does not exist/);
  assert.match(errors[4], /not a web address/);
  assert.equal(records.length, 1);
  assert.equal(records[0].name, '<img src=x onerror=alert(1)>', 'kept as text (the view sets textContent)');
});

test('the CSV: a header and a line per result; a formula is defused', () => {
  const r = readResult(sample({ name: '=HYPERLINK("x")' }), 2000, LESSONS);
  const csv = classCsv([r, r]);
  const lines = csv.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[0], 'name,lesson,holds,observations,answer,timestamp,link');
  assert.match(lines[1], /^"'=HYPERLINK\(""x""\)","4","true","relu: deadFraction 1, valAccuracy 0\.112; leaky_relu: /);
});

test('10,000 mutated result files: read or refused with a reason, never a crash', () => {
  const rand = seededRandom(9);
  const valid = sample();
  const alphabet = '{}[]":,0123456789.-eEtrufalsn \\u';
  let refused = 0;
  for (let k = 0; k < 10000; k++) {
    const chars = [...valid];
    for (let m = 1 + Math.floor(rand() * 4); m > 0; m--) {
      const at = Math.floor(rand() * chars.length);
      const c = alphabet[Math.floor(rand() * alphabet.length)];
      if (rand() < 0.5) chars[at] = c;
      else if (rand() < 0.5) chars.splice(at, 1);
      else chars.splice(at, 0, c);
    }
    const text = chars.join('');
    try {
      const r = readResult(text, text.length, [4]);
      assert.equal(typeof r.name, 'string');
      assert.equal(typeof r.holds, 'boolean');
      for (const figs of Object.values(r.observations)) for (const v of Object.values(figs)) assert.ok(v === null || Number.isFinite(v));
      for (const points of Object.values(r.curves)) for (const p of points) assert.ok(p.every((v) => v === null || Number.isFinite(v)));
    } catch (e) {
      assert.ok(e.result, `not a refusal: ${e.stack}`);
      refused++;
    }
  }
  assert.ok(refused > 2000 && refused < 10000, `${refused} refused`);
});

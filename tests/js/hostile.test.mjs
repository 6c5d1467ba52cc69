// Hostile weights files, IDX headers and gzip bombs against the WebAssembly
// engine: each is refused with a one-line message, and refusing them does not
// grow the module's memory (which never shrinks: on a phone it would kill the tab).
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';

import { loadEngine } from '../../web/src/engine/engine.js';
import { gunzipIdx } from '../../web/src/engine/gunzip.js';
import { overBudget, planBytes, TAB_MEMORY_BUDGET, tooLarge } from '../../web/src/runs/budget.js';

const engines = [await loadEngine({ simd: true }), await loadEngine({ simd: false })];

// ---- a weights-file writer (the format of cpp/nn/weights_io.h), with a correct CRC ----------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
class Writer {
  constructor() {
    this.parts = [];
  }
  u32(v) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.parts.push(b);
  }
  u64(v) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    this.parts.push(b);
  }
  f64(v) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.parts.push(b);
  }
  f32s(values) {
    this.parts.push(new Uint8Array(Float32Array.from(values).buffer));
  }
  str(s) {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.parts.push(b);
  }
  bytes() {
    const n = this.parts.reduce((a, p) => a + p.length, 0);
    const out = new Uint8Array(n);
    let at = 0;
    for (const p of this.parts) out.set(p, at), (at += p.length);
    return out;
  }
}
function weightsFile(payload) {
  const w = new Writer();
  w.parts.push(new TextEncoder().encode('APWT'));
  w.u32(1);
  w.u64(payload.length);
  w.u32(crc32(payload));
  w.parts.push(payload);
  return w.bytes();
}
function specPayload(inputs, hidden, outputs = 10) {
  const w = new Writer();
  w.u32(inputs);
  w.u32(outputs);
  w.str('glorot_uniform');
  w.u32(hidden.length);
  for (const h of hidden) {
    w.u32(h.units);
    w.str(h.activation);
    const params = Object.entries(h.params ?? {});
    w.u32(params.length);
    for (const [k, v] of params) w.str(k), w.f64(v);
  }
  return w;
}
/** inputs-units(relu)-10 with every value `value`, one value replaced by `bad`. */
function smallModel(units, value, bad, name = 'dense0/kernel') {
  const w = specPayload(784, [{ units, activation: 'relu' }]);
  const tensors = [[name, 784 * units], ['dense0/bias', units], ['dense1/kernel', units * 10], ['dense1/bias', 10]];
  w.u32(tensors.length);
  tensors.forEach(([n, size], i) => {
    w.str(n);
    w.u64(size);
    const vals = new Float32Array(size).fill(value);
    if (i === 0 && bad !== undefined) vals[3] = bad;
    w.f32s(vals);
  });
  return weightsFile(w.bytes());
}

/** 50 hostile files: huge specs, the 32-bit wrap, values of 3e38, escaped names, damaged fields. */
function hostileFiles() {
  const files = [
    weightsFile(specPayload(1 << 20, [{ units: 4096, activation: 'relu' }]).bytes()), // 2^32 values: wraps to 0 in wasm32
    weightsFile(specPayload(784, Array(16).fill({ units: 4096, activation: 'maxout', params: { k: 8 } })).bytes()),
    weightsFile(specPayload(784, Array(3).fill({ units: 4096, activation: 'relu' })).bytes()), // allowed spec, no tensors
    weightsFile(specPayload(784, [{ units: 4096, activation: 'prelu' }, { units: 4096, activation: 'elu' }]).bytes()),
    smallModel(8, 0.01, 3e38),
    smallModel(8, 0.01, NaN),
    smallModel(8, 3e38),
    smallModel(8, 0.01, undefined, 'dense0/kernel\nINJECTED'),
    weightsFile(specPayload(784, [{ units: 8, activation: 'relu\r\n\u001b[31m' }]).bytes()),
  ];
  // The first file with every 32-bit field of its spec set to extreme values.
  const base = weightsFile(specPayload(784, [{ units: 512, activation: 'relu' }]).bytes());
  for (let at = 20; files.length < 50; at = at + 8 > base.length ? 20 : at + 4) {
    const f = base.slice(20);
    new DataView(f.buffer).setUint32(at - 20, [0xffffffff, 0x7fffffff, 1 << 20, 4096][files.length % 4], true);
    files.push(weightsFile(f));
  }
  return files;
}

for (const engine of engines) {
  const build = engine.simd ? 'SIMD' : 'scalar';

  test(`${build}: 50 hostile weights files through one network grow its memory by at most 16 MB`, () => {
    const net = engine.createNetwork({ hidden: [{ units: 16, activation: 'relu' }] });
    try {
      const before = engine.memoryBytes();
      const files = hostileFiles();
      assert.equal(files.length, 50);
      assert.equal(files[0].length, 66); // the 66-byte file that asked for 16 GiB
      const messages = files.map((f) => {
        try {
          net.loadWeights(f);
        } catch (e) {
          return e.message;
        }
        return null;
      });
      const grown = engine.memoryBytes() - before;
      assert.ok(grown <= 16 * 2 ** 20, `memory grew by ${(grown / 2 ** 20).toFixed(1)} MB`);
      assert.ok(messages.every((m) => m !== null), 'every hostile file is refused');
      for (const m of messages) {
        assert.doesNotMatch(m, /[\n\r]/, m);
        assert.doesNotMatch(m, /bad_alloc|std::/, m);
      }
      assert.match(messages[0], /4,295,012,362 parameters .*the limit is 67,108,864/);
      assert.match(messages[2], /its tensors need .* bytes, the file holds 0/);
      assert.match(messages[4], /3e\+38/);
      assert.match(messages[7], /dense0\/kernel\\x0aINJECTED/);
      assert.match(messages[8], /relu\\x0d\\x0a\\x1b\[31m/);
      // The network is untouched and usable.
      assert.equal(net.info().description, '784-16(relu)-10');
      assert.equal(net.predict(new Float32Array(784).fill(0.5)).length, 10);
    } finally {
      net.dispose();
    }
  });

  test(`${build}: a spec beyond the parameter limit is refused by createNetwork and memoryEstimate`, () => {
    const spec = { hidden: Array(9).fill({ units: 1024, activation: 'maxout', params: { k: 8 } }) };
    assert.throws(() => engine.createNetwork(spec), /73,615,370 parameters/);
    assert.throws(() => engine.memoryEstimate(spec), /73,615,370 parameters/);
    const page = engine.memoryEstimate({ hidden: Array(8).fill({ units: 1024, activation: 'maxout', params: { k: 8 } }) });
    assert.equal(page.parameters, 65218570);
    assert.ok(page.bytes > TAB_MEMORY_BUDGET, 'the largest page network alone is over the tab budget');
    const note = engine.memoryEstimate({});
    assert.equal(note.parameters, 784 * 512 + 512 + 5130);
    assert.ok(note.bytes > note.parameters * 12 && note.bytes < 16 * 2 ** 20, `${note.bytes}`);
  });

  test(`${build}: numbers from JS are checked before any conversion`, () => {
    for (const [spec, re] of [
      [{ hidden: [{ units: 1e300 }] }, /units must be a whole number/],
      [{ hidden: [{ units: NaN }] }, /units must be a whole number/],
      [{ hidden: [{ units: 2 ** 31 + 5 }] }, /units must be a whole number/],
      [{ batchSize: Infinity }, /batchSize must be a whole number/],
      [{ batchSize: -1e20 }, /batchSize must be a whole number/],
      [{ seed: 2 ** 64 }, /seed must be a whole number/],
      [{ seed: -1 }, /seed must be a whole number/],
      [{ hidden: { length: 1e12 } }, /hidden/],
    ]) {
      assert.throws(() => engine.createNetwork(spec), re, JSON.stringify(spec));
    }
    const net = engine.createNetwork({ hidden: [{ units: 8 }] });
    try {
      // The bindings themselves check (the JS wrapper checks first, too).
      assert.match(net._handle.trainSteps(1e300).error, /steps must be a whole number/);
      assert.throws(() => net.trainSteps(2 ** 40), /whole number/);
      assert.match(net._handle.evaluate(NaN).error, /maxSamples must be a whole number/);
    } finally {
      net.dispose();
    }
  });

  test(`${build}: gzip bombs inflate no further than the IDX header promises`, async () => {
    const sizeOf = (h) => engine.idxFileSize(h);
    // One 28x28 image promised, 64 MB of zeros behind it.
    const bomb = new Uint8Array(64 * 2 ** 20);
    bomb.set([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);
    const gz = new Uint8Array(zlib.gzipSync(bomb));
    assert.ok(gz.length < 100000);
    await assert.rejects(gunzipIdx(gz, sizeOf), /more than the 800 bytes its IDX header promises/);
    // A header over the budget, and a garbage header.
    const huge = new Uint8Array(1 << 20);
    huge.set([0, 0, 8, 3, 0, 0x98, 0x96, 0x80, 0, 0, 4, 0, 0, 0, 4, 0]);
    await assert.rejects(gunzipIdx(new Uint8Array(zlib.gzipSync(huge)), sizeOf), /the limit is 256 MiB/);
    await assert.rejects(gunzipIdx(new Uint8Array(zlib.gzipSync(new Uint8Array(1 << 20).fill(65))), sizeOf), /not an IDX file/);
    // Honest files pass, small label files included.
    const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]);
    assert.deepEqual(await gunzipIdx(new Uint8Array(zlib.gzipSync(labels)), sizeOf), labels);
    await assert.rejects(gunzipIdx(new Uint8Array(zlib.gzipSync(labels)).subarray(0, 12), sizeOf), /corrupt or truncated/);
  });
}

test('the page budget adds networks, their dataset copies and the workers', () => {
  const plan = { networkBytes: [100, 200], workers: 2, datasetBytes: 10 };
  assert.equal(planBytes(plan), 300 + 2 * 10 + 2 * 3 * 10);
  assert.equal(overBudget(plan, 400), null);
  assert.deepEqual(overBudget(plan, 300), { neededMB: 1, budgetMB: 0 });
  assert.deepEqual(tooLarge({ size: 3 * 2 ** 20 }, 2 ** 20), { sizeMB: '3.0', maxMB: 1 });
  assert.equal(tooLarge({ size: 10 }, 2 ** 20), null);
});

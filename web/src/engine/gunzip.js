// Inflating gzip data that holds one IDX file, in a page or worker
// (DecompressionStream), never past the size the IDX header promises: a gzip
// bomb costs what its header may ask for (the engine's limits), not what it holds.

/** True when bytes start with the gzip magic number. */
export const isGzip = (bytes) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Inflates `bytes`. `sizeOf(header16)` returns the size the IDX header promises
 * (the engine's idxFileSize) or throws; the output never grows past it, and a
 * stream that holds more is an error.
 */
export async function gunzipIdx(bytes, sizeOf) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts = [];
  let n = 0;
  let limit = 16; // the header first
  let sized = false;
  const head = () => concat(parts, Math.min(n, 16));
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        throw new Error('corrupt or truncated gzip data');
      }
      if (chunk.done) break;
      parts.push(chunk.value);
      n += chunk.value.length;
      if (!sized && n >= 16) {
        limit = sizeOf(head());
        sized = true;
      }
      if (sized && n > limit) throw new Error(`decompresses to more than the ${limit.toLocaleString('en-US')} bytes its IDX header promises`);
    }
    if (!sized && n > sizeOf(head())) throw new Error('decompresses to more bytes than its IDX header promises'); // a short file
    return concat(parts, n);
  } finally {
    reader.cancel().catch(() => {});
  }
}

function concat(parts, length) {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (at >= length) break;
    const take = Math.min(p.length, length - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}

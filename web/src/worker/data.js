// The worker's data: a source object from the page's loader (runs/loader.js),
// {kind: 'site' | 'files', name, files: [{name, bytes}]}, becomes the four IDX
// arrays the engine trains on. Gzip is inflated here, stopping where the IDX
// header says the file ends; the engine's reader checks every size.
import { gunzipIdx, isGzip } from '../engine/gunzip.js';
import { DATA_FILES } from './protocol.js';

/** Which of the four IDX files a file name is (`t10k-images.idx3-ubyte.gz` too), or null. */
function fileKind(name) {
  const base = name.replace(/\.gz$/, '');
  return DATA_FILES.find((f) => base === f || base.replace(/[.-]/g, '') === f.replace(/-/g, '')) ?? null;
}

/** The four files by kind; throws naming a file that is none of them, or the ones missing. */
function byKind(source) {
  const raw = {};
  for (const file of source.files ?? []) {
    const kind = fileKind(String(file.name));
    if (!kind) throw new Error(`${file.name}: expected one of ${DATA_FILES.join(', ')} (optionally .gz)`);
    raw[kind] = file.bytes;
  }
  const missing = DATA_FILES.filter((f) => !raw[f]);
  if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
  return raw;
}

/**
 * Parses a source with `engine` into {name, trainImages, trainLabels,
 * testImages, testLabels} and the counts. `stale()` says a newer source was
 * asked for meanwhile (then nothing is kept).
 */
export async function parseSource(engine, source, stale = () => false) {
  const raw = byKind(source);
  const plain = {};
  for (const f of DATA_FILES) {
    try {
      plain[f] = isGzip(raw[f]) ? await gunzipIdx(raw[f], (header) => engine.idxFileSize(header)) : raw[f];
    } catch (e) {
      throw new Error(`${f}: ${e.message}`);
    }
  }
  if (stale()) throw new Error(`${source.name}: another dataset was chosen meanwhile`);
  const label = (prefix) => (source.kind === 'files' ? `${prefix}-*-ubyte` : `${source.name} ${prefix === 'train' ? 'training' : 'test'} set`);
  const train = engine.parseIdx(plain[DATA_FILES[0]], plain[DATA_FILES[1]], label('train'));
  const test = engine.parseIdx(plain[DATA_FILES[2]], plain[DATA_FILES[3]], label('t10k'));
  return {
    data: { name: source.name, trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels },
    train: train.count,
    test: test.count,
  };
}

// Service worker: keeps the playground working offline once it has been loaded.
// The page registers it only after its first prediction is possible, so its
// downloads never compete with the first view. build-web.sh writes
// precache.json (the page, the app, woff2 fonts, the embedded data; never
// Fashion-MNIST) with one list per engine build: this worker caches only the
// build its browser runs (WASM SIMD where it validates, or ?engine=scalar).
// Pages: network first, falling back to the cache. Everything else: cache first.
const PREFIX = 'activation-playground-';
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

function engineBuild() {
  const forced = new URL(self.location.href).searchParams.get('engine');
  if (forced === 'simd' || forced === 'scalar') return forced;
  try {
    return WebAssembly.validate(SIMD_PROBE) ? 'simd' : 'scalar';
  } catch {
    return 'scalar';
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('./precache.json', { cache: 'no-store' });
      const { version, files, engines } = await res.json();
      const cache = await caches.open(PREFIX + version);
      // Default cache mode: what the page already downloaded comes from the HTTP cache.
      await cache.addAll([...files, ...(engines?.[engineBuild()] ?? [])]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('./precache.json', { cache: 'no-store' }).catch(() => null);
      const keep = res && res.ok ? PREFIX + (await res.json()).version : null;
      if (keep) for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== keep) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(async () => (await caches.match(req, { ignoreSearch: true })) ?? caches.match('./index.html') ?? caches.match('./')));
    return;
  }
  event.respondWith(
    (async () => {
      const hit = await caches.match(req, { ignoreSearch: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && !req.url.includes('/data/fashion/')) {
        const copy = res.clone();
        caches.keys().then((keys) => keys.find((k) => k.startsWith(PREFIX))).then((k) => k && caches.open(k).then((c) => c.put(req, copy)));
      }
      return res;
    })(),
  );
});

/* The service worker: the app opens without a connection, and interview mode keeps the day's round.
 *
 * Hand-written (docs/decisions.md): the build (vite.config.ts) fills in BUILD and PRECACHE, the list
 * of every file of this build, so a new build installs a new worker and drops the old shell.
 *
 * - The app shell (index.html, the hashed assets, the manifest and icons) is cached at install.
 *   Pages are asked of the network first and fall back to the cached index.html; hashed assets never
 *   change, so they come from the cache first.
 * - API reads made by interview mode (the page /rounds/{id}/interview: the round, its plan, its
 *   marks, its prep sheet, the account) are copied into a cache as they arrive, and answered from
 *   that copy when the network fails. Only the round last opened in interview mode is kept:
 *   opening another one forgets the first. Every other API request is left alone.
 * - Writes always go to the network: the page queues marks made offline (src/offline/marks.ts).
 * - Signing out sends "forget", which deletes the copies of the account's data.
 */
const BUILD = self.__BUILD__;
const PRECACHE = self.__PRECACHE__;
const SHELL = `shell-${BUILD}`;
const DATA = "round-data";
const KEPT = "/__kept-round";
const INTERVIEW_PAGE = /^\/rounds\/([0-9a-f-]{36})\/interview\/?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget") event.waitUntil(caches.delete(DATA));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(fromCacheFirst(request));
  } else if (url.pathname.startsWith("/api/") && interviewRound(request)) {
    // Only interview mode's reads: every other request of the app goes to the network untouched.
    event.respondWith(apiRead(request, interviewRound(request)));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(fromNetworkFirst(request)); // the icons, the manifest: not hashed
  }
});

async function fromNetworkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

/** A page of the app: the network's index.html, else the cached one (the app routes by itself). */
async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match("/index.html", { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

async function fromCacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

/** The round interview mode shows, from the page that asked (its Referer), or null. */
function interviewRound(request) {
  if (!request.referrer) return null;
  const match = INTERVIEW_PAGE.exec(new URL(request.referrer).pathname);
  return match ? match[1] : null;
}

async function apiRead(request, round) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    // No connection: the copy interview mode kept, if any. Never for a failed answer (a 401 must
    // still sign the user out), only when the network itself is not there.
    const cached = await caches.match(request, { cacheName: DATA, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
  if (response.ok) await keep(round, request, response.clone());
  return response;
}

// Copies are written one after the other: two at once could each see another round's marker and
// the second would delete what the first just kept.
let writing = Promise.resolve();

function keep(round, request, response) {
  writing = writing.then(() => keepNow(round, request, response)).catch(() => undefined);
  return writing;
}

async function keepNow(round, request, response) {
  const cache = await caches.open(DATA);
  const kept = await cache.match(KEPT);
  if (!kept || (await kept.text()) !== round) {
    // Another round's day: forget the one before, so one round's data at most stays on the phone.
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(KEPT, new Response(round));
  }
  await cache.put(request, response);
}

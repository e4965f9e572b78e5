// Pasos' service worker: the consultations a signed-in reader opened stay readable offline, and a
// contribution sent without a connection is kept on the device (IndexedDB) until the page sends it
// (/sin-conexion.js). Copies are kept per account, under the account the server names in each
// answer (x-pasos-cuenta): an answer without it (signed out) or with another account drops every
// copy, so no page of another user is ever served from here; another account's answer also drops
// the contributions still pending of any other. (A reader whose session expired keeps theirs, to
// be sent once they sign in again; signing out clears everything, by Clear-Site-Data.)
'use strict';
const PREFIX = 'pasos-';
const ROUND = /^\/rondas\/[^/]+$/;
const CONTRIBUTE = /^\/rondas\/([^/]+)\/aportes$/;
const OFFLINE = '/sin-conexion';
const KEPT = [OFFLINE, '/pkg/pasos.css', '/favicon.svg', '/sin-conexion.js'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

async function account() {
  const name = (await caches.keys()).find((k) => k.startsWith(PREFIX));
  return name ? name.slice(PREFIX.length) : null;
}

// Drops every copy but those of `keep` (none: all of them).
async function forget(keep) {
  for (const name of await caches.keys()) {
    if (name !== PREFIX + keep) await caches.delete(name);
  }
}

// Another account's contributions still pending are of no use here: dropped with its copies.
async function purge(who) {
  const store = (await db()).transaction('pendientes', 'readwrite').objectStore('pendientes');
  const all = await new Promise((ok, ko) => { const r = store.getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  for (const item of all) if (item.cuenta !== who) store.delete(item.clave);
}

async function keep(who, path, res) {
  await forget(who);
  await purge(who).catch(() => {});
  const cache = await caches.open(PREFIX + who);
  if (!(await cache.match(OFFLINE))) await cache.addAll(KEPT).catch(() => {});
  if (path) await cache.put(path, res);
}

// A kept copy, marked as such for the page's script (which says so where the eye is).
async function copyOf(path, orOffline) {
  const who = await account();
  const cache = who && (await caches.open(PREFIX + who));
  const copy = cache && ((await cache.match(path)) || (orOffline && (await cache.match(OFFLINE))));
  if (!copy) return null;
  const html = (await copy.text()).replace('<main id="contenido"', '<main data-copia id="contenido"');
  return new Response(html, { status: copy.status, headers: copy.headers });
}

// What an answer says of whose copies may stay: none signed out, else this account's (a plain
// visit to a consultation is kept; one with a query, such as a reply's form or a sent notice,
// would replay it offline, so is not).
async function remember(res, url) {
  if (res.type === 'opaqueredirect') return;
  const who = res.headers.get('x-pasos-cuenta');
  if (!who) await forget(null);
  else await keep(who, res.ok && ROUND.test(url.pathname) && !url.search ? url.pathname : null, res.clone());
}

// From the network; on none, the kept copy (a query's page gets the plain one, which its script
// points where the query did). A consultation already kept is not waited for more than SLOW ms
// on a link that barely moves: its copy is shown, and the answer kept when it comes.
const SLOW = 4000;
async function page(e, req, url) {
  const answer = fetch(req).then(async (res) => {
    await remember(res, url);
    return res;
  });
  e.waitUntil(answer.catch(() => {}));
  const late = new Promise((ok) => setTimeout(ok, SLOW)).then(async () => (ROUND.test(url.pathname) && !url.search ? copyOf(url.pathname, false) : null));
  const first = await Promise.race([answer.catch(() => null), late]);
  if (first) return first;
  try {
    return await answer;
  } catch (err) {
    const copy = await copyOf(url.pathname, true);
    if (copy) return copy;
    throw err;
  }
}

// The page that registered the worker came before it: its script asks for it to be kept too.
self.addEventListener('message', (e) => {
  if (e.data !== 'guardar' || !e.source || !e.source.url) return;
  const url = new URL(e.source.url);
  if (url.origin !== location.origin) return;
  e.waitUntil(fetch(url.pathname + url.search, { credentials: 'same-origin' }).then((res) => remember(res, url)).catch(() => {}));
});

async function asset(req) {
  try {
    return await fetch(req);
  } catch (err) {
    const who = await account();
    const copy = who && (await (await caches.open(PREFIX + who)).match(new URL(req.url).pathname));
    if (copy) return copy;
    throw err;
  }
}

function db() {
  return new Promise((ok, ko) => {
    const open = indexedDB.open('pasos', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('pendientes', { keyPath: 'clave' });
    open.onsuccess = () => ok(open.result);
    open.onerror = () => ko(open.error);
  });
}

// A contribution that could not leave: kept with a key of its own (the cached page's key may have
// been used), and the reader taken back to the consultation, which lists it as pending.
async function contribute(req, url, round) {
  const copy = req.clone();
  try {
    return await fetch(req);
  } catch (err) {
    const who = await account();
    if (!who) throw err;
    const fields = [...(await copy.formData()).entries()].filter(([k, v]) => k !== 'clave' && typeof v === 'string');
    const item = { clave: crypto.randomUUID(), cuenta: who, accion: url.pathname, ronda: round, campos: fields, creado: Date.now(), estado: 'pendiente' };
    const store = (await db()).transaction('pendientes', 'readwrite').objectStore('pendientes');
    await new Promise((ok, ko) => { const r = store.add(item); r.onsuccess = ok; r.onerror = () => ko(r.error); });
    return Response.redirect(`${url.origin}/rondas/${round}?pendiente=${item.clave}#pendientes`, 303);
  }
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (url.origin !== location.origin) return;
  const sent = req.method === 'POST' && req.mode === 'navigate' && url.pathname.match(CONTRIBUTE);
  if (sent) e.respondWith(contribute(req, url, sent[1]));
  else if (req.method === 'GET' && req.mode === 'navigate') e.respondWith(page(e, req, url));
  else if (req.method === 'GET' && KEPT.includes(url.pathname)) e.respondWith(asset(req));
});

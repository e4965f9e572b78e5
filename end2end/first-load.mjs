// First page load in Chromium, as a regional user on a fresh browser sees it: every byte that
// crosses the network (compressed bodies and headers, from Chromium's own accounting) for one visit
// to each page with an empty cache. Used by scripts/bench.sh against the release build.
//   node first-load.mjs http://127.0.0.1:3977 /rondas/abc
import { launch, signIn } from './browser.mjs';

const [base, bigRound] = process.argv.slice(2);
const browser = await launch();

/** Loads `path` in a fresh context (empty cache) and returns {bytes, requests, wasm}. */
async function measure(path, storageState) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0, requests = 0, wasm = false;
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests += 1;
    if ((urls.get(e.requestId) ?? '').endsWith('.wasm')) wasm = true;
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  await context.close();
  return { bytes, requests, wasm };
}

/** Signs in and returns the session, kept for the measured visits (not counted). */
async function session(email) {
  const context = await browser.newContext();
  await signIn(await context.newPage(), base, email);
  const state = await context.storageState();
  await context.close();
  return state;
}
// A directivo reads every policy and round; the team opens the editor.
const state = await session('directivo@pasos.demo');
const team = await session('equipo@pasos.demo');

const pages = [
  ['Inicio de sesión', '/ingresar', undefined],
  ['Políticas', '/', state],
  ['Tablero', '/tablero', state],
  ['Política', '/politicas/pnmpetf', state],
  ['Paso', '/politicas/pnmpetf/pasos/1', state],
  ['Editor (con wasm)', '/politicas/pnmpetf/pasos/1/editar', team],
];
if (bigRound) pages.push(['Ronda con 2 000 aportes', bigRound, state]);

console.log('| Página (primera carga, caché vacía) | peticiones | bytes transferidos | wasm |\n|---|---:|---:|---|');
let worst = 0;
for (const [name, path, storage] of pages) {
  const m = await measure(path, storage);
  worst = Math.max(worst, m.bytes);
  console.log(`| ${name} | ${m.requests} | ${m.bytes.toLocaleString('en-US')} | ${m.wasm ? 'sí' : 'no'} |`);
}
console.log(`\nLa primera carga más pesada: ${worst.toLocaleString('en-US')} bytes (objetivo: ≤ 600,000).`);
await browser.close();

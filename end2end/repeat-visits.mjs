// Repeat visits on a 3G link (browser.mjs' slowLink: 1.6 Mbit/s down, 768 kbit/s up, 300 ms round trip): for each
// page given, a first visit in a browser that has just signed in, then RUNS (3) repeat visits with nothing changed,
// each measured as the bytes that crossed the link until it fell quiet (headers and compressed bodies, both ways,
// the service worker's own fetches included) and the milliseconds from the navigation to the page's `load` event.
// A page that answers `304 Not Modified` to a repeat visit, with assets the browser keeps for good, costs a few
// hundred bytes of headers; without validators every visit downloads the page again.
//   node repeat-visits.mjs http://127.0.0.1:3000 cusco@pasos.demo /tablero /rondas/abc
import { launch, quiet, signIn, slowLink } from './browser.mjs';

const [target, email, ...paths] = process.argv.slice(2);
if (!paths.length) throw new Error('uso: node repeat-visits.mjs BASE CORREO /ruta [/ruta …]');
const runs = Number(process.env.RUNS ?? 3);
const link = await slowLink(target);
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await signIn(page, link.base, email);

/** One visit to `path`: bytes on the wire until the link fell quiet after it, ms until `load`, the page's status. */
async function visit(path) {
  await quiet(page, link);
  link.reset();
  const start = Date.now();
  const answer = await page.goto(link.base + path, { waitUntil: 'load' });
  const loaded = Date.now() - start;
  await quiet(page, link);
  return { bytes: link.wire(), loaded, status: answer?.status() };
}

const span = (values) => {
  const [lo, hi] = [Math.min(...values), Math.max(...values)].map((v) => v.toLocaleString('en-US'));
  return lo === hi ? lo : `${lo}–${hi}`;
};
console.log('| Página (3G: 1.6 Mbit/s, 300 ms) | primera visita: bytes | ms hasta `load` | visitas repetidas: bytes | ms hasta `load` |');
console.log('|---|---:|---:|---:|---:|');
for (const path of paths) {
  const first = await visit(path);
  const repeats = [];
  for (let i = 0; i < runs; i++) repeats.push(await visit(path));
  if (first.status !== 200) throw new Error(`${path}: ${first.status}`);
  console.log(`| \`${path}\` | ${first.bytes.toLocaleString('en-US')} | ${first.loaded.toLocaleString('en-US')} | ${span(repeats.map((r) => r.bytes))} | ${span(repeats.map((r) => r.loaded))} |`);
}
await browser.close();
link.close();

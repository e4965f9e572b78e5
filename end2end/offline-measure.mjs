// A consultation on a 3G link, as a regional participant reads it: the bytes of a first visit
// (fresh browser, signed in) and of repeat visits, the time until the consultation's text shows,
// and a repeat visit offline (from the copy the service worker kept). The link is a shaping proxy
// on loopback with WebPageTest's "3G" profile (1.6 Mbit/s down, 768 kbit/s up, 300 ms round
// trip), so that the page and its service worker go through the same throttled wire, and the
// bytes are those that cross it (headers and compressed bodies, both ways).
//   node offline-measure.mjs http://127.0.0.1:3000 cusco@pasos.demo /rondas/abc
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, quiet, signIn, slowLink } from './browser.mjs';

const [target, email, round] = process.argv.slice(2);
if (!round) throw new Error('uso: node offline-measure.mjs BASE CORREO /rondas/ID');
const link = await slowLink(target);
const base = link.base;

const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await signIn(page, base, email);

/** One visit: bytes on the wire until the link fell quiet after it, ms until the text showed. */
async function visit() {
  await quiet(page, link);
  link.reset();
  const start = Date.now();
  await page.goto(base + round, { waitUntil: 'commit' });
  await page.locator('#texto').waitFor();
  const shown = Date.now() - start;
  await page.waitForLoadState('load');
  await quiet(page, link);
  return { bytes: link.wire(), shown };
}

const first = await visit();
// From the first visit on, the service worker takes the pages; wait until it controls this one.
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
});
const second = await visit();
const repeat = await visit();
await context.setOffline(true);
const offline = await visit();
await browser.close();
link.close();

const here = fileURLToPath(new URL('../public/', import.meta.url));
const size = (f) => statSync(here + f).size.toLocaleString('en-US');
const row = (name, m) => `| ${name} | ${m.bytes.toLocaleString('en-US')} | ${m.shown.toLocaleString('en-US')} |`;
console.log(`Service worker: sw.js ${size('sw.js')} bytes; the page's script sin-conexion.js ${size('sin-conexion.js')} bytes (uncompressed).\n`);
console.log('| Visit to the consultation (3G: 1.6 Mbit/s, 300 ms) | bytes on the wire | ms until the text shows |\n|---|---:|---:|');
console.log(row('First (fresh browser, signed in)', first));
console.log(row('Second (the service worker registers during the first)', second));
console.log(row('Repeat', repeat));
console.log(row('Repeat, offline (the kept copy)', offline));
console.log("\nOffline, anything that still crosses the wire is the browser's own check for a newer sw.js, which\nChromium's offline emulation does not cover; on a device with no link it does not leave.");

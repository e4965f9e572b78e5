// A consultation on a 3G link, as a regional participant reads it: the bytes of a first visit
// (fresh browser, signed in) and of repeat visits, the time until the consultation's text shows,
// and a repeat visit offline (from the copy the service worker kept). The link is a shaping proxy
// on loopback with WebPageTest's "3G" profile (1.6 Mbit/s down, 768 kbit/s up, 300 ms round
// trip), so that the page and its service worker go through the same throttled wire, and the
// bytes are those that cross it (headers and compressed bodies, both ways).
//   node offline-measure.mjs http://127.0.0.1:3000 cusco@pasos.demo /rondas/abc
import { createServer, connect } from 'node:net';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, signIn } from './browser.mjs';

const [target, email, round] = process.argv.slice(2);
if (!round) throw new Error('uso: node offline-measure.mjs BASE CORREO /rondas/ID');
const DOWN = 1.6e6, UP = 768e3, RTT = 300;

let wire = 0;
/** Forwards `from` to `to` as a link of `bps` bits per second with half the round trip each way. */
function shape(from, to, bps) {
  let free = 0;
  from.on('data', (chunk) => {
    wire += chunk.length;
    const now = Date.now();
    free = Math.max(free, now + RTT / 2) + (chunk.length * 8 * 1000) / bps;
    setTimeout(() => to.write(chunk), free - now);
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, free - Date.now())));
  from.on('error', () => to.destroy());
}
const { hostname, port } = new URL(target);
const proxy = createServer((client) => {
  // The connection itself costs a round trip.
  setTimeout(() => {
    const upstream = connect(Number(port), hostname);
    shape(client, upstream, UP);
    shape(upstream, client, DOWN);
  }, RTT);
}).listen(0, '127.0.0.1');
await new Promise((ok) => proxy.on('listening', ok));
const base = `http://127.0.0.1:${proxy.address().port}`;

const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await signIn(page, base, email);

/** Resolves once nothing has crossed the link for a second (the service worker's own fetches too). */
async function quiet() {
  for (let last = -1; last !== wire; ) {
    last = wire;
    await page.waitForTimeout(1000);
  }
}

/** One visit: bytes on the wire until the link fell quiet after it, ms until the text showed. */
async function visit() {
  await quiet();
  wire = 0;
  const start = Date.now();
  await page.goto(base + round, { waitUntil: 'commit' });
  await page.locator('#texto').waitFor();
  const shown = Date.now() - start;
  await page.waitForLoadState('load');
  await quiet();
  return { bytes: wire, shown };
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
proxy.close();

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

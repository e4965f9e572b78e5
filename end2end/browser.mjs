// What the measuring scripts share (first-load.mjs, phone-screens.mjs, paperwork-screens.mjs,
// followup-screens.mjs, offline-measure.mjs, repeat-visits.mjs): Debian's Chromium, started as the Playwright suite
// starts it, signing in through the form as a person would, a slow link to measure on, and a DOCX's headings as
// LibreOffice reads them.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Chromium from Debian (`CHROMIUM_PATH`), without the background traffic that would skew figures. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs `page` in at `base` as `email` (demo password) and waits to leave the sign-in page. */
export async function signIn(page, base, email) {
  await page.goto(base + '/ingresar');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('pasos-demo');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/ingresar'));
}

/**
 * A slow link to `target` (a running Pasos): a shaping proxy on loopback with WebPageTest's "3G" profile (1.6 Mbit/s
 * down, 768 kbit/s up, 300 ms round trip). Chromium's own throttling does not reach a service worker's fetches; this
 * does, and counts every byte that crosses it both ways (headers and compressed bodies). Answers `{ base, wire(),
 * reset(), close() }`: the address to browse, the bytes since the last reset, and the proxy's end.
 */
export async function slowLink(target) {
  const DOWN = 1.6e6, UP = 768e3, RTT = 300;
  let wire = 0;
  // Forwards `from` to `to` as a link of `bps` bits per second with half the round trip each way.
  const shape = (from, to, bps) => {
    let free = 0;
    from.on('data', (chunk) => {
      wire += chunk.length;
      const now = Date.now();
      free = Math.max(free, now + RTT / 2) + (chunk.length * 8 * 1000) / bps;
      setTimeout(() => to.write(chunk), free - now);
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, free - Date.now())));
    from.on('error', () => to.destroy());
  };
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
  return {
    base: `http://127.0.0.1:${proxy.address().port}`,
    wire: () => wire,
    reset: () => { wire = 0; },
    close: () => proxy.close(),
  };
}

/** Resolves once nothing has crossed `link` for a second, `page` waiting (a service worker's own fetches too). */
export async function quiet(page, link) {
  for (let last = -1; last !== link.wire(); ) {
    last = link.wire();
    await page.waitForTimeout(1000);
  }
}

/**
 * The outline of a DOCX as its readers see it: LibreOffice (headless) converts it to HTML in `out`,
 * where Word's heading styles become <h1>…<h6>; one line per heading, indented by level, also
 * written to `out/<name>-titulos.txt`.
 */
export function docxHeadings(docx, out) {
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'html', '--outdir', out, docx], { timeout: 120_000, env: { ...process.env, HOME: out } });
  const name = basename(docx, '.docx');
  const html = readFileSync(join(out, `${name}.html`), 'utf8');
  const headings = [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map(([, level, inner]) => `${'  '.repeat(Number(level) - 1)}${inner.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()}`);
  writeFileSync(join(out, `${name}-titulos.txt`), headings.join('\n') + '\n');
  return headings;
}

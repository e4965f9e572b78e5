// What the measuring scripts share (first-load.mjs, phone-screens.mjs, paperwork-screens.mjs,
// followup-screens.mjs, offline-measure.mjs): Debian's Chromium, started as the Playwright suite starts it, signing in
// through the form as a person would, and a DOCX's headings as LibreOffice reads them.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
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

import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const DEMO_PASSWORD = 'pasos-demo';

/// Signs in through the form, as a person would.
export async function signIn(page: Page, email: string, next = '/') {
  await page.goto(next === '/' ? '/ingresar' : `/ingresar?siguiente=${encodeURIComponent(next)}`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('button', { name: 'Salir' })).toBeVisible();
}

/// A signed-in page in its own browser context (JavaScript on or off).
export async function person(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/// Makes sure E2 of PNMPETI has a version to consult: saves step 3 and freezes the deliverable.
/// Another journey may have frozen this same text a moment ago: either way, the newest version
/// then holds it.
export async function freezeE2(page: Page) {
  await page.goto('/politicas/pnmpeti/pasos/3/editar');
  await page.getByLabel('Texto del paso').fill('Al 2030, ninguna niña ni niño realiza trabajo infantil peligroso.\n\nLas regiones cuentan con un CDRPETI activo y con presupuesto.');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page).toHaveURL(/guardado=\d+$/);
  await page.goto('/politicas/pnmpeti/entregables/2');
  await page.getByLabel('Nota de la versión').fill('Versión para la consulta regional');
  await page.getByRole('button', { name: 'Cerrar versión para remisión' }).click();
  await expect(page.locator('[role="status"], [role="alert"]').first()).toContainText(/Versión cerrada para remisión|Ningún paso cambió/);
}

/// Opens a regional round on E2 of PNMPETI for the given regions; returns its address.
export async function openRound(page: Page, title: string, regions: string[]): Promise<string> {
  await page.goto('/politicas/pnmpeti/entregables/2');
  const form = page.locator('#nueva-ronda');
  await form.getByLabel('Tipo').selectOption({ label: 'Consulta regional' });
  await form.getByLabel('Título').fill(title);
  // The newest version comes first and is the one chosen.
  await expect(form.getByLabel('Versión')).toHaveValue(/\d+/);
  for (const r of regions) await form.getByLabel(r, { exact: true }).check();
  await form.getByRole('button', { name: 'Abrirla' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname;
}

/// The text of one file inside a ZIP archive (DOCX and XLSX files are ZIP archives), found through
/// the central directory (local headers may leave sizes to a trailing data descriptor).
export function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive');
  let at = zip.readUInt32LE(end + 16);
  const entries = zip.readUInt16LE(end + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the archive`);
}

/// The document's width against the screen's, and axe's findings (WCAG 2.1 A/AA), for the page
/// shown; `what` names it in the failure.
export async function checkPage(page: Page, what: string) {
  const { scroll, viewport, wide } = await page.evaluate(() => {
    const viewport = window.innerWidth;
    // The innermost elements that reach past the screen, to say what overflows.
    const wide = [...document.querySelectorAll('main *, header *')]
      .filter((e) => e.getBoundingClientRect().right > viewport + 0.5 && e.closest('.table-scroll, .chart-scroll') === null)
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > viewport + 0.5))
      .slice(0, 3)
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">${(e.textContent ?? '').slice(0, 40)}`);
    return { scroll: document.documentElement.scrollWidth, viewport, wide };
  });
  expect(scroll, `${what}: the page is ${scroll} px wide on a ${viewport} px screen: ${wide.join(' · ')}`).toBeLessThanOrEqual(viewport);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, `${what}\n${found.join('\n')}`).toEqual([]);
}

/// What the W3C Nu HTML Checker (vnu-jar, run with the machine's Java) finds wrong in the HTML
/// files given: one line per error, "file:line: message [extract]".
export function htmlErrors(files: string[]): string[] {
  const jar = join(__dirname, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  let report = '';
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e: any) {
    report = e.stderr || e.stdout || String(e);
  }
  const messages = report ? JSON.parse(report).messages : [];
  return messages.map((m: any) => `${m.url.split('/').pop()}:${m.lastLine}: ${m.message} [${m.extract ?? ''}]`);
}

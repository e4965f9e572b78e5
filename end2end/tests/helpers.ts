import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
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

// Screenshots of the PNTP's follow-up against a running Pasos on the demo data, in Chromium: the
// reporte de seguimiento 2023 as the demo seeds it (page at 1280 and 390 px, its text), and the
// headings of its DOCX as LibreOffice reads them. Prints what it wrote.
//   node followup-screens.mjs http://127.0.0.1:3977 out/
import { docxHeadings, launch, signIn } from './browser.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [base, outArg] = process.argv.slice(2);
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', timezoneId: 'America/Lima', acceptDownloads: true });
const page = await context.newPage();
await signIn(page, base, 'mininter@pasos.demo');
await page.goto(base + '/politicas/pntp/seguimiento/2023');
await page.screenshot({ path: join(out, 'seguimiento-pntp-2023.png'), fullPage: true });
const text = await page.locator('main').innerText();
writeFileSync(join(out, 'seguimiento-pntp-2023.txt'), text + '\n');

const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Word (DOCX)' }).click()]);
const docx = join(out, 'reporte-de-seguimiento-PNTP-2023.docx');
writeFileSync(docx, readFileSync(await download.path()));
const headings = docxHeadings(docx, out);

const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-PE', timezoneId: 'America/Lima' });
const small = await phone.newPage();
await signIn(small, base, 'mininter@pasos.demo');
await small.goto(base + '/politicas/pntp/seguimiento/2023');
await small.screenshot({ path: join(out, 'seguimiento-pntp-2023-390.png'), fullPage: true });

await browser.close();
console.log(`${out}:\n  seguimiento-pntp-2023.png (1280 px), seguimiento-pntp-2023-390.png, seguimiento-pntp-2023.txt, reporte-de-seguimiento-PNTP-2023.docx`);
console.log(`  reporte-de-seguimiento-PNTP-2023-titulos.txt:\n${headings.map((h) => `    ${h}`).join('\n')}`);

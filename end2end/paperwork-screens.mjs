// Screenshots of the team's paperwork against a running Pasos on the demo data, in Chromium: the
// informe de sistematización of the demo consultation (page, at 1280 and 390 px) with the headings
// of its DOCX as LibreOffice reads them, and the plan against the record for PNMPETF after the
// team sets a plan (its timeline). Prints what it wrote.
//   node paperwork-screens.mjs http://127.0.0.1:3977 out/
import { docxHeadings, launch, signIn } from './browser.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [base, outArg] = process.argv.slice(2);
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', timezoneId: 'America/Lima', acceptDownloads: true });
const page = await context.newPage();
await signIn(page, base, 'equipo@pasos.demo');

// The informe de sistematización of the demo consultation.
await page.goto(base + '/rondas');
await page.getByRole('link', { name: /^Ejemplo ilustrativo: consulta regional/ }).first().click();
await page.getByRole('link', { name: 'Informe de sistematización (página y DOCX)' }).click();
await page.screenshot({ path: join(out, 'informe-de-sistematizacion.png'), fullPage: true });
const report = page.url();
const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar el informe (DOCX)' }).click()]);
const docx = join(out, 'informe-de-sistematizacion.docx');
writeFileSync(docx, readFileSync(await download.path()));
const headings = docxHeadings(docx, out);

const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-PE', timezoneId: 'America/Lima' });
const small = await phone.newPage();
await signIn(small, base, 'equipo@pasos.demo');
await small.goto(report);
await small.screenshot({ path: join(out, 'informe-de-sistematizacion-390.png'), fullPage: true });

// A plan for PNMPETF, and the plan against the record.
await page.goto(base + '/politicas/pnmpetf/plan');
const form = page.locator('#plan');
for (const [n, start, end] of [[1, '2023-04-01', '2023-09-30'], [2, '2023-10-01', '2024-06-30'], [3, '2024-07-01', '2024-12-31']]) {
  await form.getByLabel(`Entregable ${n}: Inicio previsto`).fill(start);
  await form.getByLabel(`Entregable ${n}: Fin previsto`).fill(end);
}
await form.getByRole('button', { name: 'Guardar el plan' }).click();
await page.getByRole('status').waitFor();
await page.locator('#plan-tabla').screenshot({ path: join(out, 'plan-frente-a-lo-registrado-tabla.png') });
await page.getByRole('img', { name: 'Plan frente a lo registrado, en el tiempo' }).screenshot({ path: join(out, 'plan-frente-a-lo-registrado.png') });
const rows = await page.locator('#plan-tabla tbody tr').allInnerTexts();
writeFileSync(join(out, 'plan-frente-a-lo-registrado.txt'), rows.map((r) => r.replace(/\s+/g, ' ').trim()).join('\n') + '\n');

await browser.close();
console.log(`${out}:\n  informe-de-sistematizacion.png (1280 px), informe-de-sistematizacion-390.png, informe-de-sistematizacion.docx`);
console.log(`  informe-de-sistematizacion-titulos.txt:\n${headings.map((h) => `    ${h}`).join('\n')}`);
console.log(`  plan-frente-a-lo-registrado.png, plan-frente-a-lo-registrado-tabla.png, plan-frente-a-lo-registrado.txt:\n${rows.map((r) => `    ${r.replace(/\s+/g, ' ').trim()}`).join('\n')}`);

import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPage, signIn, zipEntry } from './helpers';

// The yearly follow-up of an approved policy, without JavaScript: the PNTP's team opens 2024, the
// entity responsible for two indicators records their values (one provisional, then replaced),
// the team writes the analysis, a manager reviews it, the team closes the report; the manager
// sees the lights on the dashboard; the report's DOCX converts in LibreOffice.
test.describe.configure({ mode: 'serial' });
test.use({ javaScriptEnabled: false });

const YEAR = '/politicas/pntp/seguimiento/2024';

test('the team opens 2024, the responsible entity reports, the report is analysed, reviewed and closed', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, 'mininter@pasos.demo');
  await page.goto('/politicas/pntp');
  await page.getByRole('link', { name: 'Seguimiento de la política' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Seguimiento de la política' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Aprobada mediante Decreto Supremo N° 009-2021-IN (27/07/2021).');
  const open = page.locator('#abrir-periodo');
  await open.getByLabel('Año').selectOption('2024');
  await open.getByRole('button', { name: 'Abrir el periodo' }).click();
  await expect(page).toHaveURL(new RegExp(`${YEAR}\\?abierto=1`));
  await expect(page.getByRole('heading', { level: 1, name: 'Reporte de seguimiento 2024' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Periodo 2024 abierto');

  // The entity responsible for the indicators of «Reintegración» records their values.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const mimp = await context.newPage();
  await signIn(mimp, 'mimp@pasos.demo');
  await mimp.goto(YEAR);
  const r1 = mimp.locator('section.indicator', { hasText: 'IOP-R1' });
  await r1.getByText('Registrar el valor obtenido').click();
  await r1.getByLabel('Valor obtenido').fill('36 %');
  await r1.getByLabel('Fuente').fill('Registro administrativo del MIMP');
  await r1.getByLabel('Fecha del dato').fill('2025-02-15');
  await r1.getByLabel('Explicación').fill('Cifra preliminar al cierre de febrero.');
  await r1.getByLabel('Es un valor provisional').check();
  await r1.getByRole('button', { name: 'Registrar el valor' }).click();
  const r1After = mimp.locator('section.indicator', { hasText: 'IOP-R1' });
  await expect(r1After.getByRole('status')).toHaveText('Valor registrado.');
  await expect(r1After.locator('.light')).toHaveText('Verde (provisional)');
  // Replaced by the final value: the provisional one stays in the history.
  await r1After.getByText('Registrar un nuevo valor').click();
  await r1After.getByLabel('Valor obtenido').fill('34 %');
  await r1After.getByLabel('Fuente').fill('Registro administrativo del MIMP');
  await r1After.getByLabel('Fecha del dato').fill('2025-04-30');
  await r1After.getByRole('button', { name: 'Registrar el valor' }).click();
  const replaced = mimp.locator('section.indicator', { hasText: 'IOP-R1' });
  await expect(replaced.locator('dd .light')).toHaveText('Ámbar');
  await expect(replaced.getByText('Historial de valores (2)')).toBeVisible();
  // The second indicator, descending: 30 days against an expected 25.
  const r2 = mimp.locator('section.indicator', { hasText: 'IOP-R2' });
  await r2.getByText('Registrar el valor obtenido').click();
  await r2.getByLabel('Valor obtenido').fill('30');
  await r2.getByLabel('Fuente').fill('Registro administrativo del MIMP');
  await r2.getByLabel('Fecha del dato').fill('2025-04-30');
  await r2.getByRole('button', { name: 'Registrar el valor' }).click();
  await expect(mimp.locator('section.indicator', { hasText: 'IOP-R2' }).locator('dl')).toContainText('83,3 %');
  // The service's indicator is the Ministry's: the entity is offered no form there.
  await expect(mimp.locator('section.indicator', { hasText: 'IS20' }).locator('form')).toHaveCount(0);
  await context.close();
  // The report with its forms, on a phone (axe needs the page's scripts on).
  const phone = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: true });
  const small = await phone.newPage();
  await signIn(small, 'mimp@pasos.demo');
  await small.goto(YEAR);
  await checkPage(small, 'el reporte de seguimiento a 320 px');
  await phone.close();

  // The team writes its analysis; it may not close before a review.
  await page.goto(YEAR);
  await expect(page.locator('#cierre')).toContainText('Aún no se puede cerrar: falta el análisis de Reintegración.');
  const analysis = page.locator('.analysis', { hasText: 'Reintegración' });
  await analysis.getByLabel('Análisis del objetivo · Reintegración').fill('## Avance\n\nEl plan de reintegración no alcanzó lo esperado; el tiempo hasta la acogida bajó.');
  await analysis.getByRole('button', { name: 'Guardar el análisis' }).click();
  await expect(page.locator('.analysis', { hasText: 'Reintegración' }).getByRole('status')).toContainText('Análisis guardado');
  await expect(page.locator('#cierre')).toContainText('Aún no se puede cerrar: falta revisar el análisis de Reintegración.');

  const boss = await browser.newContext({ javaScriptEnabled: false });
  const manager = await boss.newPage();
  await signIn(manager, 'directivo@pasos.demo');
  await manager.goto(YEAR);
  await manager.locator('.analysis', { hasText: 'Reintegración' }).getByRole('button', { name: 'Marcar esta versión como revisada' }).click();
  await expect(manager.locator('.analysis', { hasText: 'Reintegración' })).toContainText('revisada por Dirección (demo)');

  await page.goto(YEAR);
  await page.getByLabel('Confirmo que el reporte está completo').check();
  await page.getByRole('button', { name: 'Cerrar el reporte de seguimiento 2024' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Reporte cerrado.');
  await expect(page.locator('main')).toContainText('Cerrado por Equipo de la PNTP (demo)');

  // The manager sees the lights on the dashboard.
  await manager.goto('/tablero');
  const row = manager.locator('table.implementation tr', { hasText: 'PNTP' });
  await expect(row).toContainText('2024 · Cerrado');
  await expect(row).toContainText('De 2 indicadores con logro esperado para 2024: 0 en verde, 2 en ámbar, 0 en rojo y 0 sin dato.');
  await boss.close();
  const wide = await browser.newContext({ javaScriptEnabled: true });
  const desk = await wide.newPage();
  await signIn(desk, 'directivo@pasos.demo');
  await desk.goto('/tablero');
  await checkPage(desk, 'el tablero con la implementación');
  await wide.close();

  // The report in Word, converted by LibreOffice.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Word (DOCX)' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'seguimiento-'));
  const file = join(dir, 'reporte.docx');
  writeFileSync(file, readFileSync(await download.path()));
  const xml = zipEntry(readFileSync(file), 'word/document.xml');
  for (const text of ['Reporte de seguimiento 2024', 'Resumen', 'Objetivos prioritarios', 'Reintegración', 'Indicadores de los servicios', 'no son de la política aprobada']) expect(xml).toContain(text);
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, env: { ...process.env, HOME: dir } });
  expect(existsSync(join(dir, 'reporte.pdf'))).toBe(true);
});

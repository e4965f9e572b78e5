import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { signIn, zipEntry } from './helpers';

// These journeys write to the shared demo database (PNMPETI's structured content): one at a time.
test.describe.configure({ mode: 'serial' });

/// The form that adds items of `kind` on a step's structure page.
function form(page: Page, kind: string) {
  return page.locator(`#nuevo-${kind}`);
}

test('the team builds cause → objective → indicator → guideline → service and sees the chain in the consistency matrix', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpeti/pasos/2');
  await page.getByRole('link', { name: 'Contenido estructurado' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contenido estructurado' })).toBeVisible();

  const cause = form(page, 'causa_directa');
  await cause.getByLabel('Enunciado de la causa').fill('Pobreza monetaria de los hogares rurales');
  await cause.getByLabel('Fuerza de la evidencia').selectOption('alta');
  await cause.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText(/Se guardó CD\d+\./);
  const cd = (await page.getByRole('status').textContent())!.match(/CD\d+/)![0];
  await expect(page.getByRole('region', { name: 'Árbol de causas' })).toContainText(`${cd} Pobreza monetaria de los hogares rurales`);

  await page.goto('/politicas/pnmpeti/pasos/5/estructura');
  const objective = form(page, 'objetivo');
  await objective.getByLabel('Objetivo prioritario').fill('Reducir el trabajo infantil en zonas rurales');
  await objective.getByLabel('Causa directa que atiende').selectOption({ label: `${cd}. Pobreza monetaria de los hogares rurales` });
  await objective.getByLabel('Entidad responsable').fill('MTPE');
  await objective.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText(/Se guardó OP\d+\./);
  const op = (await page.getByRole('status').textContent())!.match(/OP\d+/)![0];

  // The indicator with its ficha técnica and a target that goes the wrong way.
  const indicator = form(page, 'indicador');
  await indicator.getByLabel('Pertenece a').selectOption({ label: `${op}. Reducir el trabajo infantil en zonas rurales` });
  await indicator.getByLabel('Nombre del indicador').fill('Tasa de trabajo infantil rural');
  await indicator.getByLabel('Responsable del indicador').fill('MTPE – DGPPDF');
  await indicator.getByLabel('Método de cálculo').fill('Niños y adolescentes que trabajan / población de 5 a 17 años × 100');
  await indicator.getByLabel('Parámetro de medición').fill('Porcentaje');
  await indicator.getByLabel('Sentido esperado').selectOption('descendente');
  await indicator.getByLabel('Fuente y base de datos').fill('INEI – ENAHO');
  await indicator.getByLabel('Línea de base: año').fill('2024');
  await indicator.getByLabel('Línea de base: valor').fill('26,1');
  const targets: [number, string][] = [[2025, '25'], [2026, '24'], [2027, '24,5'], [2028, '22'], [2029, '21'], [2030, '20']];
  for (const [year, value] of targets) await indicator.getByLabel(`Meta ${year}`).fill(value);
  await indicator.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('alert')).toHaveText('La meta de 2027 va en contra del sentido esperado del indicador.');
  // Nothing typed is lost.
  const back = form(page, 'indicador');
  await expect(back.getByLabel('Nombre del indicador')).toHaveValue('Tasa de trabajo infantil rural');
  await expect(back.getByLabel('Método de cálculo')).toHaveValue(/población de 5 a 17 años/);
  await expect(back.getByLabel('Meta 2027')).toHaveValue('24,5');
  await expect(back.getByLabel('Meta 2030')).toHaveValue('20');
  await expect(page.locator('#titulo-indicador ~ p')).toHaveText('Aún no hay elementos.');
  await back.getByLabel('Meta 2027').fill('23');
  await back.getByRole('button', { name: 'Guardar' }).click();
  const ind = `I${op}.1`;
  await expect(page.getByRole('status')).toHaveText(`Se guardó ${ind}.`);
  await expect(page.locator(`#item-${ind.replace('.', '\\.')}`)).toContainText('2025: 25; 2026: 24; 2027: 23; 2028: 22; 2029: 21; 2030: 20');

  await page.goto('/politicas/pnmpeti/pasos/6/estructura');
  const guideline = form(page, 'lineamiento');
  await guideline.getByLabel('Pertenece a').selectOption({ index: 1 });
  await guideline.getByRole('textbox', { name: 'Lineamiento (obligatorio)', exact: true }).fill('Ampliar la protección social a hogares con niños que trabajan');
  await guideline.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText(/Se guardó L\d+\.1\./);

  await page.goto('/politicas/pnmpeti/pasos/7/estructura');
  const service = form(page, 'servicio');
  await service.getByLabel('Pertenece a').selectOption({ index: 1 });
  await service.getByRole('textbox', { name: 'Servicio (obligatorio)', exact: true }).fill('Transferencia condicionada a la asistencia escolar');
  await service.getByLabel('Persona que recibe el servicio').fill('Hogares rurales con niños que trabajan');
  await service.getByLabel('Proveedor').fill('MIDIS – Juntos');
  await service.getByLabel('Nivel de gobierno').selectOption('nacional');
  await service.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText(/Se guardó S\d+\.1\.1\./);

  // The chain, generated: the service has no standard yet, and the matrix says so.
  await page.goto('/politicas/pnmpeti');
  await page.getByRole('link', { name: 'Matriz de consistencia' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Matriz de consistencia' })).toBeVisible();
  const row = page.getByRole('row', { name: /Transferencia condicionada/ });
  for (const cell of [`${cd}. Pobreza monetaria`, `${op}. Reducir el trabajo infantil`, `${ind}. Tasa de trabajo infantil rural`, 'Ampliar la protección social', 'Transferencia condicionada a la asistencia escolar']) {
    await expect(row).toContainText(cell);
  }
  await expect(row).toContainText('servicio sin estándar');
  await expect(row.locator('td.gap').first()).toHaveText('Falta');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar XLSX' }).click()]);
  expect(download.suggestedFilename()).toBe('matriz-de-consistencia-PNMPETI.xlsx');
  const xlsx = readFileSync(await download.path());
  const strings = zipEntry(xlsx, 'xl/sharedStrings.xml');
  for (const cell of ['Objetivo prioritario', `${ind}. Tasa de trabajo infantil rural`, 'Transferencia condicionada a la asistencia escolar', 'servicio sin estándar; servicio sin actividad']) {
    expect(strings).toContain(cell);
  }
  const sheet = zipEntry(xlsx, 'xl/worksheets/sheet1.xml');
  // The title, the header and the one chain (the blank row under the title is not written).
  expect(sheet.match(/<row /g)?.length).toBe(3);
});

test('a participant cannot open the structure nor the matrix', async ({ page, baseURL }) => {
  await signIn(page, 'cusco@pasos.demo');
  const response = await page.goto('/politicas/pnmpeti/matriz-de-consistencia');
  expect(response?.status()).toBe(403);
  const form = await page.request.post('/politicas/pnmpeti/pasos/2/estructura', {
    form: { accion: 'guardar', tipo: 'causa_directa', 'v:enunciado': 'No' },
    headers: { Origin: baseURL ?? '' },
  });
  expect(form.status()).toBe(403);
});

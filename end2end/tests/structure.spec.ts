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

  // The indicator with its ficha técnica and an expected achievement that goes the wrong way.
  const indicator = form(page, 'indicador');
  await indicator.getByLabel('Pertenece a').selectOption({ label: `${op}. Reducir el trabajo infantil en zonas rurales` });
  await indicator.getByLabel('Nombre del indicador').fill('Tasa de trabajo infantil rural');
  await indicator.getByLabel('Tipo de indicador').selectOption('resultado');
  await indicator.getByLabel('Justificación').fill('Mide la magnitud del problema en la zona rural');
  await indicator.getByLabel('Responsable del indicador').fill('MTPE – DGPPDF');
  await indicator.getByLabel('Método de cálculo').fill('Niños y adolescentes que trabajan / población de 5 a 17 años × 100');
  await indicator.getByLabel('Definición de las variables').fill('Trabajo infantil según la ETI; población de 5 a 17 años de la ENAHO');
  await indicator.getByLabel('Parámetro de medición').selectOption('porcentaje');
  await indicator.getByLabel('Sentido esperado').selectOption('descendente');
  await indicator.getByLabel('Fuente y base de datos').fill('INEI – ENAHO');
  await indicator.getByRole('combobox', { name: 'Línea de base (obligatorio)', exact: true }).selectOption('con_valor');
  // With the wasm running, the year fields follow the baseline year as it is typed.
  await expect(indicator.locator('[data-vivo]')).toHaveCount(1);
  await expect(indicator.getByLabel('Valor obtenido 2022')).toHaveCount(1);
  await indicator.getByLabel('Línea de base: año').fill('2024');
  await expect(indicator.getByLabel('Valor obtenido 2022')).toHaveCount(0);
  await expect(indicator.getByLabel('Valor obtenido 2025')).toBeVisible();
  await indicator.getByLabel('Línea de base: valor').fill('26,1 %');
  const targets: [number, string][] = [[2026, '24 %'], [2027, '24,5 %'], [2030, 'como máximo 20 %']];
  for (const [year, value] of targets) await indicator.getByLabel(`Logro esperado ${year}`).fill(value);
  await indicator.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('alert')).toHaveText('El logro esperado de 2027 va en contra del sentido esperado del indicador.');
  // Nothing typed is lost.
  const back = form(page, 'indicador');
  await expect(back.getByLabel('Nombre del indicador')).toHaveValue('Tasa de trabajo infantil rural');
  await expect(back.getByLabel('Método de cálculo')).toHaveValue(/población de 5 a 17 años/);
  await expect(back.getByLabel('Logro esperado 2027')).toHaveValue('24,5 %');
  await expect(back.getByLabel('Logro esperado 2030')).toHaveValue('como máximo 20 %');
  await expect(page.locator('#titulo-indicador ~ p')).toHaveText('Aún no hay elementos.');
  await back.getByLabel('Logro esperado 2027').fill('23 %');
  await back.getByRole('button', { name: 'Guardar' }).click();
  const ind = `I${op}.1`;
  await expect(page.getByRole('status')).toHaveText(`Se guardó ${ind}.`);
  const ficha = page.locator(`#detalle-item-${ind.replace('.', '\\.')}`);
  await ficha.locator('summary').click();
  await expect(ficha.getByRole('row', { name: /Logro esperado 2027/ })).toContainText('23 %');
  await expect(ficha.getByRole('img')).toHaveAccessibleName(`${ind} Tasa de trabajo infantil rural`);
  await expect(ficha.getByRole('img')).toHaveAccessibleDescription(/línea de base 26,1\s%\s\(2024\); logro esperado 24\s%\s\(2026\)/);

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
  await service.getByLabel('Población objetivo').fill('Hogares rurales en pobreza con niños de 6 a 17 años');
  await service.getByLabel('Condición del servicio').selectOption('mejora');
  await service.getByLabel('Proveedor').fill('MIDIS – Juntos');
  await service.getByRole('group', { name: 'Niveles de gobierno que lo prestan' }).getByLabel('Nacional').check();
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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a forced-labour indicator still to be measured, years that follow the baseline, and Entregable 3 printed with its fichas', async ({ page }) => {
    await signIn(page, 'equipo@pasos.demo');
    await page.goto('/politicas/pnmpetf/pasos/2/estructura');
    const cause = form(page, 'causa_directa');
    await cause.getByLabel('Enunciado de la causa').fill('Débil detección del trabajo forzoso');
    await cause.getByRole('button', { name: 'Guardar' }).click();
    await page.goto('/politicas/pnmpetf/pasos/5/estructura');
    const objective = form(page, 'objetivo');
    await objective.getByLabel('Objetivo prioritario').fill('Reducir el trabajo forzoso');
    await objective.getByLabel('Causa directa que atiende').selectOption({ index: 1 });
    await objective.getByLabel('Entidad responsable').fill('MTPE');
    await objective.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText(/Se guardó OP\d+\./);

    const indicator = form(page, 'indicador');
    await indicator.getByLabel('Pertenece a').selectOption({ index: 1 });
    await indicator.getByLabel('Nombre del indicador').fill('Prevalencia del trabajo forzoso');
    await indicator.getByLabel('Tipo de indicador').selectOption('impacto');
    await indicator.getByLabel('Justificación').fill('Mide el problema público');
    await indicator.getByLabel('Responsable del indicador').fill('MTPE');
    await indicator.getByLabel('Método de cálculo').fill('Personas en trabajo forzoso / población ocupada × 100');
    await indicator.getByLabel('Definición de las variables').fill('Según la encuesta nacional por construir');
    await indicator.getByLabel('Parámetro de medición').selectOption('porcentaje');
    await indicator.getByLabel('Sentido esperado').selectOption('descendente');
    await indicator.getByLabel('Fuente y base de datos').fill('Encuesta nacional (por diseñar)');
    await indicator.getByRole('combobox', { name: 'Línea de base (obligatorio)', exact: true }).selectOption('por_construir');
    await indicator.getByLabel('Línea de base: año').fill('2027');
    await indicator.getByLabel('Línea de base: valor').fill('3 %');
    await indicator.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('alert')).toHaveText('«Línea de base: valor» debe quedar en blanco: la línea de base aún está por construir.');
    const back = form(page, 'indicador');
    await expect(back.getByLabel('Definición de las variables')).toHaveValue('Según la encuesta nacional por construir');
    await back.getByLabel('Línea de base: valor').fill('');
    await back.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText(/Se guardó IOP\d+\.1\./);

    // A measured indicator from 2019: the 2020 fields come with "Actualizar los años", no refusal.
    const second = form(page, 'indicador');
    await second.getByLabel('Pertenece a').selectOption({ index: 1 });
    await second.getByLabel('Nombre del indicador').fill('Porcentaje de víctimas atendidas');
    await second.getByLabel('Tipo de indicador').selectOption('resultado');
    await second.getByLabel('Justificación').fill('Mide la atención');
    await second.getByLabel('Responsable del indicador').fill('MTPE');
    await second.getByLabel('Método de cálculo').fill('Atendidas / identificadas × 100');
    await second.getByLabel('Definición de las variables').fill('Registros de la DGDFSST');
    await second.getByLabel('Parámetro de medición').selectOption('porcentaje');
    await second.getByLabel('Sentido esperado').selectOption('ascendente');
    await second.getByLabel('Fuente y base de datos').fill('Registros administrativos del MTPE');
    await second.getByRole('combobox', { name: 'Línea de base (obligatorio)', exact: true }).selectOption('con_valor');
    await second.getByLabel('Línea de base: año').fill('2019');
    await second.getByLabel('Línea de base: valor').fill('40 %');
    await expect(second.getByLabel('Valor obtenido 2020')).toHaveCount(0);
    await second.getByRole('button', { name: 'Actualizar los años' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const years = form(page, 'indicador');
    await expect(years.getByRole('status')).toContainText('Años actualizados');
    await expect(years.getByLabel('Línea de base: valor')).toHaveValue('40 %');
    for (const [year, value] of [[2020, '42 %'], [2021, '45 %'], [2022, '47,5 %'], [2023, '50 %']]) await years.getByLabel(`Valor obtenido ${year}`).fill(String(value));
    await years.getByLabel('Logro esperado 2026').fill('al menos 60 %');
    await years.getByLabel('Logro esperado 2030').fill('al menos 70 %');
    await years.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText(/Se guardó IOP\d+\.2\./);

    await page.goto('/politicas/pnmpetf/entregables/3/documento');
    const annex = page.getByRole('region', { name: /Anexo 1\. Fichas técnicas/ });
    await expect(annex).toContainText('Ficha técnica del indicador');
    await expect(annex.getByRole('row', { name: /Valor actual 2023/ })).toContainText('50 %');
    await expect(annex.getByRole('row', { name: /Logro esperado 2030/ })).toContainText('al menos 70 %');
    await expect(annex.getByRole('row', { name: /Línea de base 2027/ })).toContainText('Por construir');
    await expect(annex.getByRole('img').first()).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar DOCX' }).click()]);
    const docx = readFileSync(await download.path());
    const xml = zipEntry(docx, 'word/document.xml');
    for (const label of ['Anexo 1. Fichas técnicas de los indicadores de los objetivos prioritarios', 'Parámetro de medición', 'Sentido esperado del indicador', 'Valor actual', 'Por construir']) expect(xml).toContain(label);
  });
});

import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPage, htmlErrors, signIn, zipEntry } from './helpers';

// The team's paperwork, without JavaScript: the work plan against the record, CEPLAN's
// observations answered in the matriz de levantamiento, and the informe de sistematización of
// the demo consultation in Word. These journeys move PNMPETF's first deliverable: one at a time.
test.describe.configure({ mode: 'serial' });
test.use({ javaScriptEnabled: false });

let observations = '';

test('the team sets a work plan and the dashboard shows a deliverable late against it', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpetf');
  await page.getByRole('link', { name: 'Plan de trabajo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan de trabajo' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Plan frente a lo registrado' })).toContainText('La política aún no tiene plan de trabajo');
  const form = page.locator('#plan');
  // One date of a line is refused at that line, with what was typed kept.
  await form.getByLabel('Entregable 1: Inicio previsto').fill('2023-04-01');
  await form.getByRole('button', { name: 'Guardar el plan' }).click();
  await expect(page.locator('#plan-entregable-1').getByRole('alert')).toHaveText('Indique las dos fechas, inicio y fin, o deje ambas vacías.');
  await expect(form.getByLabel('Entregable 1: Inicio previsto')).toHaveValue('2023-04-01');
  await form.getByLabel('Entregable 1: Fin previsto').fill('2023-09-30');
  await form.getByLabel('Entregable 2: Inicio previsto').fill('2023-10-01');
  await form.getByLabel('Entregable 2: Fin previsto').fill('2027-03-31');
  await form.getByRole('button', { name: 'Guardar el plan' }).click();
  await expect(page.getByRole('status')).toHaveText('Plan de trabajo guardado: versión 1.');
  const table = page.locator('#plan-tabla');
  await expect(table.getByRole('row', { name: /Entregable 1/ })).toContainText(/Con retraso de \d+ días/);
  await expect(table.getByRole('row', { name: /Entregable 2/ })).toContainText(/Sin iniciar: el inicio previsto fue hace \d+ días/);
  await expect(page.getByRole('img', { name: 'Plan frente a lo registrado, en el tiempo' })).toBeVisible();

  // Re-planning keeps the first version and says why.
  await form.getByLabel('Entregable 1: Fin previsto').fill('2024-03-31');
  await form.getByLabel('Motivo de la replanificación (obligatorio)').fill('El CEPLAN pidió reformular el paso 2 con la nueva guía.');
  await form.getByRole('button', { name: 'Guardar el plan' }).click();
  await expect(page.getByRole('status')).toHaveText('Plan de trabajo guardado: versión 2.');
  await expect(page.getByRole('region', { name: 'Versiones del plan' })).toContainText('El CEPLAN pidió reformular el paso 2 con la nueva guía.');
  await expect(table.getByRole('row', { name: /Entregable 1/ })).toContainText('(replanificado)');

  await page.goto('/tablero');
  const row = page.getByRole('row', { name: /PNMPETF/ });
  await expect(row.getByRole('cell').nth(0)).toContainText(/Plan: hasta 31\/03\/2024 \(replanificado\) · Con retraso de \d+ días/);
  await expect(page.locator('#atencion + ul.attention, .attention').first()).toContainText(/PNMPETF · Entregable 1: con retraso respecto del plan de trabajo/);
});

test('CEPLAN records three observations, the team answers them and downloads the matrix', async ({ page, browser }) => {
  await signIn(page, 'equipo@pasos.demo');
  // The team re-enters E1 (its current text, frozen as the version sent) …
  await page.goto('/politicas/pnmpetf/entregables/1');
  const review = page.locator('form.review-form').filter({ hasText: 'Nuevo estado' });
  await review.getByLabel('Reingresar al CEPLAN').check();
  await review.getByLabel(/^Documento/).fill('Oficio N° 230-2026-MTPE/2');
  await review.getByRole('button', { name: 'Registrar' }).click();
  await expect(page.getByRole('status')).toHaveText('Registrado.');
  // … and opens the round where CEPLAN's observations are recorded one by one.
  const open = page.locator('#nueva-ronda');
  await open.getByLabel('Tipo').selectOption({ label: 'Observaciones del CEPLAN' });
  await open.getByLabel('Título').fill('Observaciones del CEPLAN al reingreso del Entregable 1');
  await open.getByRole('button', { name: 'Abrirla' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Observaciones del CEPLAN al reingreso del Entregable 1');
  observations = new URL(page.url()).pathname;

  const context = await browser.newContext({ javaScriptEnabled: false });
  const ceplan = await context.newPage();
  await signIn(ceplan, 'ceplan@pasos.demo');
  await ceplan.goto(observations);
  const typed = [
    'Precisar la fuente de la cifra de víctimas.\nEl informe de 2023 no es la última medición.',
    '1. Ordenar las causas según el árbol.\n2. Añadir la captación por redes sociales.',
    'Revisar la redacción del enunciado.',
  ];
  for (const text of typed) {
    await ceplan.locator('#texto').getByRole('link', { name: /Comentar este párrafo/ }).first().click();
    await ceplan.getByRole('textbox', { name: 'Aporte', exact: true }).fill(text);
    await ceplan.getByRole('button', { name: 'Enviar aporte' }).click();
    await expect(ceplan.getByRole('status')).toContainText('Aporte enviado');
  }
  // Each line CEPLAN typed stays a line.
  await expect(ceplan.locator('#aporte-1 .prose br')).toHaveCount(1);

  await page.goto(observations);
  const first = page.locator('#aporte-1');
  await expect(first.getByLabel('Acogido', { exact: true })).toHaveCount(0);
  await first.getByLabel('Levantada', { exact: true }).check();
  await first.getByRole('button', { name: 'Guardar la respuesta' }).click();
  await expect(page.getByRole('alert')).toContainText('Indique dónde se levantó la observación');
  await page.locator('#aporte-1').getByLabel('Levantada', { exact: true }).check();
  await page.locator('#aporte-1').getByLabel('Ubicación del cambio en el documento').fill('Paso 1, párrafo 3');
  await page.locator('#aporte-1').getByRole('button', { name: 'Guardar la respuesta' }).click();
  await expect(page.getByRole('status')).toContainText('Respuesta guardada para el aporte N° 1');
  const second = page.locator('#aporte-2');
  await second.getByLabel('No levantada – se sustenta').check();
  await second.getByLabel(/^Sustento/).fill('1. El orden sigue el árbol validado.\n2. La captación por redes ya es la causa indirecta CI 1.2.');
  await second.getByRole('button', { name: 'Guardar la respuesta' }).click();
  const third = page.locator('#aporte-3');
  await third.getByLabel('Levantada parcialmente').check();
  await third.getByLabel(/^Sustento/).fill('Se corrige la redacción; el alcance se mantiene.');
  await third.getByLabel('Ubicación del cambio en el documento').fill('Paso 2, párrafo 1');
  await third.getByRole('button', { name: 'Guardar la respuesta' }).click();
  await expect(page.locator('#aporte-3 .answer')).toContainText('Ubicación del cambio: Paso 2, párrafo 1');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /levantamiento de observaciones \(XLSX\)/ }).click()]);
  const strings = zipEntry(readFileSync(await download.path()), 'xl/sharedStrings.xml');
  for (const text of ['Observación del CEPLAN', 'Levantada', 'No levantada – se sustenta', 'Levantada parcialmente', 'Paso 1, párrafo 3']) expect(strings).toContain(text);
  const docx = await page.request.get(`${observations}/levantamiento.docx`);
  expect(docx.status()).toBe(200);
  expect(zipEntry(await docx.body(), 'word/document.xml')).toContain('Matriz de levantamiento de observaciones');
  // CEPLAN reads the matrix; a regional participant may not read the round, nor its files.
  expect((await ceplan.request.get(`${observations}/levantamiento.xlsx`)).status()).toBe(200);
  await context.close();
  const other = await browser.newContext({ javaScriptEnabled: false });
  const cusco = await other.newPage();
  await signIn(cusco, 'cusco@pasos.demo');
  expect((await cusco.request.get(`${observations}/levantamiento.docx`)).status()).toBe(403);
  await other.close();
});

test('the systematization report of the demo consultation reads on its page and opens in LibreOffice', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/rondas');
  await page.getByRole('link', { name: /^Ejemplo ilustrativo: consulta regional/ }).first().click();
  await page.getByRole('link', { name: 'Informe de sistematización (página y DOCX)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informe de sistematización de aportes' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Consulta de ejemplo: sus aportes son ilustrativos.');
  await expect(page.locator('main')).toContainText(/Se recibieron \d+ aportes/);
  await expect(page.getByRole('img', { name: 'Aportes por respuesta' })).toBeVisible();
  await page.screenshot({ path: join(tmpdir(), 'informe-de-sistematizacion.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar el informe (DOCX)' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'informe-'));
  const file = join(dir, 'informe.docx');
  writeFileSync(file, readFileSync(await download.path()));
  const xml = zipEntry(readFileSync(file), 'word/document.xml');
  for (const heading of ['Informe de sistematización de aportes', 'Participación', 'Aportes por paso y por respuesta', 'Cambios que causaron los aportes acogidos']) expect(xml).toContain(heading);
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, env: { ...process.env, HOME: dir } });
  expect(existsSync(join(dir, 'informe.pdf'))).toBe(true);
});

test('the team files the re-entry with its oficio and informe técnico; CEPLAN reads them, a participant may not', async ({ page, browser }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpetf');
  await page.getByRole('link', { name: 'Expediente' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Expediente' })).toBeVisible();
  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  const form = page.locator('#nuevo-documento');
  // An HTML page renamed .pdf is refused by its content; what was typed stays.
  await form.getByLabel('Tipo de documento').selectOption({ label: 'Oficio' });
  await form.getByLabel('Número, como figura en el documento').fill('Oficio N° 230-2026-MTPE/2');
  await form.getByLabel('Fecha del documento').fill('2026-11-20');
  await form.getByLabel('N° de expediente o CUT').fill('CUT 123456-2026');
  const reentry = await form.locator('#doc-evento option', { hasText: 'Entregable 1 reingresado al CEPLAN' }).first().getAttribute('value');
  await form.getByLabel('Evento de la revisión').selectOption(reentry!);
  await form.getByLabel('Archivos (PDF, DOCX o XLSX)').setInputFiles({ name: 'oficio.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await form.getByRole('button', { name: 'Guardar el documento' }).click();
  await expect(page.getByRole('alert')).toContainText('Solo se aceptan archivos PDF, DOCX o XLSX');
  await expect(page.locator('#nuevo-documento').getByLabel('Número, como figura en el documento')).toHaveValue('Oficio N° 230-2026-MTPE/2');
  await page.locator('#nuevo-documento').getByLabel('Archivos (PDF, DOCX o XLSX)').setInputFiles({ name: 'Oficio 230 firmado.pdf', mimeType: 'application/pdf', buffer: pdf('oficio') });
  await page.locator('#nuevo-documento').getByRole('button', { name: 'Guardar el documento' }).click();
  await expect(page.getByRole('status')).toHaveText('Documento guardado en el expediente: Oficio N° 230-2026-MTPE/2.');

  const again = page.locator('#nuevo-documento');
  await again.getByLabel('Tipo de documento').selectOption({ label: 'Informe técnico' });
  await again.getByLabel('Número, como figura en el documento').fill('Informe Técnico N° 45-2026-MTPE/2/15');
  await again.getByLabel('Fecha del documento').fill('2026-11-19');
  await again.getByLabel('Evento de la revisión').selectOption(reentry!);
  await again.getByLabel('Archivos (PDF, DOCX o XLSX)').setInputFiles([
    { name: 'informe.pdf', mimeType: 'application/pdf', buffer: pdf('informe') },
    { name: 'anexo.pdf', mimeType: 'application/pdf', buffer: pdf('anexo') },
  ]);
  await again.getByRole('button', { name: 'Guardar el documento' }).click();
  await expect(page.getByRole('status')).toContainText('Informe Técnico N° 45-2026-MTPE/2/15');
  await expect(page.locator('.document-entry')).toHaveCount(2);
  const file = await page.getByRole('link', { name: 'Oficio 230 firmado.pdf' }).getAttribute('href');

  const context = await browser.newContext({ javaScriptEnabled: false });
  const ceplan = await context.newPage();
  await signIn(ceplan, 'ceplan@pasos.demo');
  await ceplan.goto('/politicas/pnmpetf/expediente');
  await expect(ceplan.locator('.document-entry').first().getByRole('heading')).toHaveText('Informe Técnico N° 45-2026-MTPE/2/15');
  const read = await ceplan.request.get(file!);
  expect(read.status()).toBe(200);
  expect(read.headers()['content-disposition']).toMatch(/^attachment;/);
  expect((await read.body()).toString()).toContain('% oficio');
  const zip = await ceplan.request.get('/politicas/pnmpetf/expediente.zip');
  expect(zip.status()).toBe(200);
  await context.close();
  const other = await browser.newContext({ javaScriptEnabled: false });
  const cusco = await other.newPage();
  await signIn(cusco, 'cusco@pasos.demo');
  expect((await cusco.request.get(file!)).status()).toBe(403);
  await other.close();
});

test('the team records a workshop, imports its attendance sheet from Excel and two contributions, and the report counts its participants', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/politicas/pnmpeti');
  await page.getByRole('link', { name: 'Talleres' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Talleres' })).toBeVisible();
  const call = page.locator('#nuevo-taller');
  await call.getByLabel('Título').fill('Taller macrorregional: situación futura deseada');
  await call.getByLabel('Primer día (o único)').fill('2023-10-12');
  await call.getByLabel('Modalidad').selectOption({ label: 'Virtual' });
  await call.getByLabel('Propósito').fill('Validar la situación futura deseada e identificar alternativas de solución.');
  const round = await call.locator('#taller-ronda option', { hasText: /^E2 · / }).first().getAttribute('value');
  await call.getByLabel('Ronda en la que se registran sus aportes').selectOption(round!);
  await call.getByRole('checkbox', { name: /^Paso 3:/ }).check();
  await call.getByLabel('Entidades y organizaciones convocadas').fill('las D/GRTPE y los CDRPETI');
  for (const region of ['Ayacucho', 'Cusco', 'Huánuco', 'Loreto']) await call.getByLabel(region, { exact: true }).check();
  await call.getByRole('button', { name: 'Registrar el taller' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Taller registrado.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Taller macrorregional: situación futura deseada');
  const workshop = new URL(page.url()).pathname;

  // The attendance sheet as a spreadsheet program saves it (the CSV made an XLSX by LibreOffice).
  const dir = mkdtempSync(join(tmpdir(), 'asistencia-'));
  execFileSync('soffice', ['--headless', '--norestore', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, 'fixtures/asistencia.csv'], {
    timeout: 120_000,
    env: { ...process.env, HOME: dir },
  });
  await page.getByLabel('Hoja de asistencia (CSV o XLSX, hasta 2 MB)').setInputFiles(join(dir, 'asistencia.xlsx'));
  await page.getByRole('button', { name: 'Importar la lista' }).click();
  await expect(page.getByRole('status')).toHaveText('Se agregaron 12 personas a la lista.');
  const attendance = page.getByRole('region', { name: 'Asistencia' });
  await expect(attendance).toContainText('12 participantes de 4 regiones');
  await expect(attendance.getByRole('table', { name: 'Por sexo' })).toContainText('Femenino7');
  await expect(page.getByRole('img', { name: 'Participantes por región' })).toBeVisible();
  await expect(attendance.getByRole('table', { name: 'Lista de asistencia' })).toContainText('Rosa Quispe Huamán');

  // Two contributions received there, recorded into the workshop's round.
  for (const [region, text] of [
    ['Cusco', 'Incluir a las rondas campesinas entre los actores que previenen el trabajo infantil.'],
    ['Loreto', 'Considerar el trabajo infantil en la pesca artesanal amazónica.'],
  ]) {
    const form = page.locator('form[action$="/aportes"]');
    await form.getByLabel('Organización').fill(`DRTPE ${region}`);
    await form.getByLabel('Región').selectOption({ label: region });
    await form.getByLabel('Aporte').fill(text);
    await form.getByRole('button', { name: 'Registrar' }).click();
    await expect(page.getByRole('status')).toContainText('registrado en la ronda del taller');
  }
  await expect(page.getByRole('region', { name: /Aportes recibidos en el taller/ })).toContainText('pesca artesanal');
  await page.getByLabel('Texto del acta').fill('## Acuerdos\n\n1. Las regiones envían sus aportes escritos hasta el 31 de octubre.');
  await page.getByRole('button', { name: 'Guardar el acta' }).click();
  await expect(page.getByRole('status')).toHaveText('Acta guardada.');
  await expect(page.getByRole('region', { name: 'Acta' })).toContainText('Las regiones envían sus aportes escritos');
  // The call corrected afterwards: the link of the session added.
  await page.getByText('Corregir la convocatoria').click();
  const correction = page.locator('#convocatoria');
  await expect(correction.getByLabel('Título')).toHaveValue('Taller macrorregional: situación futura deseada');
  await correction.getByLabel('Lugar o enlace').fill('https://reuniones.example/taller-macrorregional');
  await correction.getByRole('button', { name: 'Guardar la convocatoria' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Convocatoria corregida.');
  await expect(page.locator('.facts')).toContainText('https://reuniones.example/taller-macrorregional');

  // The progress report counts its participants; CEPLAN sees the counts, never the names.
  await page.goto('/politicas/pnmpeti/informe?desde=2023-10&hasta=2023-12');
  await expect(page.locator('main')).toContainText(
    'El 12 de octubre de 2023 se realizó el «Taller macrorregional: situación futura deseada», de modalidad virtual, dirigido a las D/GRTPE y los CDRPETI (4 regiones convocadas), con el fin de validar la situación futura deseada e identificar alternativas de solución, con 12 participantes de 4 regiones; se registraron 2 aportes recibidos en él.',
  );
  const other = await browser.newContext({ javaScriptEnabled: false });
  const ceplan = await other.newPage();
  await signIn(ceplan, 'ceplan@pasos.demo', workshop);
  await expect(ceplan.getByRole('region', { name: 'Asistencia' })).toContainText('12 participantes de 4 regiones');
  await expect(ceplan.locator('main')).not.toContainText('Rosa Quispe');
  await other.close();

  // On a phone, with every form, and after a sheet refused line by line: no wider than the
  // screen, nothing axe finds, valid HTML.
  const phone = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: true });
  const team = await phone.newPage();
  await signIn(team, 'equipo@pasos.demo', workshop);
  const wrong = join(dir, 'asistencia-con-errores.csv');
  writeFileSync(wrong, 'Nombre;Región;Sexo\nAna Ríos;Cusco;F\nLuis Paz;Marte;M\n');
  await team.getByLabel('Hoja de asistencia (CSV o XLSX, hasta 2 MB)').setInputFiles(wrong);
  await team.getByRole('button', { name: 'Importar la lista' }).click();
  await expect(team.getByRole('alert')).toContainText('No se importó ninguna fila');
  await expect(team.locator('.form-error-list')).toContainText('Fila 3: ');
  await expect(team.locator('.form-error-list')).toContainText('Se leyó: «Marte».');
  const files: string[] = [];
  for (const url of [null, workshop, '/politicas/pnmpeti/talleres']) {
    if (url) await team.goto(url);
    await checkPage(team, `${url ?? 'the refused sheet'} at 320 px`);
    files.push(join(dir, `${files.length}.html`));
    writeFileSync(files[files.length - 1], await (await team.request.get(team.url())).text());
  }
  expect(htmlErrors(files)).toEqual([]);
  await phone.close();
});

import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { freezeE2, openRound, person, signIn, zipEntry } from './helpers';

// One regional consultation, from opening to the published answers: the steps depend on each other.
test.describe.configure({ mode: 'serial' });

let round = '';
let cuscoOnly = '';

test('the team freezes E2 of PNMPETI and opens a regional round for Cusco and Loreto', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await freezeE2(page);

  round = await openRound(page, 'Consulta regional: pasos 3 y 4', ['Cusco', 'Loreto']);
  cuscoOnly = await openRound(page, 'Consulta solo para Cusco', ['Cusco']);
  await expect(page.locator('#texto .block[id^="p3-"]')).toHaveCount(2);
});

test('participants comment on a paragraph, with and without JavaScript, and see only their region', async ({ browser }) => {
  const loreto = await person(browser, 'loreto@pasos.demo');
  await loreto.goto(round);
  await loreto.locator('#p3-1').getByRole('link', { name: /Comentar este párrafo/ }).click();
  await loreto.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Loreto: incluir a las comunidades nativas.');
  await loreto.getByRole('button', { name: 'Enviar aporte' }).click();
  await expect(loreto.getByRole('status')).toContainText('Aporte enviado: N° 1');

  // Loreto is not invited to the Cusco-only round: it cannot read it, let alone comment.
  const refused = await loreto.goto(cuscoOnly);
  expect(refused?.status()).toBe(403);
  await expect(loreto.getByRole('link', { name: /Comentar/ })).toHaveCount(0);

  const cusco = await person(browser, 'cusco@pasos.demo', false);
  await cusco.goto(round);
  // Keyboard: the "Comentar" link of the second paragraph is a real link, reached and followed with the keyboard.
  const link = cusco.locator('#p3-2').getByRole('link', { name: /Comentar este párrafo/ });
  await link.focus();
  await cusco.keyboard.press('Enter');
  await expect(cusco.locator('#comentar blockquote')).toHaveText('Las regiones cuentan con un CDRPETI activo y con presupuesto.');
  await cusco.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Cusco: precisar qué significa «activo».');
  await cusco.getByRole('button', { name: 'Enviar aporte' }).click();
  // Cusco's first as Cusco knows it: the round's N° (2, after Loreto's) stays hidden until publication.
  await expect(cusco.getByRole('status')).toContainText('Aporte enviado: N° 1');
  await expect(cusco.locator('#aportes')).toContainText('Cusco: precisar qué significa «activo».');
  await expect(cusco.locator('#aportes')).not.toContainText('comunidades nativas');
  await cusco.context().close();
  await loreto.context().close();
});

test('the team answers all, publishes and closes; the participant sees the answer and a notice; the matrix downloads', async ({ page, browser }) => {
  await signIn(page, 'equipo@pasos.demo');
  await page.goto(round);
  // A "No acogido" without justification is refused, and systematizing with answers missing too.
  const first = page.locator('#aporte-1');
  await first.getByLabel('No acogido').check();
  await first.getByRole('button', { name: 'Guardar la respuesta' }).click();
  await expect(page.getByRole('alert')).toContainText('La justificación es obligatoria');
  // Closing and systematizing cannot be undone: each states its facts and wants a ticked confirmation.
  const close = page.locator('form.confirm').filter({ hasText: 'Cerrarla ahora no se puede deshacer' });
  await expect(close).toContainText('La consulta tiene 2 aportes');
  await close.getByRole('button', { name: 'Cerrar la consulta ahora' }).click();
  await expect(page.locator('.facts')).not.toContainText('Cerrada');
  await close.getByLabel('Confirmo: no se puede deshacer').check();
  await close.getByRole('button', { name: 'Cerrar la consulta ahora' }).click();
  await expect(page.locator('.facts')).toContainText('Cerrada');
  const systematize = page.locator('form.confirm').filter({ hasText: 'Sistematizarla no se puede deshacer' });
  await systematize.getByLabel('Confirmo: no se puede deshacer').check();
  await systematize.getByRole('button', { name: 'Sistematizar (todas respondidas)' }).click();
  await expect(page.getByRole('alert')).toContainText('Hay aportes sin respuesta');

  await page.locator('#aporte-1').getByLabel('Acogido parcialmente').check();
  await page.locator('#aporte-1').getByLabel(/^Justificación/).fill('Se incorpora en el enfoque intercultural del paso 3.');
  await page.locator('#aporte-1').getByRole('button', { name: 'Guardar la respuesta' }).click();
  await expect(page.getByRole('status')).toContainText('Respuesta guardada para el aporte N° 1');
  await page.locator('#aporte-2').getByLabel('No acogido', { exact: true }).check();
  await page.locator('#aporte-2').getByLabel(/^Justificación/).fill('El término se define en el glosario del Entregable 1.');
  await page.locator('#aporte-2').getByRole('button', { name: 'Guardar la respuesta' }).click();
  await page.getByRole('button', { name: 'Publicar las respuestas' }).click();
  await page.locator('form.confirm').getByLabel('Confirmo: no se puede deshacer').check();
  await page.getByRole('button', { name: 'Sistematizar (todas respondidas)' }).click();
  await expect(page.locator('.facts')).toContainText('Sistematizada');

  const csv = await page.request.get(`${round}/matriz.csv`);
  const text = (await csv.body()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split(/\r?\n/);
  expect(lines[0]).toBe('N°,Fecha,Autor,Organización,Región,Canal,Paso,Texto comentado,Responde a,Aporte,Respuesta,Justificación,Cambio en el texto');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain('Loreto');
  expect(lines[1]).toContain('Acogido parcialmente');
  expect(lines[2]).toContain('No acogido');

  await page.goto(`${round}/matriz`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar XLSX' }).click()]);
  const xlsx = readFileSync(await download.path());
  const strings = zipEntry(xlsx, 'xl/sharedStrings.xml');
  const sheet = zipEntry(xlsx, 'xl/worksheets/sheet1.xml');
  expect(strings).toContain('Cusco: precisar qué significa «activo».');
  expect(strings).toContain('Se incorpora en el enfoque intercultural del paso 3.');
  expect(sheet.match(/<row /g)?.length).toBe(1 + 1 + 2); // title, header, two contributions

  const cusco = await person(browser, 'cusco@pasos.demo');
  await expect(cusco.locator('.bell-count')).not.toHaveText('0');
  await cusco.getByRole('link', { name: /Avisos/ }).click();
  await cusco.getByRole('link', { name: /tiene respuesta/ }).click();
  await expect(cusco.locator('#aporte-2 .answer')).toContainText('No acogido');
  await expect(cusco.locator('#aporte-2 .answer')).toContainText('El término se define en el glosario del Entregable 1.');
  await cusco.context().close();
});

import { expect, test, type Page } from '@playwright/test';
import { freezeE2, openRound, person, signIn } from './helpers';

// A regional participant on a poor link: the consultation they opened stays readable offline, what
// they write offline waits on the device and is sent once when the connection returns; refused
// with the text kept when the consultation closed meanwhile; and nothing stays after signing out.
test.describe.configure({ mode: 'serial' });

let round = '';
let closing = '';

/// Opens `path` through the service worker, so that this visit is kept: once it is active, any
/// navigation goes through it.
async function openKept(page: Page, path: string) {
  await page.goto(path);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.goto(path);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/// How many contributions in the list carry `text`.
const copies = (page: Page, text: string) => page.locator('#aportes li', { hasText: text }).count();

test('the team opens two consultations for Cusco', async ({ page }) => {
  await signIn(page, 'equipo@pasos.demo');
  await freezeE2(page);
  round = await openRound(page, 'Consulta sin conexión: Cusco', ['Cusco']);
  closing = await openRound(page, 'Consulta que cierra mientras tanto', ['Cusco']);
});

test('offline, a participant reads the consultation, writes a contribution, and it is sent once when back online', async ({ browser }) => {
  const cusco = await person(browser, 'cusco@pasos.demo');
  await openKept(cusco, round);
  const title = 'Consulta sin conexión: Cusco';

  await cusco.context().setOffline(true);
  await cusco.goto(round);
  await expect(cusco.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(cusco.getByText('Sin conexión: está viendo la copia guardada en este dispositivo.')).toBeVisible();

  const text = 'Cusco sin conexión: incluir a las rondas campesinas en la vigilancia.';
  await cusco.getByRole('textbox', { name: 'Aporte', exact: true }).fill(text);
  await cusco.getByRole('button', { name: 'Enviar aporte' }).click();
  const pending = cusco.locator('#pendientes');
  await expect(pending).toContainText('Pendiente de envío');
  await expect(pending).toContainText(text);
  // Nothing reached the server: the list of the kept copy does not have it.
  expect(await copies(cusco, text)).toBe(0);

  await cusco.context().setOffline(false);
  await expect(pending.getByRole('status')).toContainText(/se envió y quedó registrado como aporte N° \d+/);
  await expect(pending).not.toContainText('Pendiente de envío');
  await cusco.reload();
  expect(await copies(cusco, text)).toBe(1);
  // Another visit sends nothing again.
  await cusco.goto(round);
  await expect(cusco.locator('#pendientes')).toHaveCount(0);
  expect(await copies(cusco, text)).toBe(1);
  await cusco.context().close();
});

test('written offline, refused because the consultation closed meanwhile: the text is kept and offered back', async ({ browser }) => {
  const cusco = await person(browser, 'cusco@pasos.demo');
  await openKept(cusco, closing);
  await cusco.context().setOffline(true);
  await cusco.goto(closing);
  const text = 'Cusco: esta precisión llegó tarde, pero no se pierde.';
  await cusco.getByRole('textbox', { name: 'Aporte', exact: true }).fill(text);
  await cusco.getByRole('button', { name: 'Enviar aporte' }).click();
  await expect(cusco.locator('#pendientes')).toContainText('Pendiente de envío');

  const team = await person(browser, 'equipo@pasos.demo');
  await team.goto(closing);
  const close = team.locator('form.confirm').filter({ hasText: 'Cerrarla ahora no se puede deshacer' });
  await close.getByLabel('Confirmo: no se puede deshacer').check();
  await close.getByRole('button', { name: 'Cerrar la consulta ahora' }).click();
  await expect(team.locator('.facts')).toContainText('Cerrada');
  await team.context().close();

  await cusco.context().setOffline(false);
  const pending = cusco.locator('#pendientes');
  await expect(pending.getByRole('status')).toContainText('No se envió: la consulta ya cerró. Su texto se conservó.');
  await expect(pending).toContainText(text);
  await pending.getByRole('link', { name: 'Ver su texto en la consulta' }).click();
  await expect(cusco.locator('#texto-aporte')).toHaveValue(text);
  expect(await copies(cusco, text)).toBe(0);
  await cusco.context().close();
});

test('after signing out, the browser keeps no page of the previous user', async ({ browser }) => {
  const cusco = await person(browser, 'cusco@pasos.demo');
  await openKept(cusco, round);
  expect(await cusco.evaluate(async () => (await caches.keys()).length)).toBe(1);
  await cusco.getByRole('button', { name: 'Salir' }).click();
  await expect(cusco.getByLabel('Correo electrónico')).toBeVisible();
  expect(await cusco.evaluate(async () => (await caches.keys()).length)).toBe(0);

  await cusco.context().setOffline(true);
  const answer = await cusco.goto(round).catch((e: Error) => e);
  expect(answer).toBeInstanceOf(Error);
  await expect(cusco.getByText('Consulta sin conexión: Cusco')).toHaveCount(0);
  await cusco.context().close();
});

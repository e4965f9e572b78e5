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
  // Said where the eye is: the status takes the focus.
  await expect(pending.getByRole('status')).toBeFocused();
  await expect(pending.getByRole('status')).toHaveText('Su aporte quedó guardado en este dispositivo y se enviará cuando vuelva la conexión.');
  await expect(pending).toContainText('Pendiente de envío');
  await expect(pending).toContainText(text);
  // Nothing reached the server: the list of the kept copy does not have it.
  expect(await copies(cusco, text)).toBe(0);

  await cusco.context().setOffline(false);
  await expect(pending.getByRole('status')).toContainText(/se envió y quedó registrado como aporte N° \d+/);
  await expect(pending).not.toContainText('Pendiente de envío');
  // The copy says the connection is back, and leads to the current page.
  await expect(cusco.locator('.offline-banner')).toContainText('Volvió la conexión');
  await expect(cusco.locator('.offline-banner').getByRole('link', { name: 'Ver la versión actual' })).toHaveAttribute('href', round);
  await cusco.reload();
  expect(await copies(cusco, text)).toBe(1);
  // Another visit sends nothing again.
  await cusco.goto(round);
  await expect(cusco.locator('#pendientes')).toHaveCount(0);
  expect(await copies(cusco, text)).toBe(1);
  await cusco.context().close();
});

test('the consultation a reader signs in to (as from an e-mail) is kept at once', async ({ browser }) => {
  const context = await browser.newContext();
  const cusco = await context.newPage();
  await cusco.goto(`/ingresar?siguiente=${encodeURIComponent(round)}`);
  await cusco.getByLabel('Correo electrónico').fill('cusco@pasos.demo');
  await cusco.getByLabel('Contraseña').fill('pasos-demo');
  await cusco.getByRole('button', { name: 'Ingresar' }).click();
  await expect(cusco).toHaveURL(new RegExp(`${round}$`));
  await expect.poll(() => cusco.evaluate(async (path) => Boolean(await caches.match(path)), round)).toBe(true);
  await context.setOffline(true);
  await cusco.reload();
  await expect(cusco.getByRole('heading', { level: 1 })).toHaveText('Consulta sin conexión: Cusco');

  // A page never opened: the offline page, listing the consultations kept here.
  await cusco.goto('/cuenta');
  await expect(cusco.getByRole('heading', { level: 1 })).toHaveText('Sin conexión');
  await expect(cusco.locator('.offline-banner')).toHaveCount(0);
  await expect(cusco.locator('#consultas-guardadas').getByRole('link', { name: 'Consulta sin conexión: Cusco' })).toHaveAttribute('href', round);
  await context.close();
});

test('offline, a reply and a paragraph keep what they answer; a general contribution stays general', async ({ browser }) => {
  const cusco = await person(browser, 'cusco@pasos.demo');
  await openKept(cusco, round);
  // Online, the reply form of contribution 1 (its address has a query: not what is kept).
  await cusco.locator('#aporte-1').getByRole('link', { name: 'Responder a este aporte' }).click();
  const reply = new URL(cusco.url());
  await cusco.context().setOffline(true);

  await cusco.goto(round);
  const form = cusco.locator('#comentar form');
  await expect(form.locator('input[name="responde"]')).toHaveValue('');
  await cusco.goto(reply.pathname + reply.search);
  await expect(cusco.locator('#comentar')).toContainText('Responde al aporte N° 1');
  await expect(form.locator('input[name="responde"]')).toHaveValue(reply.searchParams.get('responde')!);
  await form.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Respuesta escrita sin conexión.');
  await form.getByRole('button', { name: 'Enviar aporte' }).click();
  await expect(cusco.locator('#pendientes')).toContainText('Respuesta escrita sin conexión.');

  const paragraph = await cusco.locator('#texto .block[id^="p3-"]').first().getAttribute('id');
  await cusco.goto(`${round}?paso=3&parrafo=${paragraph}#comentar`);
  await expect(cusco.locator('#comentar')).toContainText('Comenta este párrafo del texto en consulta:');
  await form.getByRole('textbox', { name: 'Aporte', exact: true }).fill('Sobre este párrafo, sin conexión.');
  await form.getByRole('button', { name: 'Enviar aporte' }).click();
  await expect(cusco.locator('#pendientes')).toContainText('Sobre este párrafo, sin conexión.');

  const kept = await cusco.evaluate(() => new Promise<string[][][]>((ok) => {
    const open = indexedDB.open('pasos', 1);
    open.onsuccess = () => {
      const all = open.result.transaction('pendientes').objectStore('pendientes').getAll();
      all.onsuccess = () => ok(all.result.sort((a, b) => a.creado - b.creado).map((i) => i.campos));
    };
  }));
  const field = (fields: string[][], name: string) => fields.find(([k]) => k === name)?.[1];
  expect(field(kept[0], 'responde')).toBe(reply.searchParams.get('responde'));
  expect(field(kept[0], 'parrafo')).toBe('');
  expect(field(kept[1], 'responde')).toBe('');
  expect(field(kept[1], 'parrafo')).toBe(paragraph);
  expect(field(kept[1], 'paso')).toBe('3');
  await cusco.context().setOffline(false);
  await expect(cusco.locator('#pendientes').getByRole('status')).toContainText(/N° \d+.*N° \d+/);
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

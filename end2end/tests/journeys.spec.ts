import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/// From the list of policies to the text of PNMPETF's Paso 1, as a reader would go.
async function readPnmpetfPaso1(page: Page) {
  await signIn(page, 'equipo@pasos.demo');
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Políticas nacionales en formulación');
  const card = page.getByRole('article', { name: /PNMPETF/ });
  // As seeded; or re-entered, when the paperwork journey (on the same server) has run first.
  await expect(card.getByText(/^(En levantamiento de observaciones|Reingresado al CEPLAN)$/)).toBeVisible();
  await card.getByRole('link', { name: /PNMPETF/ }).click();

  await expect(page).toHaveURL(/\/politicas\/pnmpetf$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trabajo Forzoso');
  await expect(page.getByText('Resolución Ministerial N° 293-2022-TR').first()).toBeVisible();
  const history = page.getByRole('region', { name: 'Historia' });
  await expect(history.getByText('junio de 2023')).toBeVisible();
  await expect(history.getByRole('heading', { name: 'Comentarios y recomendaciones del CEPLAN' })).toBeVisible();

  const e1 = page.getByRole('region', { name: /Entregable 1/ });
  await e1.getByRole('link', { name: /Paso 1: Delimitación y enunciación del problema público/ }).click();

  await expect(page).toHaveURL(/\/politicas\/pnmpetf\/pasos\/1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delimitación y enunciación del problema público');
  await expect(page.getByRole('heading', { level: 2, name: 'Marco normativo' })).toBeVisible();
  await expect(page.getByText(/Protocolo 29 de la OIT/)).toBeVisible();
}

test('a reader follows PNMPETF to Entregable 1, Paso 1 and reads it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await readPnmpetfPaso1(page);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same journey works on the server-rendered pages alone', async ({ page }) => {
    await readPnmpetfPaso1(page);
  });

  test('the regions page lists the 26 jurisdictions', async ({ page }) => {
    await signIn(page, 'directivo@pasos.demo', '/regiones');
    await expect(page).toHaveURL(/\/regiones$/);
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(26);
    await expect(page.getByText('Activo: 18 · Inactivo: 6 · Sin dato: 2')).toBeVisible();
  });
});

test('unknown addresses get the 404 page with status 404', async ({ page }) => {
  await signIn(page, 'directivo@pasos.demo');
  for (const path of ['/politicas/nada', '/politicas/pnmpetf/pasos/10', '/otra-cosa']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
  }
  await page.getByRole('link', { name: 'Ir a la lista de políticas' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Políticas nacionales en formulación');
});

test('pages are plain HTML with the offline script; only the editor loads the wasm, and its island hydrates under the strict CSP', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) scripts.push(new URL(r.url()).pathname);
  });
  // The Content-Security-Policy allows no inline script: nothing Pasos needs may be refused.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signIn(page, 'equipo@pasos.demo');
  await page.goto('/');
  await page.getByRole('link', { name: 'Regiones' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regiones');
  await page.goto('/politicas/pnmpetf/pasos/2');
  await page.waitForLoadState('networkidle');
  // Only the small offline script (and the service worker it registers): no wasm, no framework.
  expect([...new Set(scripts)].sort(), 'no other script on reading pages').toEqual(['/sin-conexion.js', '/sw.js'].filter((s) => scripts.includes(s)));
  expect(scripts).toContain('/sin-conexion.js');

  await page.goto('/politicas/pnmpetf/pasos/2/editar');
  await page.waitForLoadState('networkidle');
  expect(scripts.some((s) => s.endsWith('.wasm'))).toBe(true);
  // The island is live: typing updates the preview without a submit.
  await page.getByLabel('Texto del paso').fill('## Prueba de la isla');
  await expect(page.getByRole('region', { name: 'Vista previa' }).getByRole('heading', { name: 'Prueba de la isla' })).toBeVisible();
  // The form's key, made on the server, survives the island's hydration.
  await expect(page.locator('form.editor input[name="clave"]')).toHaveValue(/^[0-9a-f]{32}$/);
  expect(refused).toEqual([]);
});

test('the health check reports the database', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', db: 'mem' });
});

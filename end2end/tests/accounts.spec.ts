import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a signed-out visitor is sent to the sign-in page and back', async ({ page }) => {
  await page.goto('/politicas/pnmpetf');
  await expect(page).toHaveURL(/\/ingresar\?siguiente=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ingresar');
  await page.getByLabel('Correo electrónico').fill('equipo@pasos.demo');
  await page.getByLabel('Contraseña').fill('pasos-demo');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/politicas\/pnmpetf$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trabajo Forzoso');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a wrong password gets a clear message and keeps the e-mail', async ({ page }) => {
    await page.goto('/ingresar');
    await page.getByLabel('Correo electrónico').fill('loreto@pasos.demo');
    await page.getByLabel('Contraseña').fill('no-es-la-clave');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByRole('alert')).toHaveText('El correo o la contraseña no son correctos.');
    await expect(page.getByLabel('Correo electrónico')).toHaveValue('loreto@pasos.demo');
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, 'directivo@pasos.demo');
    await page.getByRole('button', { name: 'Salir' }).click();
    await expect(page.getByText('Cerró su sesión.')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/ingresar/);
  });
});

const roles: Array<{ email: string; name: RegExp; readsDrafts: boolean }> = [
  { email: 'admin@pasos.demo', name: /Administración/, readsDrafts: true },
  { email: 'equipo@pasos.demo', name: /Equipo de la política/, readsDrafts: true },
  { email: 'directivo@pasos.demo', name: /Directivo/, readsDrafts: true },
  { email: 'ceplan@pasos.demo', name: /CEPLAN/, readsDrafts: false },
  { email: 'cusco@pasos.demo', name: /Participante regional/, readsDrafts: false, participant: true },
  { email: 'loreto@pasos.demo', name: /Participante regional/, readsDrafts: false, participant: true },
];

for (const role of roles) {
  test(`${role.email} sees what the role may, and nothing more`, async ({ page }) => {
    await signIn(page, role.email);
    await expect(page.locator('.session-roles')).toHaveText(role.name);
    if ('participant' in role) {
      // A participant's home is their consultations; the menu has nothing that is not theirs.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sus consultas');
      await expect(page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Tablero' })).toHaveCount(0);
    } else {
      await expect(page.getByRole('article', { name: /PNMPETI/ })).toBeVisible();
    }
    const res = await page.goto('/politicas/pnmpetf/pasos/1');
    if (role.readsDrafts) {
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 2, name: 'Marco normativo' })).toBeVisible();
    } else {
      expect(res?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sin permiso');
      await expect(page.getByText('Marco normativo')).toHaveCount(0);
    }
  });
}
